import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { locationCreate, stockAdjust } from "../../shared/mutations/index.js";
import { DomainError } from "../../shared/errors.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../testing/fixtures.js";
import { ReplicaDb } from "./db.js";
import { getMeta } from "./meta.js";
import { openReplica } from "./open.js";
import { enqueueMutation, enqueueMutations } from "./outbox.js";
import { getShadow } from "./shadows.js";

const LOC = uuid(1);
const ITEM = uuid(2);

async function seeded() {
  const replica = await freshReplica();
  await replica.db.location.put(locationRow(LOC));
  await replica.db.item.put(itemRow(ITEM));
  await replica.db.inventory.put(inventoryRow(uuid(3), LOC, ITEM, 10));
  return replica;
}

const adjust = (quantity: number) => ({
  id: crypto.randomUUID(),
  locationId: LOC,
  itemId: ITEM,
  quantity,
  reason: "COUNT_CORRECTION" as const,
});

describe("outbox", () => {
  it("allocates gap-free seqs from 1 and applies each mutation optimistically", async () => {
    const { db } = await seeded();
    const a = await enqueueMutation(db, stockAdjust, adjust(5));
    const b = await enqueueMutation(db, stockAdjust, adjust(-3));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect((await db.inventory.get(uuid(3)))?.quantity).toBe(12);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([1, 2]);
    // The shadow keeps the server copy from before the first optimistic change.
    expect((await getShadow(db, "inventory", uuid(3)))?.row?.quantity).toBe(10);
  });

  it("allocates distinct consecutive seqs to concurrent writes", async () => {
    const { db } = await seeded();
    const entries = await Promise.all([1, 2, 3, 4, 5].map((n) => enqueueMutation(db, stockAdjust, adjust(n))));
    expect(entries.map((e) => e.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    expect((await db.inventory.get(uuid(3)))?.quantity).toBe(25);
  });

  it("consumes no seq and changes nothing when the shared rule refuses", async () => {
    const { db } = await seeded();
    await enqueueMutation(db, stockAdjust, adjust(1));
    const refused = enqueueMutation(db, stockAdjust, adjust(-50));
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: "INSUFFICIENT_STOCK" });
    const next = await enqueueMutation(db, stockAdjust, adjust(2));
    expect(next.seq).toBe(2);
    expect((await db.inventory.get(uuid(3)))?.quantity).toBe(13);
    expect(await db.outbox.count()).toBe(2);
  });

  it("refuses invalid args with the schema's message", async () => {
    const { db } = await seeded();
    await expect(enqueueMutation(db, locationCreate, { id: crypto.randomUUID(), name: "   ", parentId: null })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: "Name is required",
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await getMeta(db, "nextSeq")).toBeUndefined();
  });

  it("survives closing and reopening the database, keeping clientId and the seq counter", async () => {
    const { db, name, practiceId } = await seeded();
    const clientId = await getMeta(db, "clientId");
    await enqueueMutation(db, stockAdjust, adjust(4));
    await enqueueMutation(db, locationCreate, { id: uuid(9), name: "Fridge", parentId: LOC });
    db.close();

    const reopened = await openReplica(practiceId, name);
    expect(await getMeta(reopened, "clientId")).toBe(clientId);
    expect((await reopened.outbox.toArray()).map((e) => [e.seq, e.name])).toEqual([
      [1, "stock.adjust"],
      [2, "location.create"],
    ]);
    expect((await reopened.location.get(uuid(9)))?.name).toBe("Fridge");
    const third = await enqueueMutation(reopened, stockAdjust, adjust(1));
    expect(third.seq).toBe(3);
    reopened.close();
  });

  it("creates a UUID clientId once per replica", async () => {
    const { db } = await freshReplica();
    expect(await getMeta(db, "clientId")).toMatch(/^[0-9a-f-]{36}$/);
    expect(db).toBeInstanceOf(ReplicaDb);
  });

  describe("enqueueMutations (bulk)", () => {
    it("queues many writes with consecutive seqs after the single-write counter, each applied optimistically", async () => {
      const { db } = await seeded();
      await enqueueMutation(db, stockAdjust, adjust(1));
      const { entries, refused } = await enqueueMutations(db, [
        { def: locationCreate, args: { id: uuid(20), name: "Fridge", parentId: LOC } },
        // Sees the location the previous write created in the same transaction.
        { def: locationCreate, args: { id: uuid(21), name: "Shelf", parentId: uuid(20) } },
        { def: stockAdjust, args: adjust(4) },
      ]);
      expect(refused).toEqual([]);
      expect(entries.map((e) => e?.seq)).toEqual([2, 3, 4]);
      expect((await db.outbox.toArray()).map((e) => [e.seq, e.name])).toEqual([
        [1, "stock.adjust"],
        [2, "location.create"],
        [3, "location.create"],
        [4, "stock.adjust"],
      ]);
      expect((await db.location.get(uuid(21)))?.parentId).toBe(uuid(20));
      expect((await db.inventory.get(uuid(3)))?.quantity).toBe(15);
      expect((await enqueueMutation(db, stockAdjust, adjust(1))).seq).toBe(5);
    });

    it("skips refused writes without a trace or a seq and reports them by index", async () => {
      const { db } = await seeded();
      const { entries, refused } = await enqueueMutations(db, [
        { def: stockAdjust, args: adjust(2) },
        { def: stockAdjust, args: adjust(-50) },
        { def: locationCreate, args: { id: uuid(30), name: "   ", parentId: null } },
        { def: stockAdjust, args: adjust(3) },
      ]);
      expect(entries.map((e) => e?.seq ?? null)).toEqual([1, null, null, 2]);
      expect(refused.map((r) => [r.index, (r.error as DomainError).code])).toEqual([
        [1, "INSUFFICIENT_STOCK"],
        [2, "VALIDATION_FAILED"],
      ]);
      expect((await db.inventory.get(uuid(3)))?.quantity).toBe(15);
      expect(await db.location.get(uuid(30))).toBeUndefined();
      expect(await getMeta(db, "nextSeq")).toBe(3);
    });

    it("takes no seq when every write is refused", async () => {
      const { db } = await seeded();
      const { entries } = await enqueueMutations(db, [{ def: stockAdjust, args: adjust(-50) }]);
      expect(entries).toEqual([null]);
      expect(await db.outbox.count()).toBe(0);
      expect((await enqueueMutation(db, stockAdjust, adjust(1))).seq).toBe(1);
    });
  });
});
