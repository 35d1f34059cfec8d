import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { InventoryRow } from "../../shared/protocol/entities.js";
import { freshReplica, inventoryRow, uuid } from "../testing/fixtures.js";
import type { ReplicaDb } from "./db.js";
import { PACK_ROWS } from "./stockPacks.js";

const [LOC_A, LOC_B] = [uuid(100), uuid(101)];

/** Every pack's row ids, checked to hold each id once across all packs. */
async function packedIds(db: ReplicaDb): Promise<string[]> {
  const packs = await db.stock.toArray();
  for (const p of packs) {
    expect(p.ids).toEqual(p.rows.map((r) => r.id));
    expect(p.itemIds).toEqual([...new Set(p.rows.map((r) => r.itemId))]);
    expect(p.locationIds).toEqual([...new Set(p.rows.map((r) => r.locationId))]);
    expect(p.rows.length).toBeGreaterThan(0);
    expect(p.rows.length).toBeLessThanOrEqual(PACK_ROWS);
  }
  const ids = packs.flatMap((p) => p.ids);
  expect(new Set(ids).size).toBe(ids.length);
  return ids.sort();
}

describe("stock rows stored in packs", () => {
  it("answers gets, item and location look-ups like a table of rows, in the same orders", async () => {
    const { db } = await freshReplica();
    const rows = [
      inventoryRow(uuid(5), LOC_B, uuid(11), 1),
      inventoryRow(uuid(3), LOC_A, uuid(11), 2),
      inventoryRow(uuid(4), LOC_A, uuid(10), 3),
      inventoryRow(uuid(1), LOC_B, uuid(10), 4, { batchId: uuid(50) }),
      inventoryRow(uuid(2), LOC_B, uuid(10), 5),
    ];
    await db.inventory.bulkPut(rows);
    expect(await db.inventory.get(uuid(3))).toEqual(rows[1]);
    expect(await db.inventory.get(uuid(9))).toBeUndefined();
    expect(await db.inventory.bulkGet([uuid(2), uuid(9), uuid(5)])).toEqual([rows[4], undefined, rows[0]]);
    expect((await db.inventory.toArray()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5].map(uuid));
    expect((await db.inventory.toArrayInSlices(1)).map((r) => r.id)).toEqual([1, 2, 3, 4, 5].map(uuid));
    expect((await db.inventory.byItems([uuid(10)])).map((r) => r.id)).toEqual([1, 2, 4].map(uuid));
    // By location as asked, then item, then id: the old [locationId+itemId] index's order.
    expect((await db.inventory.byLocations([LOC_B, LOC_A])).map((r) => r.id)).toEqual([1, 2, 5, 4, 3].map(uuid));
  });

  it("rewrites the pack holding an updated row and drops a pack its last row leaves", async () => {
    const { db } = await freshReplica();
    const rows = Array.from({ length: PACK_ROWS + 3 }, (_, i) => inventoryRow(uuid(i + 1), LOC_A, uuid(10 + (i % 3)), i));
    await db.inventory.bulkPut(rows);
    expect(await db.stock.count()).toBe(2);
    await db.inventory.put({ ...rows[4]!, quantity: 99, version: 2 });
    expect(await db.stock.count()).toBe(2);
    expect((await db.inventory.get(uuid(5)))?.quantity).toBe(99);
    const small = (await db.stock.toArray()).find((p) => p.rows.length === 3)!;
    await db.inventory.bulkDelete(small.ids);
    expect(await db.stock.count()).toBe(1);
    expect(await packedIds(db)).toEqual(
      rows
        .map((r) => r.id)
        .filter((id) => !small.ids.includes(id))
        .sort(),
    );
  });

  it("puts before deletes in one write, and the later row of an id wins", async () => {
    const { db } = await freshReplica();
    await db.inventory.bulkPut([inventoryRow(uuid(1), LOC_A, uuid(10), 1), inventoryRow(uuid(2), LOC_A, uuid(10), 2)]);
    await db.inventory.bulkWrite(
      [inventoryRow(uuid(1), LOC_A, uuid(10), 7), inventoryRow(uuid(3), LOC_A, uuid(10), 3), inventoryRow(uuid(1), LOC_A, uuid(10), 8)],
      [uuid(2), uuid(3)],
    );
    expect(await db.inventory.toArray()).toEqual([inventoryRow(uuid(1), LOC_A, uuid(10), 8)]);
    expect(await packedIds(db)).toEqual([uuid(1)]);
  });

  it("stores a row presumed absent once, updated, when the guess was wrong", async () => {
    const { db } = await freshReplica();
    const held = inventoryRow(uuid(1), LOC_A, uuid(10), 1);
    await db.inventory.bulkPut([held, inventoryRow(uuid(2), LOC_A, uuid(10), 2)]);
    const update = { ...held, quantity: 40, version: 3 };
    const fresh = inventoryRow(uuid(3), LOC_A, uuid(10), 3);
    await db.transaction("rw", db.stock, () => db.inventory.bulkPut([update, fresh], { presumedAbsent: () => true }));
    expect(await db.inventory.toArray()).toEqual([update, inventoryRow(uuid(2), LOC_A, uuid(10), 2), fresh]);
    expect(await packedIds(db)).toEqual([1, 2, 3].map(uuid));
  });

  it("holds what a table of rows would after any sequence of bulk puts and deletes", async () => {
    const { db } = await freshReplica();
    const model = new Map<string, InventoryRow>();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 60; step++) {
      const puts = Array.from({ length: random(30) }, () => {
        const n = random(80) + 1;
        return inventoryRow(uuid(n), [LOC_A, LOC_B][n % 2]!, uuid(1000 + (n % 9)), random(50), { version: step });
      });
      const deletes = [...new Set(Array.from({ length: random(6) }, () => uuid(random(80) + 1)))];
      await db.inventory.bulkWrite(puts, deletes, step % 3 === 0 ? { presumedAbsent: () => true } : undefined);
      for (const row of puts) model.set(row.id, row);
      for (const id of deletes) model.delete(id);
      expect(await db.inventory.toArray()).toEqual([...model.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
    }
    expect(await packedIds(db)).toEqual([...model.keys()].sort());
  });
});
