import { z } from "zod";
import { safeText } from "../validation/text.js";
import { ADJUSTMENT_REASONS, MAX_STOCK_DELTA, quantityAfter } from "./rules.js";
import { assertLocationActive } from "../locations/rules.js";
import { assertItemActive } from "../catalogue/rules.js";
import { defineMutation } from "../mutations/define.js";

export const stockAdjust = defineMutation({
  name: "stock.adjust",
  permission: "stock.adjust",
  args: z.object({
    /** The adjustment's own id, chosen by the client so a retried push cannot adjust twice. */
    id: z.uuid(),
    locationId: z.uuid(),
    itemId: z.uuid(),
    batchId: z.uuid().nullable().default(null),
    quantity: z
      .number()
      .int("Quantity must be a whole number")
      .refine((q) => q !== 0, "Quantity cannot be zero")
      .refine((q) => Math.abs(q) <= MAX_STOCK_DELTA, "Quantity is too large"),
    reason: z.enum(ADJUSTMENT_REASONS),
    note: safeText().trim().max(500).optional(),
  }),
  async applyClient(tx, args) {
    assertLocationActive(await tx.get("location", args.locationId));
    assertItemActive(await tx.get("item", args.itemId));
    const rows = await tx.where("inventory", { locationId: args.locationId, itemId: args.itemId, batchId: args.batchId });
    const row = rows[0] ?? { id: tx.newId(), locationId: args.locationId, itemId: args.itemId, batchId: args.batchId, quantity: 0, version: 0 };
    await tx.put("inventory", { ...row, quantity: quantityAfter(row.quantity, args.quantity) });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const STOCK_MUTATIONS = { [stockAdjust.name]: stockAdjust };
