/**
 * Online reads of the stock ledger (every write is a mutation through the sync push). The movements of a
 * lot are read here rather than replicated: StockMovement grows without bound, and its history is needed
 * only when someone traces a lot (the start of recall handling), which may wait for a connection.
 */
import { z } from "zod";
import { defineContract } from "./define.js";

export const lotMovement = z.object({
  id: z.uuid(),
  kind: z.enum(["RECEIPT", "ADJUSTMENT", "TRANSFER_OUT", "TRANSFER_IN", "COUNT", "CONSUMPTION"]),
  delta: z.number().int(),
  locationId: z.uuid(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export type LotMovement = z.infer<typeof lotMovement>;

/** Keyset cursor: the last row of the previous page ("<createdAt ISO>_<id>"), newest first. */
const cursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/, "Not a page cursor");

export const lotMovements = defineContract({
  method: "GET",
  path: "/api/stock/lots/:batchId/movements",
  access: "stock.read",
  params: z.object({ batchId: z.uuid() }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: cursor.optional() }),
  response: z.object({ movements: z.array(lotMovement), nextCursor: z.string().nullable() }),
});
