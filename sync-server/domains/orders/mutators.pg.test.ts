import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { draftOrder, orderFixture, outcome, run, sentOrder, type OrderFixture } from "../../../test/orders.js";
import { TestClient } from "../../../test/sync-client.js";

let t: TestDatabase;
let p: TestPractice;
let f: OrderFixture;
let admin: TestClient;
let staff: TestClient;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 4 });
  f = await orderFixture(t.db, p);
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
});
afterAll(() => t.drop());

const order = (id: string) => t.db.order.findUniqueOrThrow({ where: { id }, include: { items: { orderBy: { packSize: "desc" } } } });
const audits = (entityId: string, action: string) => t.db.auditLog.count({ where: { practiceId: p.practiceId, entityId, action } });

describe("drafts", () => {
  it("order.create numbers the draft at push and snapshots each line's price, SKU and pack size from the supplier's terms", async () => {
    const first = await draftOrder(admin, p, f.emailSupplierId, [
      [0, 3],
      [1, 2],
    ]);
    const second = await draftOrder(admin, p, f.emailSupplierId, [[2, 1]]);
    const a = await order(first);
    const b = await order(second);
    expect(b.number).toBe(a.number! + 1);
    expect(a.status).toBe("DRAFT");
    expect(a.items.map((l) => [l.quantity, l.unitPrice?.toFixed(4) ?? null, l.supplierSku, l.packSize])).toEqual([
      [3, "12.5000", "SUP-1", 10],
      [2, "3.3333", null, 1],
    ]);
    // Item 2 has no terms at this supplier: price to confirm, packs of one.
    expect(b.items.map((l) => [l.unitPrice, l.packSize])).toEqual([[null, 1]]);
    expect(await audits(first, "order.create")).toBe(1);
  });

  it("a price in another currency than the order's is not converted: the line's price is to be confirmed", async () => {
    const id = randomUUID();
    expect(
      outcome(
        await run(admin, "order.create", {
          id,
          supplierId: f.emailSupplierId,
          currency: "EUR",
          lines: [{ id: randomUUID(), itemId: p.itemIds[0]!, quantity: 1 }],
        }),
      ),
    ).toBe("applied");
    expect((await order(id)).items[0]).toMatchObject({ unitPrice: null, supplierSku: "SUP-1", packSize: 10 });
  });

  it("refuses an item listed twice, an archived supplier, and staff", async () => {
    const line = () => ({ id: randomUUID(), itemId: p.itemIds[0]!, quantity: 1 });
    expect(outcome(await run(admin, "order.create", { id: randomUUID(), supplierId: f.emailSupplierId, lines: [line(), line()] }))).toBe(
      "rejected:VALIDATION_FAILED",
    );
    const archived = await t.db.practiceSupplier.create({
      data: { practiceId: p.practiceId, name: `Gone ${randomUUID()}`, archived: true },
    });
    expect(outcome(await run(admin, "order.create", { id: randomUUID(), supplierId: archived.id }))).toBe("rejected:CONFLICT");
    expect(outcome(await run(staff, "order.create", { id: randomUUID(), supplierId: f.emailSupplierId }))).toBe("rejected:FORBIDDEN");
  });

  it("a draft's lines and details are edited; the item's existing line is updated, not doubled", async () => {
    const id = await draftOrder(admin, p, f.emailSupplierId, [[0, 1]]);
    expect(outcome(await run(admin, "order.setLine", { orderId: id, id: randomUUID(), itemId: p.itemIds[0]!, quantity: 5 }))).toBe(
      "applied",
    );
    expect(outcome(await run(admin, "order.setLine", { orderId: id, id: randomUUID(), itemId: p.itemIds[1]!, quantity: 2 }))).toBe(
      "applied",
    );
    expect(outcome(await run(admin, "order.update", { orderId: id, deliveryLocationId: p.locationId, notes: "Back door" }))).toBe(
      "applied",
    );
    let o = await order(id);
    expect(o.items.map((l) => l.quantity)).toEqual([5, 2]);
    expect(o).toMatchObject({ deliveryLocationId: p.locationId, notes: "Back door" });
    expect(outcome(await run(admin, "order.removeLine", { orderId: id, itemId: p.itemIds[1]! }))).toBe("applied");
    o = await order(id);
    expect(o.items.map((l) => l.itemId)).toEqual([p.itemIds[0]]);
    expect(await t.db.tombstone.count({ where: { practiceId: p.practiceId, entity: "orderItem" } })).toBeGreaterThan(0);
    expect(outcome(await run(admin, "order.removeLine", { orderId: id, itemId: p.itemIds[1]! }))).toBe("rejected:NOT_FOUND");
    expect(await audits(id, "order.setLine")).toBe(2);
    expect(await audits(id, "order.update")).toBe(1);
    expect(await audits(id, "order.removeLine")).toBe(1);
  });

  it("only drafts are edited or deleted; deleting one leaves tombstones for it and its lines", async () => {
    const sent = await sentOrder(admin, p, f, [[0, 1]]);
    expect(outcome(await run(admin, "order.setLine", { orderId: sent, id: randomUUID(), itemId: p.itemIds[0]!, quantity: 9 }))).toBe(
      "rejected:ORDER_STATE",
    );
    expect(outcome(await run(admin, "order.update", { orderId: sent, notes: "late" }))).toBe("rejected:ORDER_STATE");
    expect(outcome(await run(admin, "order.delete", { orderId: sent }))).toBe("rejected:ORDER_STATE");
    const draft = await draftOrder(admin, p, f.emailSupplierId, [[0, 1]]);
    const lineId = (await order(draft)).items[0]!.id;
    expect(outcome(await run(admin, "order.delete", { orderId: draft }))).toBe("applied");
    expect(await t.db.order.count({ where: { id: draft } })).toBe(0);
    expect(await t.db.tombstone.count({ where: { entityId: { in: [draft, lineId] } } })).toBe(2);
    expect(await audits(draft, "order.delete")).toBe(1);
  });
});

