/** Why a line in the stock ledger exists. Every change of stock on hand is one of these. */
export const MOVEMENT_KINDS = ["RECEIPT", "ADJUSTMENT", "TRANSFER_OUT", "TRANSFER_IN", "COUNT", "CONSUMPTION"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
