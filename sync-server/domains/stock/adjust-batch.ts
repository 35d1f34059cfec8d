/**
 * stock.adjust for a run of adjustments in one push chunk (a tablet back from a day offline), in four
 * statements whatever the run's length: the targets checked together, the inventory rows locked, the
 * rows and movements written, the adjustments inserted. Same checks, rows, audit entries and refusals
 * as adjustStock one by one (see BatchMutator's contract); a refusal throws and push redoes the run
 * one by one, so the refused adjustment gets its own answer.
 */
import type { MutationArgs } from "../../../shared/mutations/index.js";
import type { BatchEntry, MutatorResult } from "../../sync/mutator-context.js";
import { applyStockMovements } from "./ledger.js";
import { movementTargetsMany } from "./movement-targets.js";

export async function adjustStockBatch(entries: readonly BatchEntry<MutationArgs<"stock.adjust">>[]): Promise<MutatorResult[]> {
  const { tx, practiceId, userId, version } = entries[0]!.ctx;
  const args = entries.map((e) => e.args);
  await movementTargetsMany(tx, practiceId, args);
  const applied = await applyStockMovements(
    tx,
    entries.map(({ ctx, args: a }) => ({
      practiceId,
      locationId: a.locationId,
      itemId: a.itemId,
      batchId: a.batchId,
      kind: "ADJUSTMENT" as const,
      delta: a.quantity,
      reason: a.reason,
      reference: a.id,
      actorId: ctx.userId,
      mutationId: ctx.mutationId,
      version: ctx.version,
    })),
  );
  await tx.$executeRaw`
    INSERT INTO "StockAdjustment" ("id", "practiceId", "locationId", "itemId", "batchId", "quantity", "reason", "note", "actorId", "version")
    SELECT a."id", ${practiceId}::uuid, a."locationId", a."itemId", a."batchId", a."quantity", a."reason"::"AdjustmentReason", a."note", ${userId}::uuid, ${version}
    FROM unnest(${args.map((a) => a.id)}::uuid[], ${args.map((a) => a.locationId)}::uuid[], ${args.map((a) => a.itemId)}::uuid[],
                ${args.map((a) => a.batchId)}::uuid[], ${args.map((a) => a.quantity)}::int[], ${args.map((a) => a.reason)}::text[],
                ${args.map((a) => a.note ?? null)}::text[])
         AS a("id", "locationId", "itemId", "batchId", "quantity", "reason", "note")`;
  for (const [i, { ctx, args: a }] of entries.entries()) {
    const { inventoryId, before, after } = applied[i]!;
    await ctx.audit("stock.adjust", "inventory", inventoryId, {
      quantity: { from: before, to: after },
      delta: a.quantity,
      reason: a.reason,
      note: a.note ?? null,
      adjustmentId: a.id,
    });
  }
  return entries.map(() => undefined);
}
