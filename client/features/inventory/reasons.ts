import { ADJUSTMENT_REASONS, type AdjustmentReason } from "../../../shared/stock/rules.js";

const LABELS: Record<AdjustmentReason, string> = {
  COUNT_CORRECTION: "Count correction",
  DAMAGED: "Damaged",
  EXPIRED: "Expired",
  FOUND: "Found",
  USED: "Used",
  OTHER: "Other",
  OPENING_BALANCE: "Opening balance",
};

/** Reasons with their labels, in the shared order. */
export const REASON_OPTIONS = ADJUSTMENT_REASONS.map((value) => ({ value, label: LABELS[value] }));
