/**
 * Online reads of ordering (every write is a mutation through the sync push; orders themselves are
 * replicated). The supplier email's state is read here because the email worker changes it outside any
 * push (it would never reach a replica). Suggested orders are computed on the server because usage comes
 * from the stock ledger, which is not replicated (it grows without bound).
 */
import { z } from "zod";
import { defineContract } from "./define.js";

/**
 * NOT_EMAILED: a draft, or phoned in (`sentManually`); QUEUED: waiting for the worker (after a failed
 * attempt, `lastError` says why it is being retried); SENDING; SENT (`sentAt`); FAILED: given up
 * (`lastError`), an admin may retry (`order.retryEmail`).
 */
export const ORDER_EMAIL_STATES = ["NOT_EMAILED", "QUEUED", "SENDING", "SENT", "FAILED"] as const;

export const orderEmailStateResponse = z.object({
  orderId: z.uuid(),
  state: z.enum(ORDER_EMAIL_STATES),
  sentManually: z.boolean(),
  recipient: z.string().nullable(),
  queuedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  attempts: z.number().int(),
  /** FAILED and the caller may retry it. */
  canRetry: z.boolean(),
});
export type OrderEmailState = z.infer<typeof orderEmailStateResponse>;

export const orderEmailState = defineContract({
  method: "GET",
  path: "/api/orders/:orderId/email",
  access: "stock.read",
  params: z.object({ orderId: z.uuid() }),
  response: orderEmailStateResponse,
});

/**
 * The email states an orders list shows at once: every emailed order still open (SENT, partly received)
 * and every order whose email is not sent yet or failed, newest first (at most 500).
 */
export const orderEmailStates = defineContract({
  method: "GET",
  path: "/api/orders/emails",
  access: "stock.read",
  response: z.object({ emails: z.array(orderEmailStateResponse) }),
});

export const suggestionLine = z.object({
  itemId: z.uuid(),
  itemName: z.string(),
  supplierId: z.uuid().nullable(),
  onHand: z.number().int(),
  onOrder: z.number().int(),
  reorderPoint: z.number().int(),
  target: z.number().int(),
  targetKind: z.enum(["max", "reorderPoint"]),
  shortfall: z.number().int(),
  usagePerDay: z.number().nullable(),
  leadTimeDays: z.number().int(),
  unitsNeeded: z.number().int(),
  packSize: z.number().int(),
  minimumOrder: z.number().int(),
  /** The order line's quantity (packs). */
  packs: z.number().int(),
  raisedToMinimum: z.boolean(),
  unitPrice: z.string().nullable(),
  currency: z.string().nullable(),
  /** Why this quantity, in words. */
  why: z.string(),
});
export type SuggestionLine = z.infer<typeof suggestionLine>;

export const orderSuggestions = defineContract({
  method: "GET",
  path: "/api/orders/suggestions",
  access: "orders.manage",
  /** weeks: the usage window; omitted = the practice's setting (StockSettings.usageWindowWeeks). */
  query: z.object({ weeks: z.coerce.number().int().min(1).max(52).optional() }),
  response: z.object({
    asOf: z.string(),
    weeks: z.number().int(),
    /** One group per preferred supplier (a draft each); items without a supplier come last (supplierId null). */
    groups: z.array(z.object({ supplierId: z.uuid().nullable(), supplierName: z.string().nullable(), lines: z.array(suggestionLine) })),
  }),
});
