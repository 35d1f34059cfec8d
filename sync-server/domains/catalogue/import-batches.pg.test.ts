/**
 * The set-based forms of item.create and supplierItem.set (a CSV import's runs) against the one-by-one
 * mutators: the same results, rows and audit entries for the same pushes, with and without refusals in
 * the run, and a handful of statements per run instead of a few per mutation.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gtinCheckDigit } from "../../../shared/gs1/gtin.js";
import type { PushMutation } from "../../../shared/protocol/push.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice } from "../../../test/factories.js";
import { countStatements } from "../../../test/statement-counter.js";
import { TestClient } from "../../../test/sync-client.js";
import { createOrFindProduct } from "./global-catalogue.js";

let t: TestDatabase;
const statements = countStatements();
let gtinSerial = Math.floor(Math.random() * 1_000_000);

beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

/** A valid GTIN-14 no earlier scenario of this file used. */
function freshGtin(): string {
  const body = `0${400_000_000_000 + gtinSerial++}`;
  return `${body}${gtinCheckDigit(body)}`;
}

interface Spec {
  /** item.create runs: label, SKU, whether it carries a GTIN ("new", "known": already in the catalogue). */
  items: Array<{ label: string; sku: string; gtin?: "new" | "known" }>;
  /** supplierItem.set runs: item label, supplier ("active" or "archived"), preferred flag. */
  prices: Array<{ item: string; supplier: "active" | "archived" | "other"; preferred?: boolean; price: string; sku?: string | null }>;
  /** Items and their prices pushed before the run (a re-import's run then updates them): item label, SKU, quotes. */
  stored?: Array<{
    item: string;
    sku: string;
    quotes: Array<{ supplier: "active" | "other"; price: string; preferred?: boolean; sku?: string }>;
  }>;
}

/**
 * Pushes the spec's item creations then its prices (one push, chunks larger than the runs) into a new
 * practice, and answers what came of it with every id replaced by its label, so two practices compare.
 */
