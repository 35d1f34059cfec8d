/**
 * Server side of the supplier mutations: practice suppliers, their quotes (unit price as Decimal(12,4),
 * written from decimal text, never through a float) and each item's one preferred supplier
 * (Item.defaultSupplierId). Checks run under the practice's version lock, like every mutator.
 */
import { DomainError } from "../../../shared/errors.js";
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { canonicalPrice } from "../../../shared/suppliers/money.js";
import {
  assertCanUnarchiveSupplier,
  assertQuotesItem,
  assertSupplierActive,
  assertUniqueSupplierName,
} from "../../../shared/suppliers/rules.js";
import type { MutatorContext, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import { setSupplierItemsBatch } from "./set-quote-batch.js";
import { itemsRepo } from "../catalogue/items-repository.js";
import { suppliersRepo } from "./repository.js";

export async function createSupplier(ctx: MutatorContext, args: MutationArgs<"supplier.create">) {
  const repo = suppliersRepo(ctx.tx);
  assertUniqueSupplierName(await repo.withName(ctx.practiceId, args.name), args);
  if (args.globalSupplierId && !(await repo.globalExists(args.globalSupplierId)))
    throw new DomainError("NOT_FOUND", "That directory supplier does not exist.");
  const data = {
    id: args.id,
    globalSupplierId: args.globalSupplierId,
    name: args.name,
    accountNumber: args.accountNumber ?? null,
    orderEmail: args.orderEmail ?? null,
    phone: args.phone ?? null,
    notes: args.notes ?? null,
  };
  await repo.create(ctx.practiceId, { ...data, version: ctx.version });
  await ctx.audit("supplier.create", "supplier", args.id, data);
}

export async function updateSupplier(ctx: MutatorContext, args: MutationArgs<"supplier.update">) {
  const repo = suppliersRepo(ctx.tx);
  const before = assertSupplierActive(await repo.get(ctx.practiceId, args.id));
  if (args.name !== undefined) assertUniqueSupplierName(await repo.withName(ctx.practiceId, args.name), { id: args.id, name: args.name });
  const next = { name: args.name, accountNumber: args.accountNumber, orderEmail: args.orderEmail, phone: args.phone, notes: args.notes };
  await repo.update(ctx.practiceId, args.id, { ...next, version: ctx.version });
  const changes: Record<string, unknown> = {};
  for (const [field, to] of Object.entries(next)) {
    const from = before[field as keyof typeof next];
    if (to !== undefined && to !== from) changes[field] = { from, to };
  }
  await ctx.audit("supplier.update", "supplier", args.id, changes);
}

export async function archiveSupplier(ctx: MutatorContext, args: MutationArgs<"supplier.archive">) {
  const repo = suppliersRepo(ctx.tx);
  assertSupplierActive(await repo.get(ctx.practiceId, args.id));
  const preferredBy = (await repo.preferredBy(ctx.practiceId, args.id)).map((i) => i.id);
  await repo.clearPreferred(ctx.practiceId, args.id, ctx.version);
  await repo.update(ctx.practiceId, args.id, { archived: true, version: ctx.version });
  await ctx.audit("supplier.archive", "supplier", args.id, { archived: { from: false, to: true }, noLongerPreferredFor: preferredBy });
}

export async function unarchiveSupplier(ctx: MutatorContext, args: MutationArgs<"supplier.unarchive">) {
  const repo = suppliersRepo(ctx.tx);
  assertCanUnarchiveSupplier(await repo.get(ctx.practiceId, args.id));
  await repo.update(ctx.practiceId, args.id, { archived: false, version: ctx.version });
  await ctx.audit("supplier.unarchive", "supplier", args.id, { archived: { from: true, to: false } });
}

/**
 * What supplierItem.set checks, in one statement: the supplier, the item (with its preferred supplier)
 * and the existing quote for the pair. It ran as four ORM queries, once per price row of a CSV import.
 * Missing rows come back null, so the shared rules give the same NOT_FOUND answers as the repositories.
 */
async function quoteTargets(ctx: MutatorContext, supplierId: string, itemId: string) {
  const rows = await ctx.tx.$queryRaw<
    {
      supplierName: string | null;
      supplierArchived: boolean | null;
      itemName: string | null;
      itemArchived: boolean | null;
      defaultSupplierId: string | null;
      quoteId: string | null;
      quoteUnitPrice: string | null;
      quoteCurrency: string | null;
    }[]
  >`
    SELECT s."name" AS "supplierName", s."archived" AS "supplierArchived",
           i."name" AS "itemName", i."archived" AS "itemArchived", i."defaultSupplierId"::text AS "defaultSupplierId",
           q."id"::text AS "quoteId", q."unitPrice"::text AS "quoteUnitPrice", q."currency" AS "quoteCurrency"
    FROM (SELECT 1) AS one
    LEFT JOIN "PracticeSupplier" s ON s."practiceId" = ${ctx.practiceId}::uuid AND s."id" = ${supplierId}::uuid
    LEFT JOIN "Item" i ON i."practiceId" = ${ctx.practiceId}::uuid AND i."id" = ${itemId}::uuid
    LEFT JOIN "PracticeSupplierItem" q ON q."practiceId" = ${ctx.practiceId}::uuid AND q."practiceSupplierId" = ${supplierId}::uuid AND q."itemId" = ${itemId}::uuid`;
  const r = rows[0]!;
  assertSupplierActive(r.supplierName === null ? null : { name: r.supplierName, archived: r.supplierArchived === true });
  const item = assertItemActive(
    r.itemName === null ? null : { name: r.itemName, archived: r.itemArchived === true, defaultSupplierId: r.defaultSupplierId },
  );
  // unitPrice is Decimal(12,4): its text is the 4-decimal form the audit has always recorded.
  const existing = r.quoteId === null ? null : { id: r.quoteId, unitPrice: r.quoteUnitPrice ?? "", currency: r.quoteCurrency ?? "" };
  return { item, existing };
}

export async function setSupplierItem(ctx: MutatorContext, args: MutationArgs<"supplierItem.set">) {
  const repo = suppliersRepo(ctx.tx);
  const { item, existing } = await quoteTargets(ctx, args.supplierId, args.itemId);
  const data = {
    unitPrice: canonicalPrice(args.unitPrice),
    currency: args.currency,
    packSize: args.packSize,
    minimumOrder: args.minimumOrder,
    leadTimeDays: args.leadTimeDays,
    version: ctx.version,
    ...(args.supplierSku === undefined ? {} : { supplierSku: args.supplierSku }),
  };
  const id = existing?.id ?? args.id;
  if (existing) await repo.updateQuote(ctx.practiceId, existing.id, data);
  else await repo.createQuote(ctx.practiceId, { ...data, id, supplierId: args.supplierId, itemId: args.itemId });
  const { version: _version, ...recorded } = data;
  await ctx.audit(existing ? "supplierItem.update" : "supplierItem.create", "supplierItem", id, {
    ...recorded,
    supplierId: args.supplierId,
    itemId: args.itemId,
    ...(existing ? { previousUnitPrice: existing.unitPrice, previousCurrency: existing.currency } : {}),
  });
  if (args.preferred === true && item.defaultSupplierId !== args.supplierId)
    await setPreferred(ctx, args.itemId, item.defaultSupplierId, args.supplierId);
  if (args.preferred === false && item.defaultSupplierId === args.supplierId) await setPreferred(ctx, args.itemId, args.supplierId, null);
}

export async function removeSupplierItem(ctx: MutatorContext, args: MutationArgs<"supplierItem.remove">) {
  const repo = suppliersRepo(ctx.tx);
  const quote = await repo.quoteById(ctx.practiceId, args.id);
  const item = await itemsRepo(ctx.tx).get(ctx.practiceId, quote.itemId);
  if (item.defaultSupplierId === quote.practiceSupplierId) await setPreferred(ctx, item.id, quote.practiceSupplierId, null);
  await repo.deleteQuote(ctx.practiceId, args.id, ctx.version);
  await ctx.audit("supplierItem.remove", "supplierItem", args.id, {
    supplierId: quote.practiceSupplierId,
    itemId: quote.itemId,
    unitPrice: quote.unitPrice.toFixed(4),
    currency: quote.currency,
  });
}

async function setPreferred(ctx: MutatorContext, itemId: string, from: string | null, to: string | null) {
  await itemsRepo(ctx.tx).update(ctx.practiceId, itemId, { defaultSupplierId: to, version: ctx.version });
  await ctx.audit("item.setPreferredSupplier", "item", itemId, { defaultSupplierId: { from, to } });
}

export async function setPreferredSupplier(ctx: MutatorContext, args: MutationArgs<"item.setPreferredSupplier">) {
  const item = assertItemActive(await itemsRepo(ctx.tx).get(ctx.practiceId, args.itemId));
  if (args.supplierId) {
    const repo = suppliersRepo(ctx.tx);
    const supplier = assertSupplierActive(await repo.get(ctx.practiceId, args.supplierId));
    assertQuotesItem(await repo.quote(ctx.practiceId, args.supplierId, args.itemId), supplier, item);
  }
  await setPreferred(ctx, args.itemId, item.defaultSupplierId, args.supplierId);
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const SUPPLIER_MUTATORS = {
  "supplier.create": createSupplier,
  "supplier.update": updateSupplier,
  "supplier.archive": archiveSupplier,
  "supplier.unarchive": unarchiveSupplier,
  "supplierItem.set": setSupplierItem,
  "supplierItem.remove": removeSupplierItem,
  "item.setPreferredSupplier": setPreferredSupplier,
} satisfies Partial<ServerMutators>;

/** Set-based forms for runs of one name in a push chunk (a CSV import's prices). */
export const SUPPLIER_BATCH_MUTATORS = {
  "supplierItem.set": setSupplierItemsBatch,
} satisfies ServerBatchMutators;