describe("sending", () => {
  it("order.send: SENT, and the supplier email is an outbox row written with it (account number, SKUs, pack sizes, prices)", async () => {
    const id = await draftOrder(admin, p, f.emailSupplierId, [
      [0, 3],
      [1, 2],
    ]);
    expect(outcome(await run(admin, "order.send", { orderId: id }))).toBe("applied");
    const o = await order(id);
    expect(o).toMatchObject({ status: "SENT", sentManually: false, sentById: p.users.ADMIN.id });
    const email = await t.db.emailOutbox.findUniqueOrThrow({ where: { id: o.emailOutboxId! } });
    expect(email).toMatchObject({ kind: "order", recipient: "orders@supplier.test", practiceId: p.practiceId, status: "PENDING" });
    const data = email.data as { reference: string; supplier: { accountNumber: string }; lines: Record<string, unknown>[] };
    expect(data.reference).toBe(`PO-${String(o.number).padStart(4, "0")}`);
    expect(data.supplier.accountNumber).toBe("ACC-77");
    expect(data.lines).toEqual([
      expect.objectContaining({ name: "Item 1", supplierSku: "SUP-1", quantity: 3, packSize: 10, unitPrice: "12.5000", currency: "GBP" }),
      expect.objectContaining({ name: "Item 2", quantity: 2, packSize: 1, unitPrice: "3.3333" }),
    ]);
    expect(await audits(id, "order.send")).toBe(1);
    expect(outcome(await run(admin, "order.send", { orderId: id }))).toBe("rejected:ORDER_STATE");
    expect(
      await t.db.emailOutbox.count({ where: { practiceId: p.practiceId, kind: "order", data: { path: ["orderId"], equals: id } } }),
    ).toBe(1);
  });

  it("refuses a supplier without an order email (mark it sent instead) and an empty order", async () => {
    const phoned = await draftOrder(admin, p, f.phoneSupplierId, [[0, 1]]);
    expect(outcome(await run(admin, "order.send", { orderId: phoned }))).toBe("rejected:SUPPLIER_NO_ORDER_EMAIL");
    const empty = await draftOrder(admin, p, f.emailSupplierId, []);
    expect(outcome(await run(admin, "order.send", { orderId: empty }))).toBe("rejected:ORDER_EMPTY");
    expect((await order(phoned)).status).toBe("DRAFT");
  });

  it("order.markSentManually: a phoned-in order is SENT with no email and says so; not for a supplier that takes email", async () => {
    const phoned = await draftOrder(admin, p, f.phoneSupplierId, [[0, 1]]);
    expect(outcome(await run(admin, "order.markSentManually", { orderId: phoned, note: "Spoke to Sam" }))).toBe("applied");
    expect(await order(phoned)).toMatchObject({ status: "SENT", sentManually: true, emailOutboxId: null });
    expect(await audits(phoned, "order.markSentManually")).toBe(1);
    const emailed = await draftOrder(admin, p, f.emailSupplierId, [[0, 1]]);
    expect(outcome(await run(admin, "order.markSentManually", { orderId: emailed }))).toBe("rejected:SUPPLIER_HAS_ORDER_EMAIL");
  });

  it("order.retryEmail puts a failed order email back in the queue; refused while it is not failed, and for a phoned-in order", async () => {
    const id = await sentOrder(admin, p, f, [[0, 1]]);
    expect(outcome(await run(admin, "order.retryEmail", { orderId: id }))).toBe("rejected:CONFLICT");
    const { emailOutboxId } = await order(id);
    await t.db.emailOutbox.update({ where: { id: emailOutboxId! }, data: { status: "DEAD", lastError: "bounced", attempts: 5 } });
    expect(outcome(await run(admin, "order.retryEmail", { orderId: id }))).toBe("applied");
    expect(await t.db.emailOutbox.findUniqueOrThrow({ where: { id: emailOutboxId! } })).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(await audits(id, "order.retryEmail")).toBe(1);
    const phoned = await draftOrder(admin, p, f.phoneSupplierId, [[0, 1]]);
    await run(admin, "order.markSentManually", { orderId: phoned });
    expect(outcome(await run(admin, "order.retryEmail", { orderId: phoned }))).toBe("rejected:CONFLICT");
  });
});

