import "fake-indexeddb/auto";
import { describe, expect, it, vi, type MockInstance } from "vitest";
import { itemCreate, itemUpdate } from "../../shared/catalogue/mutations.js";
import type { ReplicaTx } from "../../shared/mutations/define.js";
import type { SupplierRow } from "../../shared/protocol/entities.js";
import { supplierCreate, supplierItemSet } from "../../shared/suppliers/mutations.js";
import { freshReplica, itemRow, uuid } from "../testing/fixtures.js";
import { BulkReplica } from "./bulkReplica.js";
import type { ReplicaDb } from "./db.js";
import { enqueueMutation, enqueueMutations, type QueuedWrite } from "./outbox.js";
import { getShadow } from "./shadows.js";

const ITEM = uuid(2);
const SUPPLIER = uuid(40);
const NEW_ITEM = uuid(41);

function supplierRow(id: string): SupplierRow {
  return {
    id,
    version: 3,
    globalSupplierId: null,
    name: "MediSupply",
    accountNumber: null,
    orderEmail: null,
    phone: null,
    notes: null,
    archived: false,
  };
}

/** The applies of `writes` as enqueueMutations hands them to a BulkReplica (args parsed). */
function appliesOf(writes: QueuedWrite[]): Array<(tx: ReplicaTx) => Promise<void>> {
  return writes.map((w) => {
    const def = w.def as unknown as { args: { parse(a: unknown): unknown }; applyClient(tx: ReplicaTx, args: unknown): Promise<void> };
    const args = def.args.parse(w.args);
    return (tx) => def.applyClient(tx, structuredClone(args));
  });
}

/**
 * Warms a batch of `writes`, runs its real pass (and the flush too when `flushToo`) and writes it; how
 * often the spy `watch` sets up was called in the real pass (on `on` only, when given).
 */
async function callsInRealPass(
  db: ReplicaDb,
  writes: QueuedWrite[],
  watch: () => MockInstance,
  { flushToo = false, on }: { flushToo?: boolean; on?: unknown } = {},
): Promise<number> {
  return db.transaction("rw", db.tables, async () => {
    const batch = new BulkReplica(db);
    const applies = appliesOf(writes);
    await batch.prefetch(applies);
    const spy = watch();
    try {
      for (const apply of applies) {
        const tx = batch.begin();
        await apply(tx);
        batch.accept(tx);
      }
      if (flushToo) await batch.flush();
      return spy.mock.contexts.filter((self) => on === undefined || self === on).length;
    } finally {
      spy.mockRestore();
      if (!flushToo) await batch.flush();
    }
  });
}

