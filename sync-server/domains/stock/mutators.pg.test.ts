import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { ledgerViolations } from "../../../test/ledger.js";
import { TestClient } from "../../../test/sync-client.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import { batchIdFor } from "../../../shared/stock/batch-id.js";

let t: TestDatabase;
let p: TestPractice;
let admin: TestClient;
let fluVaccine: string;
let shelf: string;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 4 });
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  fluVaccine = p.itemIds[3]!;
  await t.db.item.update({ where: { id: fluVaccine }, data: { batchTracked: true, name: "Flu vaccine" } });
  shelf = randomUUID();
  expect(await one("location.create", { id: shelf, name: "Fridge", parentId: null })).toBe("applied");
});
afterAll(() => t.drop());

async function one<N extends MutationName>(name: N, args: MutationInput<N>) {
  const res = await admin.push([admin.mutation(name, args)]);
  const r = res.results[0]!;
  return r.status === "rejected" ? r.code : r.status;
}

async function newLot(itemId: string, lot: string, expiry: string | null) {
  const id = await batchIdFor(itemId, lot);
  return { id, status: await one("batch.create", { id, itemId, lot, expiry }) };
}

const onHand = async (locationId: string, itemId: string, batchId: string | null = null) =>
  (await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, locationId, itemId, batchId } }))?.quantity ?? 0;

describe("batches", () => {
  it("a batch-tracked item refuses stock without a batch, on every movement", async () => {
    const noBatch = { id: randomUUID(), locationId: p.locationId, itemId: fluVaccine, quantity: 9, reason: "FOUND" as const };
    expect(await one("stock.adjust", noBatch)).toBe("BATCH_REQUIRED");
    expect(await one("stock.consume", { id: randomUUID(), locationId: p.locationId, itemId: fluVaccine, quantity: 1 })).toBe(
      "BATCH_REQUIRED",
    );
    expect(
      await one("stock.transfer", { id: randomUUID(), itemId: fluVaccine, fromLocationId: p.locationId, toLocationId: shelf, quantity: 1 }),
    ).toBe("BATCH_REQUIRED");
    expect(await onHand(p.locationId, fluVaccine)).toBe(0);
  });

  it("creates a lot once under its derived id, keeps a DD=00 expiry as given and resolves it to the month's last day", async () => {
    const lot = await newLot(fluVaccine, " FLU-24A ", "2028-02-00");
    expect(lot.status).toBe("applied");
    expect(await t.db.batch.findUniqueOrThrow({ where: { id: lot.id } })).toMatchObject({
      lot: "FLU-24A",
      expiryRaw: "2028-02-00",
      expiryDate: new Date("2028-02-29T00:00:00Z"),
    });
    // The same lot from a second tablet (same derived id) changes nothing; a different expiry is flagged, first kept.
    expect(await one("batch.create", { id: lot.id, itemId: fluVaccine, lot: "FLU-24A", expiry: "2028-02-00" })).toBe("applied");
    const res = await admin.push([
      admin.mutation("batch.create", { id: lot.id, itemId: fluVaccine, lot: "FLU-24A", expiry: "2028-03-31" }),
    ]);
    expect(res.results[0]).toMatchObject({ status: "conflict" });
    expect((await t.db.batch.findUniqueOrThrow({ where: { id: lot.id } })).expiryRaw).toBe("2028-02-00");
  });

  it("refuses an id that is not derived from the item and lot, and an impossible expiry", async () => {
    expect(await one("batch.create", { id: randomUUID(), itemId: fluVaccine, lot: "X1", expiry: null })).toBe("VALIDATION_FAILED");
    expect(await one("batch.create", { id: await batchIdFor(fluVaccine, "X2"), itemId: fluVaccine, lot: "X2", expiry: "2027-02-30" })).toBe(
      "VALIDATION_FAILED",
    );
  });
});