describe("cancel and close", () => {
  it("cancels a draft or a sent order with its reason; refuses without one and once received", async () => {
    const sent = await sentOrder(admin, p, f, [[0, 1]]);
    expect(outcome(await run(admin, "order.cancel", { orderId: sent, reason: "  " }))).toBe("rejected:VALIDATION_FAILED");
    expect(outcome(await run(admin, "order.cancel", { orderId: sent, reason: "Ordered elsewhere" }))).toBe("applied");
    expect(await order(sent)).toMatchObject({ status: "CANCELLED", cancelReason: "Ordered elsewhere" });
    expect(await audits(sent, "order.cancel")).toBe(1);
    expect(outcome(await run(admin, "order.cancel", { orderId: sent, reason: "again" }))).toBe("rejected:ORDER_STATE");
  });

  it("closes a partly received order (RECEIVED, short) with its reason; a sent order with nothing in is cancelled instead", async () => {
    const id = await sentOrder(admin, p, f, [[1, 4]]);
    expect(outcome(await run(admin, "order.close", { orderId: id, reason: "Rest discontinued" }))).toBe("rejected:ORDER_STATE");
    const line = (await order(id)).items[0]!;
    const receipt = {
      id: randomUUID(),
      orderId: id,
      locationId: p.locationId,
      lines: [{ id: randomUUID(), itemId: p.itemIds[1]!, orderItemId: line.id, accepted: 1 }],
    };
    expect(outcome(await run(staff, "receipt.post", receipt))).toBe("applied");
    expect(outcome(await run(staff, "order.close", { orderId: id, reason: "x" }))).toBe("rejected:FORBIDDEN");
    expect(outcome(await run(admin, "order.close", { orderId: id, reason: "Rest discontinued" }))).toBe("applied");
    const o = await order(id);
    expect(o).toMatchObject({ status: "RECEIVED", closeReason: "Rest discontinued" });
    expect(o.closedAt).not.toBeNull();
    expect(await audits(id, "order.close")).toBe(1);
  });
});

