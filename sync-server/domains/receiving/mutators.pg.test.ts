import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MutationInput } from "../../../shared/mutations/index.js";
import { batchIdFor } from "../../../shared/stock/batch-id.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { ledgerViolations } from "../../../test/ledger.js";
import { draftOrder, orderFixture, outcome, run, sentOrder, type OrderFixture } from "../../../test/orders.js";
import { TestClient } from "../../../test/sync-client.js";

let t: TestDatabase;
let p: TestPractice;
let f: OrderFixture;
let admin: TestClient;
let tabletA: TestClient;
let tabletB: TestClient;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 4 });
  f = await orderFixture(t.db, p);
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  tabletA = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
  tabletB = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
});
afterAll(async () => {
  expect(await ledgerViolations(t.db)).toEqual([]);
  await t.drop();
});

type Line = MutationInput<"receipt.post">["lines"][number];
const orderLines = (orderId: string) => t.db.orderItem.findMany({ where: { orderId }, orderBy: { packSize: "desc" } });
const status = async (orderId: string) => (await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).status;
const onHand = async (itemId: string, batchId: string | null = null) =>
  (await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, locationId: p.locationId, itemId, batchId } }))?.quantity ?? 0;

/** A receipt against `orderId` of `lines` (order line → accepted/damaged packs and extras). */
async function receive(c: TestClient, orderId: string | null, lines: Line[], extra: Partial<MutationInput<"receipt.post">> = {}) {
  const id = randomUUID();
  return { id, result: await run(c, "receipt.post", { id, orderId, locationId: p.locationId, lines, ...extra }) };
}
const against = (l: { id: string; itemId: string }, accepted: number, more: Partial<Line> = {}): Line => ({
  id: randomUUID(),
  itemId: l.itemId,
  orderItemId: l.id,
  accepted,
  ...more,
});

