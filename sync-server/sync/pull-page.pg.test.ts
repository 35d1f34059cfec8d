/**
 * PostgreSQL writes a pull page's rows as JSON (pull-page.ts): these pin the wire forms it must match,
 * the ones JavaScript used to write (Date.toISOString, four-decimal money text, YYYY-MM-DD days), in a
 * database whose sessions run in a time zone far from UTC, and what a blind counter may not see.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../db/prisma.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { adminUrl } from "../../test/pg-urls.js";
import { TestClient } from "../../test/sync-client.js";

let t: TestDatabase;
let p: TestPractice;
let staff: TestClient;
let seeded: Awaited<ReturnType<typeof seed>>;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await testDatabase();
  // Before the pool's first connection: every session of this database then runs at UTC+12:45/13:45.
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${t.name}" SET timezone TO 'Pacific/Chatham'`);
  await admin.end();
  p = await makePractice(t.db, { items: 2 });
  staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
  await staff.pull(0); // binds the client the count line names
  seeded = await seed(staff.clientId);
});
afterAll(() => t.drop());

/** Rows of every shape the statement converts, all at version 1 (a first pull reads them). */
async function seed(staffClientId: string) {
  const [itemA, itemB] = p.itemIds as [string, string];
  const practiceId = p.practiceId;
  const version = 1n;
  const supplier = await t.db.practiceSupplier.create({ data: { practiceId, name: "Acme", version } });
  await t.db.practiceSupplierItem.create({
    data: { practiceId, practiceSupplierId: supplier.id, itemId: itemA, unitPrice: new Prisma.Decimal("12.5"), version },
  });
  await t.db.batch.create({ data: { practiceId, itemId: itemA, lot: "L1", expiryDate: at("2027-01-31T00:00:00Z"), version } });
  const order = await t.db.order.create({
    data: {
      practiceId,
      practiceSupplierId: supplier.id,
      status: "SENT",
      sentAt: at("2026-05-06T07:08:09.010Z"),
      createdAt: at("2026-05-06T07:00:00.100Z"),
      version,
    },
  });
  await t.db.orderItem.create({
    data: { practiceId, orderId: order.id, itemId: itemA, quantity: 2, unitPrice: new Prisma.Decimal("0.1"), version },
  });
  await t.db.orderItem.create({ data: { practiceId, orderId: order.id, itemId: itemB, quantity: 1, unitPrice: null, version } });
  const receipt = await t.db.goodsReceipt.create({
    data: {
      practiceId,
      orderId: order.id,
      locationId: p.locationId,
      postedAt: at("2026-12-31T23:59:59.999Z"),
      createdAt: at("2026-12-31T23:00:00Z"),
      version,
    },
  });
  await t.db.goodsReceiptLine.create({
    data: {
      practiceId,
      receiptId: receipt.id,
      itemId: itemA,
      locationId: p.locationId,
      quantity: 3,
      expiryDate: at("2028-02-29T00:00:00Z"),
      version,
    },
  });
  const session = await t.db.countSession.create({
    data: {
      practiceId,
      locationId: p.locationId,
      blind: true,
      status: "COMPLETED",
      completedAt: at("2026-03-04T05:06:07.089Z"),
      createdAt: at("2026-03-04T01:02:03.004Z"),
      version,
    },
  });
  for (const itemId of [itemB, itemA]) await t.db.countSessionItem.create({ data: { practiceId, sessionId: session.id, itemId } });
  const lineId = randomUUID();
  await t.db.countLine.create({
    data: {
      id: lineId,
      practiceId,
      sessionId: session.id,
      clientId: staffClientId,
      userId: p.users.STAFF.id,
      itemId: itemA,
      locationId: p.locationId,
      countedQuantity: 4,
      seenVersion: 7n,
      seenQuantity: 5,
      onHandAtPush: 6,
      movementSinceSeen: 1,
      createdAt: at("2026-03-04T02:00:00Z"),
      version,
    },
  });
  const lines = [{ lineId, clientId: staffClientId, countedQuantity: 4, onHand: 6, movement: 1 }];
  await t.db.countConflict.create({
    data: {
      practiceId,
      sessionId: session.id,
      itemId: itemA,
      locationId: p.locationId,
      kind: "STOCK_MOVED",
      details: { lines, note: "kept" },
      resolvedAt: at("2026-03-04T03:00:00.5Z"),
      createdAt: at("2026-03-04T02:30:00Z"),
      version,
    },
  });
  return { session, order, receipt };
}

