import "fake-indexeddb/auto";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { itemCreate } from "../../shared/catalogue/mutations.js";
import { DomainError } from "../../shared/errors.js";
import { defineMutation } from "../../shared/mutations/define.js";
import { locationCreate, stockAdjust } from "../../shared/mutations/index.js";
import { supplierCreate, supplierItemSet } from "../../shared/suppliers/mutations.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../testing/fixtures.js";
import type { ReplicaDb } from "./db.js";
import { getMeta } from "./meta.js";
import { enqueueMutation, enqueueMutations, type QueuedWrite } from "./outbox.js";
import { getShadow } from "./shadows.js";

const LOC = uuid(1);
const ITEM = uuid(2);
const STOCK = uuid(3);

async function seeded() {
  const replica = await freshReplica();
  await replica.db.location.put(locationRow(LOC));
  await replica.db.item.put(itemRow(ITEM, { sku: "SKU-1" }));
  await replica.db.inventory.put(inventoryRow(STOCK, LOC, ITEM, 10));
  return replica;
}

const adjust = (quantity: number, n: number) => ({
  id: uuid(100 + n),
  locationId: LOC,
  itemId: ITEM,
  quantity,
  reason: "COUNT_CORRECTION" as const,
});

/** Everything a queued write can leave behind, in a comparable form. */
async function state(db: ReplicaDb) {
  return {
    location: await db.location.toArray(),
    item: await db.item.toArray(),
    inventory: await db.inventory.toArray(),
    supplier: await db.supplier.toArray(),
    supplierItem: await db.supplierItem.toArray(),
    shadows: await db.shadows.toArray(),
    outbox: (await db.outbox.toArray()).map(({ seq, name, args }) => ({ seq, name, args })),
    nextSeq: await getMeta(db, "nextSeq"),
  };
}

describe("enqueueMutations' bulk reads and writes", () => {
  it("lets two writes of one batch to the same row see each other, and shadows the row as it was before the batch", async () => {
    const { db } = await seeded();
    // -12 alone would be refused (10 on hand): it must see the +4 before it.
    const { refused } = await enqueueMutations(db, [
      { def: stockAdjust, args: adjust(4, 1) },
      { def: stockAdjust, args: adjust(-12, 2) },
      { def: stockAdjust, args: adjust(-3, 3) },
    ]);
    expect(refused.map((r) => r.index)).toEqual([2]);
    expect((await db.inventory.get(STOCK))?.quantity).toBe(2);
    expect((await getShadow(db, "inventory", STOCK))?.row?.quantity).toBe(10);
  });

  it("lets a write use a row an earlier write of the same batch created (item, then its price)", async () => {
    const { db } = await seeded();
    const supplier = uuid(40);
    const item = uuid(41);
    const { refused } = await enqueueMutations(db, [
      { def: supplierCreate, args: { id: supplier, name: "MediSupply" } },
      { def: itemCreate, args: { id: item, name: "Gauze", sku: "SKU-2" } },
      { def: supplierItemSet, args: { id: uuid(42), supplierId: supplier, itemId: item, unitPrice: "1.50", preferred: true } },
      // The same pair again updates the quote the previous write created (same id), not a second one.
      { def: supplierItemSet, args: { id: uuid(43), supplierId: supplier, itemId: item, unitPrice: "1.75" } },
      // A SKU an earlier write of the batch took is refused.
      { def: itemCreate, args: { id: uuid(44), name: "Other", sku: "SKU-2" } },
    ]);
    expect(refused.map((r) => [r.index, (r.error as DomainError).code])).toEqual([[4, "ALREADY_EXISTS"]]);
    expect((await db.supplierItem.toArray()).map((q) => [q.id, q.unitPrice])).toEqual([[uuid(42), "1.7500"]]);
    expect((await db.item.get(item))?.defaultSupplierId).toBe(supplier);
    expect(await db.item.get(uuid(44))).toBeUndefined();
    expect((await getShadow(db, "item", item))?.row).toBeNull();
  });

  it("leaves no trace of a write that throws after writing, and later writes of the batch do not see it", async () => {
    const { db } = await seeded();
    const halfway = defineMutation({
      name: "location.create",
      permission: "locations.manage",
      args: z.object({ id: z.uuid() }),
      async applyClient(tx, args) {
        await tx.put("location", locationRow(args.id, { name: "Half" }));
        const stock = await tx.get("inventory", STOCK);
        await tx.put("inventory", { ...stock!, quantity: 99 });
        throw new DomainError("CONFLICT", "refused half-way");
      },
    });
    const { entries, refused } = await enqueueMutations(db, [
      { def: stockAdjust, args: adjust(1, 1) },
      { def: halfway, args: { id: uuid(50) } } as unknown as QueuedWrite,
      // Would be refused had the half-way location stayed (no such parent is fine; a sibling name is not).
      { def: locationCreate, args: { id: uuid(51), name: "Child", parentId: uuid(50) } },
      { def: stockAdjust, args: adjust(1, 2) },
    ]);
    expect(entries.map((e) => e?.seq ?? null)).toEqual([1, null, null, 2]);
    expect(refused.map((r) => [r.index, (r.error as DomainError).code])).toEqual([
      [1, "CONFLICT"],
      [2, "NOT_FOUND"],
    ]);
    expect(await db.location.get(uuid(50))).toBeUndefined();
    expect(await getShadow(db, "location", uuid(50))).toBeUndefined();
    expect((await db.inventory.get(STOCK))?.quantity).toBe(12);
  });

  it("ends exactly as the same writes queued one at a time", async () => {
    const writes = (): QueuedWrite[] => [
      { def: locationCreate, args: { id: uuid(60), name: "Fridge", parentId: LOC } },
      { def: locationCreate, args: { id: uuid(61), name: "Fridge", parentId: LOC } },
      { def: stockAdjust, args: adjust(5, 1) },
      { def: stockAdjust, args: adjust(-16, 2) },
      { def: stockAdjust, args: adjust(-4, 3) },
      { def: stockAdjust, args: adjust(-11, 4) },
      { def: supplierCreate, args: { id: uuid(62), name: "Vet Direct" } },
      { def: supplierItemSet, args: { id: uuid(63), supplierId: uuid(62), itemId: ITEM, unitPrice: "9.99", preferred: true } },
      { def: itemCreate, args: { id: uuid(64), name: "Dup", sku: "SKU-1" } },
    ];
    const one = await seeded();
    for (const w of writes()) {
      await enqueueMutation(one.db, w.def as never, w.args as never).catch((e: unknown) => {
        if (!(e instanceof DomainError)) throw e;
      });
    }
    const bulk = await seeded();
    await enqueueMutations(bulk.db, writes());
    const [a, b] = [await state(one.db), await state(bulk.db)];
    expect(b).toEqual(a);
    expect(a.outbox.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
