/**
 * item.createWithPrices: a new item with its supplier prices (a CSV import's new rows). Defined as
 * item.create followed by supplierItem.set for each price, so both forms here are compositions of those
 * mutations' own server code: the same rules, rows and audit entries, and no third copy of either.
 */
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { itemOf } from "../../../shared/suppliers/mutations.js";
import type { BatchEntry, MutatorContext, MutatorResult, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import { createItemsBatch } from "../catalogue/create-batch.js";
import { createItem } from "../catalogue/mutators.js";
import { setSupplierItemsBatch } from "./set-quote-batch.js";
import { setSupplierItem } from "./mutators.js";

type Args = MutationArgs<"item.createWithPrices">;

/** supplierItem.set's arguments for one of the item's prices (the preferred one says so). */
function priceArgs(args: Args, index: number): MutationArgs<"supplierItem.set"> {
  const price = args.prices[index]!;
  return { ...price, itemId: args.id, ...(price.supplierId === args.preferredSupplierId ? { preferred: true } : {}) };
}

export async function createItemWithPrices(ctx: MutatorContext, args: Args): Promise<void> {
  await createItem(ctx, itemOf(args));
  for (let i = 0; i < args.prices.length; i++) await setSupplierItem(ctx, priceArgs(args, i));
}

/**
 * A run of them set-based: the items through item.create's batch form, then the prices through
 * supplierItem.set's, in rounds (every item's first price, then every second one, …) because a run of
 * supplierItem.set names each item once. Either batch form throws for a run it cannot take whole, and
 * push then applies the run one by one through createItemWithPrices.
 */
export async function createItemsWithPricesBatch(entries: readonly BatchEntry<Args>[]): Promise<MutatorResult[]> {
  await createItemsBatch(entries.map(({ ctx, args }) => ({ ctx, args: itemOf(args) })));
  const rounds = Math.max(...entries.map(({ args }) => args.prices.length));
  for (let round = 0; round < rounds; round++) {
    const priced = entries.flatMap(({ ctx, args }) => (round < args.prices.length ? [{ ctx, args: priceArgs(args, round) }] : []));
    await setSupplierItemsBatch(priced);
  }
  return entries.map(() => undefined);
}

/**
 * Its mutators, composed in domains/server-mutators.ts rather than in suppliers/mutators.ts: this file
 * calls setSupplierItem from there, and registering it there too would make the two import each other.
 */
export const PRICED_ITEM_MUTATORS = { "item.createWithPrices": createItemWithPrices } satisfies Partial<ServerMutators>;
export const PRICED_ITEM_BATCH_MUTATORS = { "item.createWithPrices": createItemsWithPricesBatch } satisfies ServerBatchMutators;