async function scenario(spec: Spec, batches: boolean, form: "separate" | "combined" = "separate") {
  const p = await makePractice(t.db, { items: 0 });
  const client = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" }, "per-batch", 200, batches);
  const labels = new Map<string, string>();
  const id = (label: string) => {
    const known = [...labels].find(([, l]) => l === label)?.[0];
    if (known) return known;
    const fresh = randomUUID();
    labels.set(fresh, label);
    return fresh;
  };
  const known = freshGtin();
  await createOrFindProduct(t.db, { gtin: known, name: "Known product" }, { practiceId: p.practiceId, actorId: null });
  const setup: PushMutation[] = [
    client.mutation("supplier.create", { id: id("active"), name: "Active Ltd" }),
    client.mutation("supplier.create", { id: id("archived"), name: "Archived Ltd" }),
    client.mutation("supplier.archive", { id: id("archived") }),
    client.mutation("supplier.create", { id: id("other"), name: "Other Ltd" }),
    client.mutation("item.create", { id: id("stored"), name: "Stored", sku: "STORED" }),
  ];
  for (const stored of spec.stored ?? []) {
    setup.push(client.mutation("item.create", { id: id(stored.item), name: `Item ${stored.item}`, sku: stored.sku }));
    for (const q of stored.quotes) {
      setup.push(
        client.mutation("supplierItem.set", {
          id: id(`price:${stored.item}:${q.supplier}`),
          supplierId: id(q.supplier),
          itemId: id(stored.item),
          unitPrice: q.price,
          currency: "GBP",
          packSize: 2,
          ...(q.sku === undefined ? {} : { supplierSku: q.sku }),
          ...(q.preferred === undefined ? {} : { preferred: q.preferred }),
        }),
      );
    }
  }
  expect((await client.push(setup)).results.map((r) => r.status)).toEqual(setup.map(() => "applied"));
  const gtins = new Map<string, string>([[known, "known"]]);
  const gtinOf = (i: Spec["items"][number]) => {
    const gtin = i.gtin === "known" ? known : i.gtin === "new" ? freshGtin() : null;
    if (gtin && i.gtin === "new") gtins.set(gtin, `new:${i.label}`);
    return gtin;
  };
  const priceArgs = (q: Spec["prices"][number]) => ({
    id: id(`price:${q.item}:${q.supplier}`),
    supplierId: id(q.supplier),
    unitPrice: q.price,
    currency: "EUR",
    leadTimeDays: 3,
    ...(q.sku === undefined ? {} : { supplierSku: q.sku }),
  });
  const setPrice = (q: Spec["prices"][number]) =>
    client.mutation("supplierItem.set", {
      ...priceArgs(q),
      itemId: id(q.item),
      ...(q.preferred === undefined ? {} : { preferred: q.preferred }),
    });
  // "combined": a new item and its prices as one item.createWithPrices (as an import plans it), the
  // prices of stored items after them as before.
  const newItems = new Set(spec.items.map((i) => i.label));
  const run: PushMutation[] =
    form === "separate"
      ? [
          ...spec.items.map((i) =>
            client.mutation("item.create", { id: id(i.label), name: `Item ${i.label}`, sku: i.sku, gtin: gtinOf(i) }),
          ),
          ...spec.prices.map(setPrice),
        ]
      : [
          ...spec.items.map((i) => {
            const own = spec.prices.filter((q) => q.item === i.label);
            const item = { id: id(i.label), name: `Item ${i.label}`, sku: i.sku, gtin: gtinOf(i) };
            if (own.length === 0) return client.mutation("item.create", item);
            const preferred = own.find((q) => q.preferred === true);
            return client.mutation("item.createWithPrices", {
              ...item,
              prices: own.map(priceArgs),
              preferredSupplierId: preferred ? id(preferred.supplier) : null,
            });
          }),
          ...spec.prices.filter((q) => !newItems.has(q.item)).map(setPrice),
        ];
  const setupVersion =
    (await t.db.practiceSupplierItem.aggregate({ where: { practiceId: p.practiceId }, _max: { version: true } }))._max.version ?? 0n;
  const before = statements.count;
  const res = await client.push(run);
  const used = statements.count - before;

  const label = (v: unknown): unknown => {
    if (typeof v === "string") return labels.get(v) ?? gtins.get(v) ?? v;
    if (Array.isArray(v)) return v.map(label);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, label(x)]));
    return v;
  };
  const items = await t.db.item.findMany({
    where: { practiceId: p.practiceId },
    select: { id: true, name: true, sku: true, defaultSupplierId: true, batchTracked: true, product: { select: { gtin: true, id: true } } },
    orderBy: { name: "asc" },
  });
  const products = new Map(items.flatMap((i) => (i.product ? [[i.product.id, gtins.get(i.product.gtin) ?? i.product.gtin]] : [])));
  const quotes = await t.db.practiceSupplierItem.findMany({ where: { practiceId: p.practiceId }, orderBy: { itemId: "asc" } });
  const audits = await t.db.auditLog.findMany({
    where: {
      practiceId: p.practiceId,
      action: { in: ["item.create", "supplierItem.create", "supplierItem.update", "item.setPreferredSupplier"] },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const created = await t.db.auditLog.findMany({ where: { practiceId: p.practiceId, action: "catalogue.product_created" } });
  const mutationLabel = new Map(run.map((m, i) => [m.id, `mutation ${i}`]));
  return {
    used,
    outcome: {
      results: res.results.map((r) => ("code" in r ? `${r.status} ${r.code}: ${r.message}` : r.status)),
      items: items.map((i) => label({ ...i, product: i.product ? products.get(i.product.id) : null })),
      quotes: quotes
        .map((q) =>
          label({
            id: q.id,
            supplier: q.practiceSupplierId,
            item: q.itemId,
            price: q.unitPrice.toFixed(4),
            currency: q.currency,
            lead: q.leadTimeDays,
            sku: q.supplierSku,
            pack: q.packSize,
            changedByRun: q.version > setupVersion,
          }),
        )
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
      audits: audits
        .map((a) => label({ action: a.action, entity: a.entityId, changes: { ...(a.changes as object), productId: undefined } }))
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
      productsCreated: created.map((a) => [gtins.get((a.changes as { gtin: string }).gtin), mutationLabel.get(a.mutationId ?? "")]).sort(),
    },
  };
}

describe("item.create and supplierItem.set runs, set-based", () => {
  const clean: Spec = {
    items: [
      ...Array.from({ length: 30 }, (_, i) => ({ label: `n${i}`, sku: `N-${i}`, gtin: "new" as const })),
      { label: "k", sku: "K-1", gtin: "known" },
      { label: "plain", sku: "P-1" },
    ],
    prices: [
      ...Array.from({ length: 30 }, (_, i) => ({ item: `n${i}`, supplier: "active" as const, preferred: true, price: `${i}.5` })),
      { item: "k", supplier: "other", preferred: false, price: "0.1299" },
      { item: "plain", supplier: "active", price: "12" },
    ],
  };

  it("applies a clean run exactly as one by one, in a handful of statements", async () => {
    const batched = await scenario(clean, true);
    const single = await scenario(clean, false);
    expect(batched.outcome.results.filter((r) => r !== "applied")).toEqual([]);
    expect(batched.outcome).toEqual(single.outcome);
    // Each new product audited against the item.create that named it (the known one was made in the setup).
    expect(batched.outcome.productsCreated.filter(([, m]) => m !== undefined)).toHaveLength(30);
    expect(batched.outcome.items.filter((i) => (i as { defaultSupplierId: string | null }).defaultSupplierId === "active")).toHaveLength(
      30,
    );
    console.log(`statements for 32 item.create + 32 supplierItem.set: ${batched.used} set-based, ${single.used} one by one`);
    expect(batched.used).toBeLessThan(30);
    expect(single.used).toBeGreaterThan(150);
  });

  it("gives each refused entry the one-by-one answer and applies the rest", async () => {
    const refusing: Spec = {
      items: [
        { label: "a", sku: "A-1", gtin: "new" },
        { label: "clash-stored", sku: "STORED" },
        { label: "b", sku: "B-1", gtin: "known" },
        { label: "clash-run", sku: "A-1" },
        { label: "c", sku: "C-1" },
      ],
      prices: [
        { item: "a", supplier: "active", preferred: true, price: "1.25" },
        { item: "b", supplier: "archived", price: "2" },
        { item: "clash-run", supplier: "active", price: "3" },
        { item: "c", supplier: "active", preferred: true, price: "4.0001" },
      ],
    };
    const batched = await scenario(refusing, true);
    const single = await scenario(refusing, false);
    expect(batched.outcome).toEqual(single.outcome);
    expect(batched.outcome.results.filter((r) => r !== "applied")).toHaveLength(4);
  });

  it("updates an existing quote (kept id), with its previous price in the audit", async () => {
    const p = await makePractice(t.db, { items: 2 });
    const client = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" }, "per-batch", 200);
    const supplierId = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    await client.push([client.mutation("supplier.create", { id: supplierId, name: "S" })]);
    const set = (id: string, itemId: string, unitPrice: string) =>
      client.mutation("supplierItem.set", { id, supplierId, itemId, unitPrice });
    expect((await client.push([set(first, p.itemIds[0]!, "1"), set(second, p.itemIds[1]!, "2")])).results.map((r) => r.status)).toEqual([
      "applied",
      "applied",
    ]);
    const res = await client.push([set(randomUUID(), p.itemIds[0]!, "1.5"), set(randomUUID(), p.itemIds[1]!, "2.5")]);
    expect(res.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    const quotes = await t.db.practiceSupplierItem.findMany({ where: { practiceId: p.practiceId }, orderBy: { unitPrice: "asc" } });
    expect(quotes.map((q) => [q.id, q.unitPrice.toFixed(4)])).toEqual([
      [first, "1.5000"],
      [second, "2.5000"],
    ]);
    const updates = await t.db.auditLog.findMany({ where: { practiceId: p.practiceId, action: "supplierItem.update" } });
    expect(updates.map((a) => (a.changes as { previousUnitPrice: string }).previousUnitPrice).sort()).toEqual(["1.0000", "2.0000"]);
  });

  it("updates existing quotes set-based exactly as one by one: price, supplier code only when given, preferred moves, previous price audited", async () => {
    const reimport: Spec = {
      items: [{ label: "fresh", sku: "F-1" }],
      stored: Array.from({ length: 20 }, (_, i) => ({
        item: `s${i}`,
        sku: `S-${i}`,
        quotes: [{ supplier: i % 2 ? "active" : "other", price: `${i}.25`, sku: `OLD-${i}`, preferred: true }],
      })),
      prices: [
        // Changed prices (half with a new supplier code, half leaving it), the preferred flag on, off and moved.
        ...Array.from({ length: 20 }, (_, i) => ({
          item: `s${i}`,
          supplier: (i % 2 ? "active" : "other") as "active" | "other",
          price: `${i + 1}.5`,
          ...(i % 4 === 0 ? { sku: `NEW-${i}` } : {}),
          ...(i % 3 === 0 ? { preferred: false } : i % 3 === 1 ? { preferred: true } : {}),
        })),
        // A new quote for a stored item (another supplier) that becomes preferred, and one for a new item.
        { item: "s0", supplier: "active", preferred: true, price: "9" },
        { item: "fresh", supplier: "active", price: "3" },
      ],
    };
    // s0 twice in one run goes one by one by design; the rest is one set-based run.
    const batched = await scenario(reimport, true);
    const single = await scenario(reimport, false);
    expect(batched.outcome.results.filter((r) => r !== "applied")).toEqual([]);
    expect(batched.outcome).toEqual(single.outcome);
    const audits = batched.outcome.audits as Array<{ action: string }>;
    expect(audits.filter((a) => a.action === "supplierItem.update")).toHaveLength(20);

    const noRepeat: Spec = { ...reimport, prices: reimport.prices.filter((q) => !(q.item === "s0" && q.supplier === "active")) };
    const runBatched = await scenario(noRepeat, true);
    const runSingle = await scenario(noRepeat, false);
    expect(runBatched.outcome).toEqual(runSingle.outcome);
    console.log(`statements for 20 quote updates + 1 create: ${runBatched.used} set-based, ${runSingle.used} one by one`);
    expect(runBatched.used).toBeLessThan(30);
    expect(runSingle.used).toBeGreaterThan(60);
  });
});

describe("item.createWithPrices runs (a CSV import's new items), set-based", () => {
  const spec: Spec = {
    items: [
      ...Array.from({ length: 30 }, (_, i) => ({ label: `n${i}`, sku: `N-${i}`, gtin: "new" as const })),
      { label: "k", sku: "K-1", gtin: "known" },
      { label: "two", sku: "T-1" },
      { label: "unpriced", sku: "U-1" },
    ],
    prices: [
      ...Array.from({ length: 30 }, (_, i) => ({ item: `n${i}`, supplier: "active" as const, preferred: i % 2 === 0, price: `${i}.5` })),
      { item: "k", supplier: "other", price: "0.1299", sku: "K-SKU" },
      { item: "two", supplier: "other", price: "2" },
      { item: "two", supplier: "active", preferred: true, price: "3" },
    ],
  };
  const same = (o: Awaited<ReturnType<typeof scenario>>["outcome"]) => ({ items: o.items, quotes: o.quotes, audits: o.audits });

  it("leaves the rows and audit entries of item.create and supplierItem.set, set-based as one by one, in a handful of statements", async () => {
    const separate = await scenario(spec, false, "separate");
    const batched = await scenario(spec, true, "combined");
    const single = await scenario(spec, false, "combined");
    expect(batched.outcome.results).toEqual(Array.from({ length: 33 }, () => "applied"));
    expect(batched.outcome).toEqual(single.outcome);
    expect(same(batched.outcome)).toEqual(same(separate.outcome));
    console.log(`statements for 33 new items with 34 prices: ${batched.used} set-based, ${single.used} one by one`);
    expect(batched.used).toBeLessThan(30);
    expect(single.used).toBeGreaterThan(150);
  });

  it("refuses an item whose price names an archived supplier, or whose code clashes, as one by one would, and applies the rest", async () => {
    const refusing: Spec = {
      items: [
        { label: "a", sku: "A-1", gtin: "new" },
        { label: "archived-price", sku: "B-1" },
        { label: "clash-stored", sku: "STORED" },
        { label: "c", sku: "C-1" },
      ],
      prices: [
        { item: "a", supplier: "active", preferred: true, price: "1.25" },
        { item: "archived-price", supplier: "active", price: "2" },
        { item: "archived-price", supplier: "archived", price: "2" },
        { item: "clash-stored", supplier: "active", price: "3" },
        { item: "c", supplier: "active", preferred: true, price: "4.0001" },
      ],
    };
    const batched = await scenario(refusing, true, "combined");
    const single = await scenario(refusing, false, "combined");
    expect(batched.outcome).toEqual(single.outcome);
    expect(batched.outcome.results.filter((r) => r !== "applied")).toHaveLength(2);
    // A refused item leaves nothing behind: neither the item nor its price from an active supplier.
    expect((batched.outcome.items as Array<{ sku: string }>).map((i) => i.sku).sort()).toEqual(["A-1", "C-1", "STORED"]);
  });
});
