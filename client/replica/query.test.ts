import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshReplica, inventoryRow, locationRow, uuid } from "../testing/fixtures.js";
import { inventoryOfBatches, readAllInSlices } from "./query.js";

describe("readAllInSlices", () => {
  it("reads every row once, in key order, whatever the slice size", async () => {
    const { db } = await freshReplica();
    // Added out of order: the slices follow the primary key, not insertion.
    await db.location.bulkPut([7, 3, 1, 6, 2, 5, 4].map((n) => locationRow(uuid(n))));
    const ids = [1, 2, 3, 4, 5, 6, 7].map(uuid);
    for (const slice of [1, 2, 3, 7, 8, 100]) {
      expect((await readAllInSlices(db.location, slice)).map((r) => r.id)).toEqual(ids);
    }
  });

  it("reads an empty table as no rows", async () => {
    const { db } = await freshReplica();
    expect(await readAllInSlices(db.location, 2)).toEqual([]);
  });
});

describe("inventoryOfBatches", () => {
  it("finds a lot's stock in every location through its item, and nothing of the item's other lots or unbatched stock", async () => {
    const { db } = await freshReplica();
    const [item, other, lotA, lotB, lotC] = [uuid(10), uuid(11), uuid(20), uuid(21), uuid(22)];
    await db.inventory.bulkPut([
      inventoryRow(uuid(1), uuid(100), item, 5, { batchId: lotA }),
      inventoryRow(uuid(2), uuid(101), item, 3, { batchId: lotA }),
      inventoryRow(uuid(3), uuid(100), item, 4, { batchId: lotB }),
      inventoryRow(uuid(4), uuid(100), item, 9, { batchId: null }),
      inventoryRow(uuid(5), uuid(100), other, 2, { batchId: lotC }),
    ]);
    const ids = async (batches: Array<{ id: string; itemId: string }>) => (await inventoryOfBatches(db, batches)).map((r) => r.id).sort();
    expect(await ids([{ id: lotA, itemId: item }])).toEqual([uuid(1), uuid(2)]);
    expect(
      await ids([
        { id: lotA, itemId: item },
        { id: lotC, itemId: other },
      ]),
    ).toEqual([uuid(1), uuid(2), uuid(5)]);
    expect(await ids([])).toEqual([]);
  });
});