describe("templates and settings", () => {
  it("creates, renames, replaces the lines of and deletes a template (names unique per practice)", async () => {
    const id = randomUUID();
    const lines = [{ id: randomUUID(), itemId: p.itemIds[0]!, quantity: 2 }];
    expect(outcome(await run(admin, "orderTemplate.create", { id, name: "Weekly gloves", supplierId: f.emailSupplierId, lines }))).toBe(
      "applied",
    );
    expect(
      outcome(
        await run(admin, "orderTemplate.create", {
          id: randomUUID(),
          name: "Weekly gloves",
          supplierId: f.emailSupplierId,
          lines: [{ ...lines[0]!, id: randomUUID() }],
        }),
      ),
    ).toBe("rejected:ALREADY_EXISTS");
    const replaced = [{ id: randomUUID(), itemId: p.itemIds[1]!, quantity: 5 }];
    expect(outcome(await run(admin, "orderTemplate.update", { templateId: id, name: "Weekly", lines: replaced }))).toBe("applied");
    expect(await t.db.orderTemplateItem.findMany({ where: { templateId: id }, select: { itemId: true, quantity: true } })).toEqual([
      { itemId: p.itemIds[1], quantity: 5 },
    ]);
    expect(await t.db.tombstone.count({ where: { entityId: lines[0]!.id } })).toBe(1);
    expect(outcome(await run(admin, "orderTemplate.delete", { templateId: id }))).toBe("applied");
    expect(await t.db.orderTemplate.count({ where: { id } })).toBe(0);
    expect(outcome(await run(admin, "orderTemplate.delete", { templateId: id }))).toBe("rejected:NOT_FOUND");
    for (const action of ["orderTemplate.create", "orderTemplate.update", "orderTemplate.delete"]) expect(await audits(id, action)).toBe(1);
  });

  it("orderSettings.set stores the tolerance and usage window (admins only), and they replicate", async () => {
    expect(outcome(await run(staff, "orderSettings.set", { overReceiptTolerancePercent: 20, usageWindowWeeks: 4 }))).toBe(
      "rejected:FORBIDDEN",
    );
    expect(outcome(await run(admin, "orderSettings.set", { overReceiptTolerancePercent: 20, usageWindowWeeks: 4 }))).toBe("applied");
    const { rows } = await staff.pullAll();
    const settings = [...rows.entries()].find(([k]) => k.startsWith("stockSettings:"))![1];
    expect(settings).toMatchObject({ overReceiptTolerancePercent: 20, usageWindowWeeks: 4 });
    expect(await audits(p.practiceId, "orderSettings.set")).toBe(1);
    await run(admin, "orderSettings.set", { overReceiptTolerancePercent: 10, usageWindowWeeks: 8 });
  });

  it("orders, their lines and templates replicate with decimal prices as text", async () => {
    const id = await draftOrder(admin, p, f.emailSupplierId, [[0, 3]]);
    const { rows } = await staff.pullAll();
    expect(rows.get(`order:${id}`)).toMatchObject({ status: "DRAFT", supplierId: f.emailSupplierId, emailed: false, sentManually: false });
    const line = [...rows.values()].find((r) => r.orderId === id);
    expect(line).toMatchObject({ quantity: 3, unitPrice: "12.5000", supplierSku: "SUP-1", packSize: 10, receivedQuantity: 0 });
  });
});
