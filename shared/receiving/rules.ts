/** Goods receipts: a draft is being filled in, a posted one has moved stock, a cancelled one never will. */
export const RECEIPT_STATUSES = ["DRAFT", "POSTED", "CANCELLED"] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