describe("movements", () => {
  it("books an opening balance into a new lot, moves part of it and uses some: two ledger lines per transfer", async () => {
    const lot = await newLot(fluVaccine, "OB-1", "2027-06-30");
    expect(
      await one("stock.adjust", {
        id: randomUUID(),
        locationId: p.locationId,
        itemId: fluVaccine,
        batchId: lot.id,
        quantity: 20,
        reason: "OPENING_BALANCE",
      }),
    ).toBe("applied");
    const transferId = randomUUID();
    expect(
      await one("stock.transfer", {
        id: transferId,
        itemId: fluVaccine,
        batchId: lot.id,
        fromLocationId: p.locationId,
        toLocationId: shelf,
        quantity: 8,
      }),
    ).toBe("applied");
    expect(
      await one("stock.consume", {
        id: randomUUID(),
        locationId: shelf,
        itemId: fluVaccine,
        batchId: lot.id,
        quantity: 3,
        note: "Tuesday flu clinic",
      }),
    ).toBe("applied");
    expect([await onHand(p.locationId, fluVaccine, lot.id), await onHand(shelf, fluVaccine, lot.id)]).toEqual([12, 5]);

    const lines = await t.db.stockMovement.findMany({
      where: { practiceId: p.practiceId, reference: transferId },
      orderBy: { delta: "asc" },
    });
    expect(lines.map((l) => [l.kind, l.locationId, l.delta])).toEqual([
      ["TRANSFER_OUT", p.locationId, -8],
      ["TRANSFER_IN", shelf, 8],
    ]);
    expect(await t.db.transfer.findUniqueOrThrow({ where: { id: transferId } })).toMatchObject({ quantity: 8, batchId: lot.id });
    expect(await t.db.stockAdjustment.findFirstOrThrow({ where: { practiceId: p.practiceId, batchId: lot.id } })).toMatchObject({
      reason: "OPENING_BALANCE",
    });
    expect(await t.db.auditLog.count({ where: { practiceId: p.practiceId, action: { in: ["stock.transfer", "stock.consume"] } } })).toBe(2);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("refuses to move or use more than is there, to the same place, or into an archived location", async () => {
    const item = p.itemIds[0]!;
    expect(await one("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: item, quantity: 2, reason: "FOUND" })).toBe(
      "applied",
    );
    expect(
      await one("stock.transfer", { id: randomUUID(), itemId: item, fromLocationId: p.locationId, toLocationId: shelf, quantity: 3 }),
    ).toBe("INSUFFICIENT_STOCK");
    expect(await one("stock.consume", { id: randomUUID(), locationId: p.locationId, itemId: item, quantity: 3 })).toBe(
      "INSUFFICIENT_STOCK",
    );
    expect(
      await one("stock.transfer", {
        id: randomUUID(),
        itemId: item,
        fromLocationId: p.locationId,
        toLocationId: p.locationId,
        quantity: 1,
      }),
    ).toBe("VALIDATION_FAILED");
    const bin = randomUUID();
    expect(await one("location.create", { id: bin, name: "Old bin", parentId: null })).toBe("applied");
    expect(await one("location.archive", { id: bin })).toBe("applied");
    expect(
      await one("stock.transfer", { id: randomUUID(), itemId: item, fromLocationId: p.locationId, toLocationId: bin, quantity: 1 }),
    ).toBe("LOCATION_ARCHIVED");
    expect(await onHand(p.locationId, item)).toBe(2);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});

describe("levels and settings", () => {
  it("sets par levels once per (item, location), refuses min above max, and replicates them", async () => {
    const item = p.itemIds[1]!;
    expect(await one("parLevel.set", { itemId: item, locationId: shelf, minQuantity: 2, maxQuantity: 10 })).toBe("applied");
    expect(await one("parLevel.set", { itemId: item, locationId: shelf, minQuantity: 4, maxQuantity: 12 })).toBe("applied");
    expect(await one("parLevel.set", { itemId: item, locationId: shelf, minQuantity: 5, maxQuantity: 1 })).toBe("VALIDATION_FAILED");
    const rows = await t.db.parLevel.findMany({ where: { practiceId: p.practiceId, itemId: item } });
    expect(rows.map((r) => [r.minQuantity, r.maxQuantity])).toEqual([[4, 12]]);
    const { rows: pulled } = await admin.pullAll(0);
    expect(pulled.get(`parLevel:${rows[0]!.id}`)).toMatchObject({ itemId: item, locationId: shelf, minQuantity: 4, maxQuantity: 12 });
  });

  it("sets an item's practice-wide reorder point and maximum", async () => {
    const item = p.itemIds[2]!;
    expect(await one("stock.setItemLevels", { itemId: item, reorderPoint: 5, maxStock: 40 })).toBe("applied");
    expect(await t.db.item.findUniqueOrThrow({ where: { id: item } })).toMatchObject({ reorderPoint: 5, maxStock: 40 });
    const { rows: pulled } = await admin.pullAll(0);
    expect(pulled.get(`item:${item}`)).toMatchObject({ reorderPoint: 5, maxStock: 40 });
  });

  it("keeps one expiry horizon per practice, admins only, replicated", async () => {
    expect(await one("stock.setExpiryHorizon", { days: 60 })).toBe("applied");
    expect(await one("stock.setExpiryHorizon", { days: 120 })).toBe("applied");
    expect(await t.db.stockSettings.findMany({ where: { practiceId: p.practiceId } })).toEqual([
      expect.objectContaining({ expiryHorizonDays: 120 }),
    ]);
    const staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
    expect((await staff.push([staff.mutation("stock.setExpiryHorizon", { days: 30 })])).results[0]).toMatchObject({
      status: "rejected",
      code: "FORBIDDEN",
    });
    const { rows: pulled } = await admin.pullAll(0);
    expect([...pulled.values()].filter((r) => "expiryHorizonDays" in r)).toEqual([expect.objectContaining({ expiryHorizonDays: 120 })]);
  });
});
