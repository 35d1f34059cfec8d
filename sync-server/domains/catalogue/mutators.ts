/**
 * Server side of the item mutations. Checks run under the practice's version lock (sync/versions.ts),
 * so two tablets creating the same SKU at once get one item and one friendly refusal, not a constraint
 * error. A GTIN links the item to the global product, created on first use through the audited
 * catalogue capability (ctx.catalogue): this transaction may only read Product.
 */
import {
  assertCanArchiveItem,
  assertCanChangeBatchTracking,
  assertCanUnarchiveItem,
  assertItemActive,
  assertUniqueCodes,
  normalizeGtin,
} from "../../../shared/catalogue/rules.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import type { MutatorContext, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import { createItemsBatch } from "./create-batch.js";
import { itemsRepo } from "./items-repository.js";

/** The product for this GTIN: the one already known (read with the codes), created through the catalogue otherwise. */
async function productFor(ctx: MutatorContext, known: string | null, gtin: string, name: string) {
  if (known) return known;
  return (await ctx.catalogue.productForGtin({ gtin, name })).id;
}

/**
 * The uniqueness check before any global write: a refused item must not leave a new product behind.
 * Answers the GTIN's existing product, read in the same statement.
 */
async function assertCodesFree(ctx: MutatorContext, id: string, sku: string | null, gtin: string | null): Promise<string | null> {
  const { productId, items } = await itemsRepo(ctx.tx).codesInUse(ctx.practiceId, sku, gtin);
  assertUniqueCodes(items, { id, sku, gtin });
  return productId;
}

export async function createItem(ctx: MutatorContext, args: MutationArgs<"item.create">) {
  const gtin = args.gtin ? normalizeGtin(args.gtin) : null;
  const sku = args.sku ?? null;
  const known = await assertCodesFree(ctx, args.id, sku, gtin);
  const productId = gtin ? await productFor(ctx, known, gtin, args.name) : null;
  const data = {
    name: args.name,
    sku,
    productId,
    unit: args.unit ?? "each",
    packSize: args.packSize ?? 1,
    category: args.category ?? null,
    notes: args.notes ?? null,
    batchTracked: args.batchTracked ?? false,
    version: ctx.version,
  };
  await itemsRepo(ctx.tx).create(ctx.practiceId, args.id, data);
  const { version: _version, ...recorded } = data;
  await ctx.audit("item.create", "item", args.id, { ...recorded, gtin });
}

export async function updateItem(ctx: MutatorContext, args: MutationArgs<"item.update">) {
  const repo = itemsRepo(ctx.tx);
  const before = assertItemActive(await repo.get(ctx.practiceId, args.id));
  const gtin = args.gtin === undefined ? before.gtin : args.gtin === null ? null : normalizeGtin(args.gtin);
  const sku = args.sku === undefined ? before.sku : args.sku;
  const known = await assertCodesFree(ctx, args.id, sku, gtin);
  if (args.batchTracked !== undefined)
    assertCanChangeBatchTracking(before.batchTracked, args.batchTracked, await repo.stock(ctx.practiceId, args.id));
  const productId = gtin === before.gtin ? before.productId : gtin ? await productFor(ctx, known, gtin, args.name ?? before.name) : null;

  const next = {
    name: args.name,
    sku: args.sku,
    unit: args.unit,
    packSize: args.packSize,
    category: args.category,
    notes: args.notes,
    batchTracked: args.batchTracked,
  };
  await repo.update(ctx.practiceId, args.id, { ...next, productId, version: ctx.version });
  // The audit row says what changed, from what to what (unchanged fields are left out).
  const changes: Record<string, unknown> = {};
  for (const [field, to] of Object.entries(next)) {
    const from = before[field as keyof typeof next];
    if (to !== undefined && to !== from) changes[field] = { from, to };
  }
  if (gtin !== before.gtin) changes.gtin = { from: before.gtin, to: gtin };
  await ctx.audit("item.update", "item", args.id, changes);
}

export async function archiveItem(ctx: MutatorContext, args: MutationArgs<"item.archive">) {
  const repo = itemsRepo(ctx.tx);
  const item = await repo.get(ctx.practiceId, args.id);
  const stock = await repo.stock(ctx.practiceId, args.id);
  assertCanArchiveItem(item, stock.batched + stock.unbatched);
  await repo.update(ctx.practiceId, args.id, { archived: true, version: ctx.version });
  await ctx.audit("item.archive", "item", args.id, { archived: { from: false, to: true } });
}

export async function unarchiveItem(ctx: MutatorContext, args: MutationArgs<"item.unarchive">) {
  const repo = itemsRepo(ctx.tx);
  assertCanUnarchiveItem(await repo.get(ctx.practiceId, args.id));
  await repo.update(ctx.practiceId, args.id, { archived: false, version: ctx.version });
  await ctx.audit("item.unarchive", "item", args.id, { archived: { from: true, to: false } });
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const CATALOGUE_MUTATORS = {
  "item.create": createItem,
  "item.update": updateItem,
  "item.archive": archiveItem,
  "item.unarchive": unarchiveItem,
} satisfies Partial<ServerMutators>;

/** Set-based forms for runs of one name in a push chunk (a CSV import's creations). */
export const CATALOGUE_BATCH_MUTATORS = {
  "item.create": createItemsBatch,
} satisfies ServerBatchMutators;
