import type { OrderRow } from "../../../shared/protocol/entities.js";

/** Order statuses in words. */
export const ORDER_STATUS_LABELS: Record<OrderRow["status"], string> = {
  DRAFT: "Draft",
  SENT: "Sent",
  PARTIALLY_RECEIVED: "Partially received",
  RECEIVED: "Received",
  CANCELLED: "Cancelled",
};
