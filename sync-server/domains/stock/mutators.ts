/** Server side of stock adjustments: a ledger movement, the adjustment record and the audit row. */
import type { z } from "zod";
import type { stockAdjust } from "../../../shared/stock/mutations.js";
import { itemsRepo } from "../catalogue/items-repository.js";
import { locationsRepo } from "../locations/repository.js";
import { applyStockMovement } from "./ledger.js";
import type { MutatorContext, ServerMutators } from "../../sync/mutator-context.js";

export async function adjustStock(ctx: MutatorContext, args: z.infer<typeof stockAdjust.args>) {
  const { tx, practiceId } = ctx;
  await locationsRepo(tx).getActive(practiceId, args.locationId);
  const items = itemsRepo(tx);
  await items.getActive(practiceId, args.itemId);
  if (args.batchId) await items.getBatch(practiceId, args.itemId, args.batchId);

  const { before, after, inventoryId } = await applyStockMovement(tx, {
    practiceId,
    locationId: args.locationId,
    itemId: args.itemId,
    batchId: args.batchId,
    kind: "ADJUSTMENT",
    delta: args.quantity,
    reason: args.reason,
    reference: args.id,
    actorId: ctx.userId,
    mutationId: ctx.mutationId,
    version: ctx.version,
  });
  await tx.stockAdjustment.create({
    data: {
      id: args.id,
      practiceId,
      locationId: args.locationId,
      itemId: args.itemId,
      batchId: args.batchId,
      quantity: args.quantity,
      reason: args.reason,
      note: args.note ?? null,
      actorId: ctx.userId,
      version: ctx.version,
    },
  });
  await ctx.audit("stock.adjust", "inventory", inventoryId, {
    quantity: { from: before, to: after }, delta: args.quantity, reason: args.reason, note: args.note ?? null, adjustmentId: args.id,
  });
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const STOCK_MUTATORS = { "stock.adjust": adjustStock } satisfies Partial<ServerMutators>;
