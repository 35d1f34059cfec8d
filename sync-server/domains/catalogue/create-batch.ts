/**
 * item.create for a run of creations in one push chunk (a CSV import), in a handful of statements
 * whatever the run's length: the clashes of every SKU, GTIN and id read together, the new global products
 * found or created in one system transaction, the items inserted together. Same rows, audit entries and
 * refusals as createItem one by one (BatchMutator's contract): any clash, inside the run or with a stored
 * item, throws and push redoes the run one by one, so the refused creation gets createItem's own answer.
 */
import { normalizeGtin } from "../../../shared/catalogue/rules.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { oneByOne, type BatchEntry, type MutatorResult } from "../../sync/mutator-context.js";

export async function createItemsBatch(entries: readonly BatchEntry<MutationArgs<"item.create">>[]): Promise<MutatorResult[]> {
  const { tx, practiceId, version } = entries[0]!.ctx;
  const rows = entries.map(({ args }) => ({
    id: args.id,
    name: args.name,
    sku: args.sku ?? null,
    gtin: args.gtin ? normalizeGtin(args.gtin) : null,
    unit: args.unit ?? "each",
    packSize: args.packSize ?? 1,
    category: args.category ?? null,
    notes: args.notes ?? null,
    batchTracked: args.batchTracked ?? false,
  }));
  const distinct = (values: (string | null)[]) =>
    new Set(values.filter((v) => v !== null)).size === values.filter((v) => v !== null).length;
  if (!distinct(rows.map((r) => r.id)) || !distinct(rows.map((r) => r.sku)) || !distinct(rows.map((r) => r.gtin)))
    throw oneByOne("item.create", "a code repeats inside the run");

  const gtins = rows.flatMap((r) => (r.gtin ? [r.gtin] : []));
  const skus = rows.flatMap((r) => (r.sku ? [r.sku] : []));
  // The known products of the run's GTINs, and any stored item of this practice that shares an id, a SKU
  // or one of those products with the run (every such item is a clash for some entry).
  const found = await tx.$queryRaw<{ kind: "product" | "item"; id: string; gtin: string | null }[]>`
    WITH product AS (SELECT "id", "gtin" FROM "Product" WHERE "gtin" = ANY(${gtins}::text[]))
    SELECT 'product' AS "kind", "id"::text AS "id", "gtin" FROM product
    UNION ALL
    (SELECT 'item', i."id"::text, NULL FROM "Item" i
     WHERE i."practiceId" = ${practiceId}::uuid
       AND (i."id" = ANY(${rows.map((r) => r.id)}::uuid[]) OR i."sku" = ANY(${skus}::text[]) OR i."productId" IN (SELECT "id" FROM product))
     LIMIT 1)`;
  if (found.some((f) => f.kind === "item")) throw oneByOne("item.create", "a stored item shares a code");
  const productIds = new Map(found.map((f) => [f.gtin!, f.id]));

  const missing = entries.flatMap(({ ctx }, i) => {
    const gtin = rows[i]!.gtin;
    return gtin && !productIds.has(gtin) ? [{ gtin, name: rows[i]!.name, mutationId: ctx.mutationId, ctx }] : [];
  });
  if (missing.length) {
    const catalogue = entries[0]!.ctx.catalogue;
    if (catalogue.productsForGtins) {
      const answered = await catalogue.productsForGtins(missing.map(({ gtin, name, mutationId }) => ({ gtin, name, mutationId })));
      for (const [gtin, id] of answered) productIds.set(gtin, id);
    } else {
      for (const m of missing) productIds.set(m.gtin, (await m.ctx.catalogue.productForGtin({ gtin: m.gtin, name: m.name })).id);
    }
  }

  const productOf = (r: (typeof rows)[number]) => (r.gtin ? productIds.get(r.gtin)! : null);
  await tx.$executeRaw`
    INSERT INTO "Item" ("id", "practiceId", "productId", "name", "sku", "unit", "packSize", "category", "notes", "batchTracked", "version", "updatedAt")
    SELECT x."id", ${practiceId}::uuid, x."productId", x."name", x."sku", x."unit", x."packSize", x."category", x."notes", x."batchTracked", ${version}, now()
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map(productOf)}::uuid[], ${rows.map((r) => r.name)}::text[],
                ${rows.map((r) => r.sku)}::text[], ${rows.map((r) => r.unit)}::text[], ${rows.map((r) => r.packSize)}::int[],
                ${rows.map((r) => r.category)}::text[], ${rows.map((r) => r.notes)}::text[], ${rows.map((r) => r.batchTracked)}::boolean[])
         AS x("id", "productId", "name", "sku", "unit", "packSize", "category", "notes", "batchTracked")`;
  for (const [i, { ctx }] of entries.entries()) {
    const { id, gtin, ...rest } = rows[i]!;
    await ctx.audit("item.create", "item", id, {
      name: rest.name,
      sku: rest.sku,
      productId: productOf(rows[i]!),
      unit: rest.unit,
      packSize: rest.packSize,
      category: rest.category,
      notes: rest.notes,
      batchTracked: rest.batchTracked,
      gtin,
    });
  }
  return entries.map(() => undefined);
}