describe("receiving against an order", () => {
  it("a partial receipt stocks packs × pack size through the ledger (RECEIPT), creates the lot (DD=00 kept raw) and makes the order PARTIALLY_RECEIVED", async () => {
    const orderId = await sentOrder(admin, p, f, [[0, 5]]);
    const [line] = await orderLines(orderId);
    const before = await onHand(p.itemIds[0]!, await batchIdFor(p.itemIds[0]!, "LOT-A"));
    const { id, result } = await receive(tabletA, orderId, [against(line!, 2, { lot: "LOT-A", expiry: "2027-02-00" })]);
    expect(outcome(result)).toBe("applied");
    const batchId = await batchIdFor(p.itemIds[0]!, "LOT-A");
    expect(await t.db.batch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ lot: "LOT-A", expiryRaw: "2027-02-00" });
    expect((await t.db.batch.findUniqueOrThrow({ where: { id: batchId } })).expiryDate?.toISOString().slice(0, 10)).toBe("2027-02-28");
    expect((await onHand(p.itemIds[0]!, batchId)) - before).toBe(20);
    const moves = await t.db.stockMovement.findMany({ where: { reference: id } });
    expect(moves.map((m) => [m.kind, m.delta])).toEqual([["RECEIPT", 20]]);
    expect((await orderLines(orderId))[0]!.receivedQuantity).toBe(2);
    expect(await status(orderId)).toBe("PARTIALLY_RECEIVED");
    expect(await t.db.goodsReceiptLine.findFirstOrThrow({ where: { receiptId: id } })).toMatchObject({
      quantity: 2,
      packSize: 10,
      expiryRaw: "2027-02-00",
    });
    expect(await t.db.auditLog.count({ where: { entityId: id, action: "receipt.post" } })).toBe(1);
    // The rest arrives: RECEIVED.
    expect(outcome((await receive(tabletA, orderId, [against(line!, 3, { lot: "LOT-A", expiry: "2027-02-00" })])).result)).toBe("applied");
    expect(await status(orderId)).toBe("RECEIVED");
  });

  it("packs of one order line from two lots are two receipt lines: each lot stocked, the line received in sum; the receipt replicates", async () => {
    const orderId = await sentOrder(admin, p, f, [[0, 4]]);
    const [line] = await orderLines(orderId);
    const [lotB, lotC] = [await batchIdFor(p.itemIds[0]!, "LOT-B"), await batchIdFor(p.itemIds[0]!, "LOT-C")];
    const { id, result } = await receive(tabletA, orderId, [
      against(line!, 3, { lot: "LOT-B", expiry: "2027-05-31" }),
      against(line!, 1, { lot: "LOT-C", expiry: null }),
    ]);
    expect(outcome(result)).toBe("applied");
    expect([await onHand(p.itemIds[0]!, lotB), await onHand(p.itemIds[0]!, lotC)]).toEqual([30, 10]);
    expect((await orderLines(orderId))[0]!.receivedQuantity).toBe(4);
    expect(await status(orderId)).toBe("RECEIVED");
    const { rows } = await tabletB.pullAll();
    expect(rows.get(`goodsReceipt:${id}`)).toMatchObject({ orderId, status: "POSTED", receivedById: p.users.STAFF.id });
    expect(
      [...rows.values()]
        .filter((r) => r.receiptId === id)
        .map((r) => [r.lot, r.quantity, r.packSize])
        .sort(),
    ).toEqual([
      ["LOT-B", 3, 10],
      ["LOT-C", 1, 10],
    ]);
    expect(rows.get(`order:${orderId}`)).toMatchObject({ status: "RECEIVED" });
  });

  it("damaged packs are recorded on the receipt, never stocked, and the line stays open for them", async () => {
    const orderId = await sentOrder(admin, p, f, [[1, 4]]);
    const [line] = await orderLines(orderId);
    const before = await onHand(p.itemIds[1]!);
    const { id, result } = await receive(tabletA, orderId, [against(line!, 3, { damaged: 1, damageReason: "Crushed box" })]);
    expect(outcome(result)).toBe("applied");
    expect((await onHand(p.itemIds[1]!)) - before).toBe(3);
    expect(await t.db.goodsReceiptLine.findFirstOrThrow({ where: { receiptId: id } })).toMatchObject({
      quantity: 3,
      damagedQuantity: 1,
      damageReason: "Crushed box",
    });
    expect((await orderLines(orderId))[0]!.receivedQuantity).toBe(3);
    expect(await status(orderId)).toBe("PARTIALLY_RECEIVED");
    // A line of only damaged packs: recorded, nothing stocked, nothing received.
    const all = await receive(tabletA, orderId, [against(line!, 0, { damaged: 1 })]);
    expect(outcome(all.result)).toBe("applied");
    expect((await onHand(p.itemIds[1]!)) - before).toBe(3);
    expect(await t.db.stockMovement.count({ where: { reference: all.id } })).toBe(0);
  });

  it("over-receipt within the tolerance needs a reason; beyond it is refused (OVER_RECEIPT) and nothing is written", async () => {
    const orderId = await sentOrder(admin, p, f, [[1, 10]]);
    const [line] = await orderLines(orderId);
    const before = await onHand(p.itemIds[1]!);
    expect(outcome((await receive(tabletA, orderId, [against(line!, 11)])).result)).toBe("rejected:VALIDATION_FAILED");
    const beyond = await receive(tabletA, orderId, [against(line!, 12)], { overReceiptReason: "Bonus packs" });
    expect(outcome(beyond.result)).toBe("rejected:OVER_RECEIPT");
    expect(await t.db.goodsReceipt.count({ where: { id: beyond.id } })).toBe(0);
    expect(await onHand(p.itemIds[1]!)).toBe(before);
    const within = await receive(tabletA, orderId, [against(line!, 11)], { overReceiptReason: "Supplier sent a spare" });
    expect(outcome(within.result)).toBe("applied");
    expect(await t.db.goodsReceipt.findUniqueOrThrow({ where: { id: within.id } })).toMatchObject({
      overReceiptReason: "Supplier sent a spare",
    });
    expect((await orderLines(orderId))[0]!.receivedQuantity).toBe(11);
    expect(await status(orderId)).toBe("RECEIVED");
  });

  it("an under-receipt leaves the order partly received until a manager closes it short", async () => {
    const orderId = await sentOrder(admin, p, f, [[1, 6]]);
    const [line] = await orderLines(orderId);
    expect(outcome((await receive(tabletA, orderId, [against(line!, 4)])).result)).toBe("applied");
    expect(await status(orderId)).toBe("PARTIALLY_RECEIVED");
    expect(outcome(await run(admin, "order.close", { orderId, reason: "Back-ordered indefinitely" }))).toBe("applied");
    expect(await status(orderId)).toBe("RECEIVED");
  });

  it("refuses a draft, a cancelled order, another order's line and a batch-tracked item without a lot", async () => {
    const draft = await draftOrder(admin, p, f.emailSupplierId, [[1, 2]]);
    const [draftLine] = await orderLines(draft);
    expect(outcome((await receive(tabletA, draft, [against(draftLine!, 1)])).result)).toBe("rejected:ORDER_STATE");
    const cancelled = await sentOrder(admin, p, f, [[1, 2]]);
    await run(admin, "order.cancel", { orderId: cancelled, reason: "Not needed" });
    const [cancelledLine] = await orderLines(cancelled);
    expect(outcome((await receive(tabletA, cancelled, [against(cancelledLine!, 1)])).result)).toBe("rejected:ORDER_STATE");
    const sent = await sentOrder(admin, p, f, [[1, 2]]);
    expect(outcome((await receive(tabletA, sent, [against(cancelledLine!, 1)])).result)).toBe("rejected:NOT_FOUND");
    await t.db.item.update({ where: { id: p.itemIds[3]! }, data: { batchTracked: true } });
    const unordered = { id: randomUUID(), itemId: p.itemIds[3]!, accepted: 1 };
    expect(outcome((await receive(tabletA, null, [unordered])).result)).toBe("rejected:BATCH_REQUIRED");
    expect(await t.db.auditLog.count({ where: { action: "receipt.post", entityId: { in: [draft, cancelled] } } })).toBe(0);
  });

  it("a delivery nobody ordered is received without an order (its own pack size)", async () => {
    const before = await onHand(p.itemIds[2]!);
    const { result } = await receive(tabletA, null, [{ id: randomUUID(), itemId: p.itemIds[2]!, accepted: 2, packSize: 5 }]);
    expect(outcome(result)).toBe("applied");
    expect((await onHand(p.itemIds[2]!)) - before).toBe(10);
  });
});

