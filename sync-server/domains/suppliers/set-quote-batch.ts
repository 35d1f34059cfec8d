/**
 * supplierItem.set for a run of prices in one push chunk (a CSV import, or its re-import with new
 * prices), in at most four statements whatever the run's length: every supplier, item and existing
 * quote read together, the new quotes inserted together, the existing ones updated together, the
 * preferred suppliers set together. Same rows, audit entries and refusals as setSupplierItem one by one
 * (BatchMutator's contract). A run that would refuse an entry or names one item twice throws, and push
 * redoes it one by one (setSupplierItem's own answers).
 */
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { canonicalPrice } from "../../../shared/suppliers/money.js";
import { assertSupplierActive } from "../../../shared/suppliers/rules.js";
import { oneByOne, type BatchEntry, type MutatorResult } from "../../sync/mutator-context.js";

interface Target {
  supplierName: string | null;
  supplierArchived: boolean | null;
  itemName: string | null;
  itemArchived: boolean | null;
  defaultSupplierId: string | null;
  quoteId: string | null;
  quoteUnitPrice: string | null;
  quoteCurrency: string | null;
}

export async function setSupplierItemsBatch(entries: readonly BatchEntry<MutationArgs<"supplierItem.set">>[]): Promise<MutatorResult[]> {
  const { tx, practiceId, version } = entries[0]!.ctx;
  const args = entries.map((e) => e.args);
  // One item twice: the second entry would see the first one's preferred change; ids twice: one row.
  if (new Set(args.map((a) => a.itemId)).size !== args.length || new Set(args.map((a) => a.id)).size !== args.length)
    throw oneByOne("supplierItem.set", "an item or id repeats inside the run");

  const targets = await tx.$queryRaw<(Target & { n: number })[]>`
    SELECT x."n", s."name" AS "supplierName", s."archived" AS "supplierArchived",
           i."name" AS "itemName", i."archived" AS "itemArchived", i."defaultSupplierId"::text AS "defaultSupplierId",
           q."id"::text AS "quoteId", q."unitPrice"::text AS "quoteUnitPrice", q."currency" AS "quoteCurrency"
    FROM unnest(${args.map((a) => a.supplierId)}::uuid[], ${args.map((a) => a.itemId)}::uuid[]) WITH ORDINALITY AS x("supplierId", "itemId", "n")
    LEFT JOIN "PracticeSupplier" s ON s."practiceId" = ${practiceId}::uuid AND s."id" = x."supplierId"
    LEFT JOIN "Item" i ON i."practiceId" = ${practiceId}::uuid AND i."id" = x."itemId"
    LEFT JOIN "PracticeSupplierItem" q ON q."practiceId" = ${practiceId}::uuid AND q."practiceSupplierId" = x."supplierId" AND q."itemId" = x."itemId"
    ORDER BY x."n"`;
  const items = targets.map((t) => {
    assertSupplierActive(t.supplierName === null ? null : { name: t.supplierName, archived: t.supplierArchived === true });
    return assertItemActive(
      t.itemName === null ? null : { name: t.itemName, archived: t.itemArchived === true, defaultSupplierId: t.defaultSupplierId },
    );
  });

  const data = args.map((a) => ({
    unitPrice: canonicalPrice(a.unitPrice),
    currency: a.currency,
    packSize: a.packSize,
    minimumOrder: a.minimumOrder,
    leadTimeDays: a.leadTimeDays,
    supplierSku: a.supplierSku ?? null,
  }));
  // unitPrice is Decimal(12,4): its text is the 4-decimal form the audit has always recorded.
  const existing = targets.map((t) =>
    t.quoteId === null ? null : { id: t.quoteId, unitPrice: t.quoteUnitPrice ?? "", currency: t.quoteCurrency ?? "" },
  );
  const created = args.flatMap((a, i) => (existing[i] ? [] : [{ a, d: data[i]! }]));
  if (created.length) {
    await tx.$executeRaw`
      INSERT INTO "PracticeSupplierItem" ("id", "practiceId", "practiceSupplierId", "itemId", "supplierSku", "unitPrice", "currency",
                                          "packSize", "minimumOrder", "leadTimeDays", "version", "updatedAt")
      SELECT x."id", ${practiceId}::uuid, x."supplierId", x."itemId", x."supplierSku", x."unitPrice", x."currency",
             x."packSize", x."minimumOrder", x."leadTimeDays", ${version}, now()
      FROM unnest(${created.map((c) => c.a.id)}::uuid[], ${created.map((c) => c.a.supplierId)}::uuid[], ${created.map((c) => c.a.itemId)}::uuid[],
                  ${created.map((c) => c.d.supplierSku)}::text[], ${created.map((c) => c.d.unitPrice)}::numeric[], ${created.map((c) => c.d.currency)}::text[],
                  ${created.map((c) => c.d.packSize)}::int[], ${created.map((c) => c.d.minimumOrder)}::int[], ${created.map((c) => c.d.leadTimeDays)}::int[])
           AS x("id", "supplierId", "itemId", "supplierSku", "unitPrice", "currency", "packSize", "minimumOrder", "leadTimeDays")`;
  }
  // As the repository's update: every price field, and the supplier's code only when the entry gives one.
  const updated = args.flatMap((a, i) => (existing[i] ? [{ a, d: data[i]!, id: existing[i]!.id }] : []));
  if (updated.length) {
    await tx.$executeRaw`
      UPDATE "PracticeSupplierItem" q
      SET "supplierSku" = CASE WHEN x."setSku" THEN x."supplierSku" ELSE q."supplierSku" END,
          "unitPrice" = x."unitPrice", "currency" = x."currency", "packSize" = x."packSize", "minimumOrder" = x."minimumOrder",
          "leadTimeDays" = x."leadTimeDays", "version" = ${version}, "updatedAt" = now()
      FROM unnest(${updated.map((u) => u.id)}::uuid[], ${updated.map((u) => u.a.supplierSku !== undefined)}::boolean[],
                  ${updated.map((u) => u.d.supplierSku)}::text[], ${updated.map((u) => u.d.unitPrice)}::numeric[], ${updated.map((u) => u.d.currency)}::text[],
                  ${updated.map((u) => u.d.packSize)}::int[], ${updated.map((u) => u.d.minimumOrder)}::int[], ${updated.map((u) => u.d.leadTimeDays)}::int[])
           AS x("id", "setSku", "supplierSku", "unitPrice", "currency", "packSize", "minimumOrder", "leadTimeDays")
      WHERE q."practiceId" = ${practiceId}::uuid AND q."id" = x."id"`;
  }

  // The preferred supplier each entry leaves on its item (null: no change), as setSupplierItem decides it.
  const preferred = args.map((a, i) => {
    const current = items[i]!.defaultSupplierId;
    if (a.preferred === true && current !== a.supplierId) return { from: current, to: a.supplierId as string | null };
    if (a.preferred === false && current === a.supplierId) return { from: current, to: null };
    return null;
  });
  const changed = args.flatMap((a, i) => (preferred[i] ? [{ itemId: a.itemId, to: preferred[i]!.to }] : []));
  if (changed.length) {
    await tx.$executeRaw`
      UPDATE "Item" i SET "defaultSupplierId" = x."to", "version" = ${version}, "updatedAt" = now()
      FROM unnest(${changed.map((c) => c.itemId)}::uuid[], ${changed.map((c) => c.to)}::uuid[]) AS x("itemId", "to")
      WHERE i."practiceId" = ${practiceId}::uuid AND i."id" = x."itemId"`;
  }

  for (const [i, { ctx }] of entries.entries()) {
    const a = args[i]!;
    // As setSupplierItem records it: supplierSku only when given.
    const { supplierSku, ...rest } = data[i]!;
    const before = existing[i];
    await ctx.audit(before ? "supplierItem.update" : "supplierItem.create", "supplierItem", before?.id ?? a.id, {
      ...rest,
      ...(a.supplierSku === undefined ? {} : { supplierSku }),
      supplierId: a.supplierId,
      itemId: a.itemId,
      ...(before ? { previousUnitPrice: before.unitPrice, previousCurrency: before.currency } : {}),
    });
    const change = preferred[i];
    if (change) await ctx.audit("item.setPreferredSupplier", "item", a.itemId, { defaultSupplierId: change });
  }
  return entries.map(() => undefined);
}