describe("pull page rows written by PostgreSQL", () => {
  it("carry dates, days and money in the forms the app reads, whatever the session's time zone", async () => {
    const { session, order, receipt } = seeded;
    // The instant Prisma wrote is the one it was given (its sessions run in UTC: db/prisma.ts).
    const [stored] = await t.db.$queryRaw<
      { utc: string }[]
    >`SELECT to_char("sentAt" AT TIME ZONE 'UTC', 'HH24:MI') AS utc FROM "Order" WHERE "id" = ${order.id}::uuid`;
    expect(stored!.utc).toBe("07:08");
    const admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
    const rows = [...(await admin.pullAll()).rows.values()];
    const one = (pred: (r: Record<string, unknown>) => boolean) => rows.find(pred)!;

    expect(one((r) => r.id === order.id)).toMatchObject({
      sentAt: "2026-05-06T07:08:09.010Z",
      createdAt: "2026-05-06T07:00:00.100Z",
      receivedAt: null,
      emailed: false,
      status: "SENT",
    });
    expect(
      rows
        .filter((r) => r.orderId === order.id && "receivedQuantity" in r)
        .map((r) => r.unitPrice)
        .sort(),
    ).toEqual(["0.1000", null]);
    expect(one((r) => r.lot === "L1" && "expiryRaw" in r && !("receiptId" in r))).toMatchObject({ expiryDate: "2027-01-31" });
    expect(one((r) => "supplierSku" in r && "leadTimeDays" in r)).toMatchObject({ unitPrice: "12.5000", currency: "GBP" });
    expect(one((r) => r.id === receipt.id)).toMatchObject({ postedAt: "2026-12-31T23:59:59.999Z", createdAt: "2026-12-31T23:00:00.000Z" });
    expect(one((r) => r.receiptId === receipt.id)).toMatchObject({ expiryDate: "2028-02-29" });
    expect(one((r) => r.id === session.id)).toMatchObject({
      completedAt: "2026-03-04T05:06:07.089Z",
      createdAt: "2026-03-04T01:02:03.004Z",
      cancelledAt: null,
      itemIds: [...p.itemIds].sort(),
    });
    expect(one((r) => "countedQuantity" in r && "seenVersion" in r)).toMatchObject({
      seenVersion: 7,
      seenQuantity: 5,
      onHandAtPush: 6,
      movementSinceSeen: 1,
      createdAt: "2026-03-04T02:00:00.000Z",
    });
    const conflict = one((r) => r.kind === "STOCK_MOVED");
    expect(conflict).toMatchObject({ resolvedAt: "2026-03-04T03:00:00.500Z", createdAt: "2026-03-04T02:30:00.000Z" });
    expect(conflict.details).toEqual({
      note: "kept",
      lines: [{ lineId: expect.any(String), clientId: staff.clientId, countedQuantity: 4, onHand: 6, movement: 1 }],
    });
  });

  it("leave a blind session's expected figures out for a counter, and nothing else", async () => {
    const rows = [...(await staff.pullAll()).rows.values()];
    expect(rows.find((r) => "countedQuantity" in r && "seenVersion" in r)).toMatchObject({
      countedQuantity: 4,
      seenVersion: 7,
      seenQuantity: null,
      onHandAtPush: null,
      movementSinceSeen: null,
    });
    const conflict = rows.find((r) => r.kind === "STOCK_MOVED")!;
    expect(conflict.details).toEqual({
      note: "kept",
      lines: [{ lineId: expect.any(String), clientId: staff.clientId, countedQuantity: 4 }],
    });
  });
});
