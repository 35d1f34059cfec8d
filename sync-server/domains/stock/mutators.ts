/**
 * Server side of the stock mutations. Every quantity change goes through the one ledger (ledger.ts);
 * the shared rules (batch required, distinct locations, levels) run here exactly as in the client's
 * optimistic apply. Push holds the practice's version lock, so checks and writes need no lock of their own.
 */
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { batchIdFor } from "../../../shared/stock/batch-id.js";
import { parseExpiry } from "../../../shared/stock/expiry.js";
import { assertBatchChoice, assertDistinctLocations, assertLevels } from "../../../shared/stock/rules.js";
import { itemsRepo } from "../catalogue/items-repository.js";
import { locationsRepo } from "../locations/repository.js";
import { applyStockMovement, type Movement } from "./ledger.js";
import { movementTargets } from "./movement-targets.js";
import type { MutatorContext, MutatorResult, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import { adjustStockBatch } from "./adjust-batch.js";

/** The item, active, and the movement's batch checked against it (required when tracked, and its own). */
async function itemForMovement(ctx: MutatorContext, itemId: string, batchId: string | null) {
  const items = itemsRepo(ctx.tx);
  const item = await items.getActive(ctx.practiceId, itemId);
  assertBatchChoice(item, batchId);
  if (batchId) await items.getBatch(ctx.practiceId, itemId, batchId);
  return item;
}

function movement(
  ctx: MutatorContext,
  m: Pick<Movement, "locationId" | "itemId" | "batchId" | "kind" | "delta" | "reason" | "reference">,
): Movement {
  return { ...m, practiceId: ctx.practiceId, actorId: ctx.userId, mutationId: ctx.mutationId, version: ctx.version };
}

export async function adjustStock(ctx: MutatorContext, args: MutationArgs<"stock.adjust">) {
  const { tx, practiceId } = ctx;
  // The hottest mutation: its checks in one statement and its rows in raw SQL (push profile).
  await movementTargets(tx, practiceId, args.locationId, args.itemId, args.batchId);

  const { before, after, inventoryId } = await applyStockMovement(
    tx,
    movement(ctx, {
      locationId: args.locationId,
      itemId: args.itemId,
      batchId: args.batchId,
      kind: "ADJUSTMENT",
      delta: args.quantity,
      reason: args.reason,
      reference: args.id,
    }),
  );
  await tx.$executeRaw`
    INSERT INTO "StockAdjustment" ("id", "practiceId", "locationId", "itemId", "batchId", "quantity", "reason", "note", "actorId", "version")
    VALUES (${args.id}::uuid, ${practiceId}::uuid, ${args.locationId}::uuid, ${args.itemId}::uuid, ${args.batchId}::uuid, ${args.quantity}::int,
            ${args.reason}::"AdjustmentReason", ${args.note ?? null}, ${ctx.userId}::uuid, ${ctx.version})`;
  await ctx.audit("stock.adjust", "inventory", inventoryId, {
    quantity: { from: before, to: after },
    delta: args.quantity,
    reason: args.reason,
    note: args.note ?? null,
    adjustmentId: args.id,
  });
}

export async function createBatch(ctx: MutatorContext, args: MutationArgs<"batch.create">): Promise<MutatorResult> {
  const { tx, practiceId } = ctx;
  await itemsRepo(tx).getActive(practiceId, args.itemId);
  if (args.id !== (await batchIdFor(args.itemId, args.lot)))
    throw new DomainError("VALIDATION_FAILED", "Batch id does not match its item and lot.");
  const expiry = args.expiry === null ? null : parseExpiry(args.expiry);

  const existing = await tx.batch.findFirst({
    where: { practiceId, itemId: args.itemId, lot: args.lot },
    select: { id: true, expiryRaw: true, expiryDate: true },
  });
  if (existing) {
    if (existing.id !== args.id) {
      // A lot recorded before ids were derived from it (seed or import): the client should have used it.
      throw new DomainError("ALREADY_EXISTS", `Lot "${args.lot}" is already recorded for this item; choose it from the list.`);
    }
    const recorded = existing.expiryRaw ?? existing.expiryDate?.toISOString().slice(0, 10) ?? null;
    if (recorded === (expiry?.raw ?? null)) return;
    // The same lot arrived on two tablets with different expiries typed: the first one stands, flagged.
    return {
      conflict: {
        code: "CONFLICT",
        message: `Lot "${args.lot}" was already recorded with expiry ${recorded ?? "none"}; that expiry is kept.`,
      },
    };
  }
  await tx.batch.create({
    data: {
      id: args.id,
      practiceId,
      itemId: args.itemId,
      lot: args.lot,
      expiryDate: expiry ? new Date(`${expiry.iso}T00:00:00Z`) : null,
      expiryRaw: expiry?.raw ?? null,
      version: ctx.version,
    },
  });
  await ctx.audit("batch.create", "batch", args.id, { itemId: args.itemId, lot: args.lot, expiry: expiry?.raw ?? null });
}

export async function transferStock(ctx: MutatorContext, args: MutationArgs<"stock.transfer">) {
  const { tx, practiceId } = ctx;
  const locations = locationsRepo(tx);
  await locations.getActive(practiceId, args.fromLocationId);
  await locations.getActive(practiceId, args.toLocationId);
  await itemForMovement(ctx, args.itemId, args.batchId);
  // After the look-ups: another practice's item or batch is "not found" whatever the locations are.
  assertDistinctLocations(args.fromLocationId, args.toLocationId);

  const line = { itemId: args.itemId, batchId: args.batchId, reason: "TRANSFER", reference: args.id };
  const out = await applyStockMovement(
    tx,
    movement(ctx, { ...line, locationId: args.fromLocationId, kind: "TRANSFER_OUT", delta: -args.quantity }),
  );
  const into = await applyStockMovement(
    tx,
    movement(ctx, { ...line, locationId: args.toLocationId, kind: "TRANSFER_IN", delta: args.quantity }),
  );
  await tx.transfer.create({
    data: {
      id: args.id,
      practiceId,
      fromLocationId: args.fromLocationId,
      toLocationId: args.toLocationId,
      itemId: args.itemId,
      batchId: args.batchId,
      quantity: args.quantity,
      note: args.note ?? null,
      actorId: ctx.userId,
      version: ctx.version,
    },
  });
  await ctx.audit("stock.transfer", "transfer", args.id, {
    itemId: args.itemId,
    batchId: args.batchId,
    quantity: args.quantity,
    from: { locationId: args.fromLocationId, quantity: { from: out.before, to: out.after } },
    to: { locationId: args.toLocationId, quantity: { from: into.before, to: into.after } },
  });
}

export async function consumeStock(ctx: MutatorContext, args: MutationArgs<"stock.consume">) {
  const { tx, practiceId } = ctx;
  await movementTargets(tx, practiceId, args.locationId, args.itemId, args.batchId);
  const { before, after, inventoryId } = await applyStockMovement(
    tx,
    movement(ctx, {
      locationId: args.locationId,
      itemId: args.itemId,
      batchId: args.batchId,
      kind: "CONSUMPTION",
      delta: -args.quantity,
      reason: args.note ?? null,
      reference: args.id,
    }),
  );
  await ctx.audit("stock.consume", "inventory", inventoryId, {
    quantity: { from: before, to: after },
    used: args.quantity,
    note: args.note ?? null,
    consumptionId: args.id,
  });
}

export async function setParLevel(ctx: MutatorContext, args: MutationArgs<"parLevel.set">) {
  const { tx, practiceId } = ctx;
  await itemsRepo(tx).getActive(practiceId, args.itemId);
  await locationsRepo(tx).getActive(practiceId, args.locationId);
  assertLevels(args.minQuantity, args.maxQuantity);
  const key = { practiceId, itemId: args.itemId, locationId: args.locationId };
  const before = await tx.parLevel.findUnique({
    where: { practiceId_itemId_locationId: key },
    select: { id: true, minQuantity: true, maxQuantity: true },
  });
  const levels = { minQuantity: args.minQuantity, maxQuantity: args.maxQuantity, version: ctx.version };
  const row = await tx.parLevel.upsert({
    where: { practiceId_itemId_locationId: key },
    create: { ...key, ...levels },
    update: levels,
    select: { id: true },
  });
  await ctx.audit("parLevel.set", "parLevel", row.id, {
    itemId: args.itemId,
    locationId: args.locationId,
    minQuantity: { from: before?.minQuantity ?? null, to: args.minQuantity },
    maxQuantity: { from: before?.maxQuantity ?? null, to: args.maxQuantity },
  });
}

export async function setItemLevels(ctx: MutatorContext, args: MutationArgs<"stock.setItemLevels">) {
  const { tx, practiceId } = ctx;
  await itemsRepo(tx).getActive(practiceId, args.itemId);
  assertLevels(args.reorderPoint, args.maxStock);
  const before = await tx.item.findFirstOrThrow({ where: { practiceId, id: args.itemId }, select: { reorderPoint: true, maxStock: true } });
  await tx.item.updateMany({
    where: { practiceId, id: args.itemId },
    data: { reorderPoint: args.reorderPoint, maxStock: args.maxStock, version: ctx.version },
  });
  await ctx.audit("stock.setItemLevels", "item", args.itemId, {
    reorderPoint: { from: before.reorderPoint, to: args.reorderPoint },
    maxStock: { from: before.maxStock, to: args.maxStock },
  });
}

export async function setExpiryHorizon(ctx: MutatorContext, args: MutationArgs<"stock.setExpiryHorizon">) {
  const { tx, practiceId } = ctx;
  const before = await tx.stockSettings.findUnique({ where: { practiceId }, select: { expiryHorizonDays: true } });
  await tx.stockSettings.upsert({
    where: { practiceId },
    create: { practiceId, expiryHorizonDays: args.days, version: ctx.version },
    update: { expiryHorizonDays: args.days, version: ctx.version },
  });
  await ctx.audit("stock.setExpiryHorizon", "practice", practiceId, {
    expiryHorizonDays: { from: before?.expiryHorizonDays ?? 90, to: args.days },
  });
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const STOCK_MUTATORS = {
  "stock.adjust": adjustStock,
  "batch.create": createBatch,
  "stock.transfer": transferStock,
  "stock.consume": consumeStock,
  "parLevel.set": setParLevel,
  "stock.setItemLevels": setItemLevels,
  "stock.setExpiryHorizon": setExpiryHorizon,
} satisfies Partial<ServerMutators>;

/** Set-based forms, for runs of consecutive mutations in a push chunk (push-apply.ts). */
export const STOCK_BATCH_MUTATORS = {
  "stock.adjust": adjustStockBatch,
} satisfies ServerBatchMutators;
