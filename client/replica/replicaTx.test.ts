import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshReplica, inventoryRow, locationRow, uuid } from "../testing/fixtures.js";
import { BufferedReplicaTx } from "./replicaTx.js";
import { getShadow } from "./shadows.js";

describe("BufferedReplicaTx", () => {
  it("lets a mutation read its own writes but touches nothing until commit", async () => {
    const { db } = await freshReplica();
    await db.location.put(locationRow(uuid(1), { name: "Store" }));
    const tx = new BufferedReplicaTx(db);
    await tx.put("location", locationRow(uuid(1), { name: "Stock room" }));
    await tx.put("location", locationRow(uuid(2), { parentId: uuid(1) }));
    await tx.delete("location", uuid(1));

    expect(await tx.get("location", uuid(1))).toBeUndefined();
    expect((await tx.where("location", { parentId: uuid(1) })).map((l) => l.id)).toEqual([uuid(2)]);
    expect((await tx.all("location")).map((l) => l.id)).toEqual([uuid(2)]);
    expect((await db.location.get(uuid(1)))?.name).toBe("Store");
    expect(await db.shadows.count()).toBe(0);

    await db.transaction("rw", db.tables, () => tx.commit());
    expect(await db.location.get(uuid(1))).toBeUndefined();
    expect(await db.location.get(uuid(2))).toBeDefined();
    // Shadows remember the server state: the row that existed, and "absent" for the new one.
    expect((await getShadow(db, "location", uuid(1)))?.row?.name).toBe("Store");
    expect((await getShadow(db, "location", uuid(2)))?.row).toBeNull();
  });

  it("matches null fields exactly (batchId null is not indexable in Dexie)", async () => {
    const { db } = await freshReplica();
    await db.inventory.bulkPut([
      inventoryRow(uuid(10), uuid(1), uuid(2), 5),
      inventoryRow(uuid(11), uuid(1), uuid(2), 7, { batchId: uuid(3) }),
    ]);
    const tx = new BufferedReplicaTx(db);
    expect((await tx.where("inventory", { locationId: uuid(1), itemId: uuid(2), batchId: null })).map((r) => r.quantity)).toEqual([5]);
    expect((await tx.where("inventory", { locationId: uuid(1), itemId: uuid(2), batchId: uuid(3) })).map((r) => r.quantity)).toEqual([7]);
  });
});