describe("two devices receiving one order at once", () => {
  it("racing pushes: the later is judged on what the first received, so the line never passes the tolerance and nothing is lost", async () => {
    const orderId = await sentOrder(admin, p, f, [[1, 10]]);
    const [line] = await orderLines(orderId);
    const before = await onHand(p.itemIds[1]!);
    // Both tablets saw nothing received yet; each receives 8 of 10 (max 11 at 10 %).
    const seen = { [line!.id]: 0 };
    const [a, b] = await Promise.all([
      receive(tabletA, orderId, [against(line!, 8)], { seenReceived: seen }),
      receive(tabletB, orderId, [against(line!, 8)], { seenReceived: seen }),
    ]);
    const outcomes = [outcome(a.result), outcome(b.result)].sort();
    expect(outcomes).toEqual(["applied", "rejected:OVER_RECEIPT"]);
    expect((await orderLines(orderId))[0]!.receivedQuantity).toBe(8);
    expect((await onHand(p.itemIds[1]!)) - before).toBe(8);
    const refused = a.result.status === "rejected" ? a.result : b.result;
    expect(refused.status === "rejected" && refused.message).toMatch(/another device/);
  });

  it("within the tolerance the later receipt is applied as a conflict with the reason in words", async () => {
    const orderId = await sentOrder(admin, p, f, [[1, 10]]);
    const [line] = await orderLines(orderId);
    const seen = { [line!.id]: 0 };
    expect(outcome((await receive(tabletA, orderId, [against(line!, 8)], { seenReceived: seen })).result)).toBe("applied");
    const later = await receive(tabletB, orderId, [against(line!, 3)], { seenReceived: seen });
    expect(outcome(later.result)).toBe("conflict:CONFLICT");
    expect((await orderLines(orderId))[0]!.receivedQuantity).toBe(11);
    expect((await t.db.goodsReceipt.findUniqueOrThrow({ where: { id: later.id } })).conflictReason).toMatch(/another device/);
    expect(await status(orderId)).toBe("RECEIVED");
  });
});