describe("BulkReplica's warm-up", () => {
  it("foresees the reads of a price whose supplier and item earlier writes of the batch create: the real pass reads nothing from IndexedDB", async () => {
    const { db } = await freshReplica();
    const writes: QueuedWrite[] = [
      { def: supplierCreate, args: { id: SUPPLIER, name: "MediSupply" } },
      { def: itemCreate, args: { id: NEW_ITEM, name: "Gauze", sku: "SKU-2" } },
      { def: supplierItemSet, args: { id: uuid(42), supplierId: SUPPLIER, itemId: NEW_ITEM, unitPrice: "1.50", preferred: true } },
    ];
    const reads = await callsInRealPass(db, writes, () => vi.spyOn(db, "entityTable"));
    // Before the warm-up laid each round's writes over its answers, the price refused in every round
    // (no such supplier), so its quote look-up went to IndexedDB on its own in the real pass.
    expect(reads).toBe(0);
    expect((await db.supplierItem.toArray()).map((q) => [q.id, q.itemId, q.unitPrice])).toEqual([[uuid(42), NEW_ITEM, "1.5000"]]);
    expect((await db.item.get(NEW_ITEM))?.defaultSupplierId).toBe(SUPPLIER);
  });

  it("shadows a row the batch read before changing it without reading it again", async () => {
    const { db } = await freshReplica();
    await db.item.put(itemRow(ITEM, { sku: "SKU-1" }));
    await db.supplier.put(supplierRow(SUPPLIER));
    const writes: QueuedWrite[] = [
      { def: supplierItemSet, args: { id: uuid(42), supplierId: SUPPLIER, itemId: ITEM, unitPrice: "2.00", preferred: true } },
    ];
    const itemTable = db.entityTable("item");
    const bulkGets = () => vi.spyOn(Object.getPrototypeOf(itemTable) as typeof itemTable, "bulkGet");
    expect(await callsInRealPass(db, writes, bulkGets, { flushToo: true, on: itemTable })).toBe(0);
    expect((await getShadow(db, "item", ITEM))?.row).toEqual(itemRow(ITEM, { sku: "SKU-1" }));
    expect((await getShadow(db, "supplierItem", uuid(42)))?.row).toBeNull();
  });

  it("finds a row the batch wrote by the value it has now, not one it had earlier in the batch", async () => {
    const writes = (): QueuedWrite[] => [
      { def: itemCreate, args: { id: uuid(50), name: "First", sku: "A" } },
      { def: itemUpdate, args: { id: uuid(50), sku: "B" } },
      { def: itemCreate, args: { id: uuid(51), name: "Takes A", sku: "A" } },
      { def: itemCreate, args: { id: uuid(52), name: "Wants B", sku: "B" } },
      { def: itemUpdate, args: { id: uuid(51), sku: "B" } },
    ];
    const one = await freshReplica();
    for (const w of writes()) await enqueueMutation(one.db, w.def as never, w.args as never).catch(() => undefined);
    const bulk = await freshReplica();
    const { refused } = await enqueueMutations(bulk.db, writes());
    expect(refused.map((r) => r.index)).toEqual([3, 4]);
    expect(await bulk.db.item.toArray()).toEqual(await one.db.item.toArray());
    expect(await bulk.db.outbox.count()).toBe(await one.db.outbox.count());
  });

  it("fetches the reads a mutation declares before its first probe, so a price for a stored item and supplier applies once there and once for real", async () => {
    const { db } = await freshReplica();
    await db.supplier.put(supplierRow(SUPPLIER));
    const items = [uuid(60), uuid(61), uuid(62)];
    await db.item.bulkPut(items.map((id, i) => itemRow(id, { sku: `SKU-${i}` })));
    let applies = 0;
    const counted = {
      ...supplierItemSet,
      applyClient: (tx: ReplicaTx, args: Parameters<NonNullable<typeof supplierItemSet.applyClient>>[1]) => {
        applies++;
        return supplierItemSet.applyClient!(tx, args);
      },
    } as typeof supplierItemSet;
    const writes: QueuedWrite[] = items.map((itemId, i) => ({
      def: counted,
      args: { id: uuid(70 + i), supplierId: SUPPLIER, itemId, unitPrice: "3.00", preferred: true },
    }));
    const { refused } = await enqueueMutations(db, writes);
    expect(refused).toEqual([]);
    // Without the declared reads each price stopped at its first unknown row (the supplier, then the
    // item, then its quote): four probe rounds and the real pass, five applies each.
    expect(applies).toBe(items.length * 2);
    expect((await db.item.bulkGet(items)).map((item) => item?.defaultSupplierId)).toEqual([SUPPLIER, SUPPLIER, SUPPLIER]);
  });

  it("queues a write whose declared reads cannot be said (its args fail the rule) as it would without them", async () => {
    const one = await freshReplica();
    const bulk = await freshReplica();
    const bad = (): QueuedWrite[] => [
      { def: itemCreate, args: { id: uuid(80), name: "Bad GTIN", gtin: "12345678901234" } },
      { def: itemCreate, args: { id: uuid(81), name: "Good", sku: "SKU-9" } },
    ];
    for (const w of bad()) await enqueueMutation(one.db, w.def as never, w.args as never).catch(() => undefined);
    const { refused } = await enqueueMutations(bulk.db, bad());
    expect(refused.map((r) => r.index)).toEqual([0]);
    expect(await bulk.db.item.toArray()).toEqual(await one.db.item.toArray());
  });
});
