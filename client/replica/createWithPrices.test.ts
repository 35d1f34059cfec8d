import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { ROLES, can } from "../../shared/auth/roles.js";
import { itemCreate } from "../../shared/catalogue/mutations.js";
import { DomainError } from "../../shared/errors.js";
import type { SupplierRow } from "../../shared/protocol/entities.js";
import { itemCreateWithPrices, supplierItemSet } from "../../shared/suppliers/mutations.js";
import { freshReplica, itemRow, uuid } from "../testing/fixtures.js";
import type { ReplicaDb } from "./db.js";
import { enqueueMutation, enqueueMutations } from "./outbox.js";

const ITEM = uuid(1);
const MEDI = uuid(10);
const HENRY = uuid(11);
const PRICE_MEDI = uuid(20);
const PRICE_HENRY = uuid(21);

function supplierRow(id: string, over: Partial<SupplierRow> = {}): SupplierRow {
  return {
    id,
    version: 1,
    globalSupplierId: null,
    name: `Supplier ${id.slice(-2)}`,
    accountNumber: null,
    orderEmail: null,
    phone: null,
    notes: null,
    archived: false,
    ...over,
  };
}

async function replicaWithSuppliers(archivedHenry = false): Promise<ReplicaDb> {
  const { db } = await freshReplica();
  await db.supplier.bulkPut([supplierRow(MEDI), supplierRow(HENRY, { archived: archivedHenry })]);
  return db;
}

const item = { id: ITEM, name: "Nitrile gloves M", sku: "GLV-M", gtin: "05012345678900", unit: "box", packSize: 100 };
const prices = [
  { id: PRICE_MEDI, supplierId: MEDI, unitPrice: "12.50", supplierSku: "MS-1", packSize: 10, minimumOrder: 2, leadTimeDays: 3 },
  { id: PRICE_HENRY, supplierId: HENRY, unitPrice: "0.1234", currency: "EUR" },
];

/** Everything a replica holds that a write can change: rows, shadows and the outbox's names. */
async function state(db: ReplicaDb) {
  return {
    items: await db.item.toArray(),
    prices: await db.supplierItem.toArray(),
    shadows: await db.shadows.toArray(),
  };
}

describe("item.createWithPrices on the device", () => {
  it("leaves exactly what item.create and supplierItem.set for each price (the preferred one flagged) leave, as one outbox entry", async () => {
    const one = await replicaWithSuppliers();
    await enqueueMutation(one, itemCreateWithPrices, { ...item, prices, preferredSupplierId: MEDI });

    const several = await replicaWithSuppliers();
    const { refused } = await enqueueMutations(several, [
      { def: itemCreate, args: item },
      { def: supplierItemSet, args: { ...prices[0]!, itemId: ITEM, preferred: true } },
      { def: supplierItemSet, args: { ...prices[1]!, itemId: ITEM } },
    ]);
    expect(refused).toEqual([]);

    expect(await state(one)).toEqual(await state(several));
    const [created] = await one.item.toArray();
    expect(created).toMatchObject({ id: ITEM, defaultSupplierId: MEDI, gtin: "05012345678900" });
    expect((await one.supplierItem.toArray()).map((p) => [p.id, p.unitPrice, p.currency])).toEqual([
      [PRICE_MEDI, "12.5000", "GBP"],
      [PRICE_HENRY, "0.1234", "EUR"],
    ]);
    expect((await one.outbox.toArray()).map((e) => e.name)).toEqual(["item.createWithPrices"]);
  });

  it("in a batch (a CSV import's chunk), each new item gets its own prices and no preferred supplier unless named", async () => {
    const db = await replicaWithSuppliers();
    const second = { ...item, id: uuid(2), sku: "GLV-L", gtin: null, prices: [{ ...prices[0]!, id: uuid(22) }], preferredSupplierId: null };
    const { refused } = await enqueueMutations(db, [
      { def: itemCreateWithPrices, args: { ...item, prices, preferredSupplierId: HENRY } },
      { def: itemCreateWithPrices, args: second },
    ]);
    expect(refused).toEqual([]);
    expect((await db.item.toArray()).map((i) => [i.sku, i.defaultSupplierId])).toEqual([
      ["GLV-M", HENRY],
      ["GLV-L", null],
    ]);
    expect((await db.supplierItem.where("itemId").equals(uuid(2)).toArray()).map((p) => p.supplierId)).toEqual([MEDI]);
  });

  it("refuses the whole change, and writes nothing, when one price's supplier is archived or the item's code is taken", async () => {
    const archived = await replicaWithSuppliers(true);
    await expect(enqueueMutation(archived, itemCreateWithPrices, { ...item, prices })).rejects.toBeInstanceOf(DomainError);
    expect(await state(archived)).toEqual({ items: [], prices: [], shadows: [] });
    expect(await archived.outbox.count()).toBe(0);

    const taken = await replicaWithSuppliers();
    await taken.item.put(itemRow(uuid(3), { sku: "GLV-M" }));
    await expect(enqueueMutation(taken, itemCreateWithPrices, { ...item, prices })).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await taken.supplierItem.count()).toBe(0);
  });

  it("takes each supplier once, a preferred supplier among the prices, and at least one price", () => {
    const parse = (extra: object) => itemCreateWithPrices.args.safeParse({ ...item, prices, ...extra });
    expect(parse({}).success).toBe(true);
    expect(parse({ preferredSupplierId: uuid(99) }).error?.issues[0]?.message).toBe(
      "The preferred supplier must be one of the item's prices.",
    );
    expect(parse({ prices: [prices[0], { ...prices[1], supplierId: MEDI }] }).error?.issues[0]?.message).toBe(
      "Each supplier prices a new item once.",
    );
    expect(parse({ prices: [] }).success).toBe(false);
  });

  it("needs suppliers.manage, and every role holding that may create items too", () => {
    expect(itemCreateWithPrices.permission).toBe("suppliers.manage");
    for (const role of ROLES) if (can(role, "suppliers.manage")) expect(can(role, itemCreate.permission)).toBe(true);
  });
});
