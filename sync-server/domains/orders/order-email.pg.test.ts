/**
 * The supplier email of a sent order through the real pipeline: push over HTTP, the outbox row written in
 * the push's transaction, the in-process worker, the real Resend SDK against the local stand-in. The CSV
 * of the lines travels as an attachment; the order's email state is read back as the screens read it.
 */
import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { orderFixture, type OrderFixture } from "../../../test/orders.js";
import type { Browser } from "../../../test/http.js";
import { pushOne, signIn, startAccountServer, type AccountServer } from "../accounts/account-test-server.js";

const PASSWORD = "order-email-test-pw";
let s: AccountServer;
let p: TestPractice;
let f: OrderFixture;
let admin: Browser;
let staff: Browser;
beforeAll(async () => {
  s = await startAccountServer();
  p = await makePractice(s.t.db, { password: PASSWORD });
  f = await orderFixture(s.t.db, p);
  admin = await signIn(s, p.users.ADMIN.email, PASSWORD);
  staff = await signIn(s, p.users.STAFF.email, PASSWORD);
});
afterAll(() => s.close());

async function sendOrder(lines: [number, number][]) {
  const orderId = randomUUID();
  const created = await pushOne(admin, "order.create", {
    id: orderId,
    supplierId: f.emailSupplierId,
    deliveryLocationId: p.locationId,
    lines: lines.map(([i, quantity]) => ({ id: randomUUID(), itemId: p.itemIds[i], quantity })),
  });
  expect(created).toBe("applied");
  expect(await pushOne(admin, "order.send", { orderId })).toBe("applied");
  return orderId;
}

async function emailState(b: Browser, orderId: string, until: string) {
  for (let i = 0; i < 400; i++) {
    const res = await b.get(`/api/orders/${orderId}/email`);
    expect(res.status).toBe(200);
    if (res.json.state === until) return res.json;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`order email never reached ${until}`);
}

describe("order email through the real worker", () => {
  it("delivers one email with the account number, the lines and a CSV attachment; the order shows it sent", async () => {
    const orderId = await sendOrder([
      [0, 3],
      [1, 2],
    ]);
    const state = await emailState(admin, orderId, "SENT");
    expect(state).toMatchObject({ recipient: "orders@supplier.test", sentManually: false, canRetry: false, lastError: null });
    expect(state.sentAt).not.toBeNull();
    const { number } = await s.t.db.order.findUniqueOrThrow({ where: { id: orderId } });
    const reference = `PO-${String(number).padStart(4, "0")}`;
    const mine = s.stub.delivered.filter((d) => String(d.payload.subject).includes(reference));
    expect(mine).toHaveLength(1);
    const email = mine[0]!.payload;
    expect(email.to).toBe("orders@supplier.test");
    expect(email.text).toContain("Account number: ACC-77");
    expect(email.text).toContain("Deliver to: Main store");
    expect(email.text).toContain("Supplier SKU: SUP-1");
    const attachments = email.attachments as { filename: string; content: string; content_type?: string }[];
    expect(attachments.map((a) => a.filename)).toEqual([`${reference}.csv`]);
    const csv = Buffer.from(attachments[0]!.content, "base64")
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    expect(Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1)).toEqual([
      ["SUP-1", "Item 1", "3", "10", "each", "12.50", "GBP", "37.50"],
      ["", "Item 2", "2", "1", "each", "3.3333", "GBP", "6.67"],
      ["", "Total", "", "", "", "", "GBP", "44.17"],
    ]);
  });

  it("a failed email says why; only an admin may retry it, and the retry delivers it once", async () => {
    s.stub.rejectPermanently(422, "validation_error");
    const orderId = await sendOrder([[0, 1]]);
    const failed = await emailState(admin, orderId, "FAILED");
    expect(failed.lastError).toMatch(/validation_error/);
    expect(failed.canRetry).toBe(true);
    expect((await staff.get(`/api/orders/${orderId}/email`)).json.canRetry).toBe(false);
    expect(await pushOne(staff, "order.retryEmail", { orderId })).toBe("FORBIDDEN");
    s.stub.reset();
    expect(await pushOne(admin, "order.retryEmail", { orderId })).toBe("applied");
    await emailState(admin, orderId, "SENT");
    expect(s.stub.delivered).toHaveLength(1);
  });

  it("the list of open orders' email states has every emailed open order and failed ones, and no phoned-in order", async () => {
    const res = await staff.get("/api/orders/emails");
    expect(res.status).toBe(200);
    const states = res.json.emails as { orderId: string; state: string; canRetry: boolean }[];
    const emailed = await s.t.db.order.findMany({
      where: { practiceId: p.practiceId, emailOutboxId: { not: null } },
      select: { id: true },
    });
    expect(states.map((e) => e.orderId).sort()).toEqual(emailed.map((o) => o.id).sort());
    expect(states.every((e) => e.state === "SENT" && !e.canRetry)).toBe(true);
  });

  it("a phoned-in order has no email and says so; another practice's order is not found", async () => {
    const orderId = randomUUID();
    await pushOne(admin, "order.create", {
      id: orderId,
      supplierId: f.phoneSupplierId,
      lines: [{ id: randomUUID(), itemId: p.itemIds[0], quantity: 1 }],
    });
    expect(await pushOne(admin, "order.markSentManually", { orderId })).toBe("applied");
    expect((await admin.get(`/api/orders/${orderId}/email`)).json).toMatchObject({ state: "NOT_EMAILED", sentManually: true });
    expect((await admin.get(`/api/orders/${randomUUID()}/email`)).status).toBe(404);
  });
});
