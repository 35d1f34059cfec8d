/**
 * The email pipeline end to end with real PostgreSQL, real Redis, the real Resend SDK and a local
 * stand-in for the Resend API. Retry delays are scaled to milliseconds (base 40 ms).
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { commitCauseWithEmail, emailHarness, orderEmailData, type EmailHarness } from "../../test/email-harness.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { TestClient } from "../../test/sync-client.js";
import { createLogger } from "../log/logger.js";
import { push } from "../sync/push.js";
import { SERVER_MUTATORS } from "../domains/server-mutators.js";

let t: TestDatabase;
let p: TestPractice;
let h: EmailHarness;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db);
});
afterEach(async () => h?.close());
afterAll(() => t.drop());

async function waitForRow(id: string, status: "SENT" | "DEAD", timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await t.db.emailOutbox.findUniqueOrThrow({ where: { id } });
    if (row.status === status) return row;
    if (Date.now() > deadline) throw new Error(`email ${id} is ${row.status}, expected ${status} (last error: ${row.lastError})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function makeOrder() {
  const supplier = await t.db.practiceSupplier.create({ data: { practiceId: p.practiceId, name: `Supplier ${randomUUID().slice(0, 6)}` } });
  return t.db.order.create({ data: { practiceId: p.practiceId, practiceSupplierId: supplier.id, status: "SENT" } });
}

describe("email pipeline", () => {
  it("delivers a committed email exactly once, with its content and the outbox id as idempotency key", async () => {
    h = await emailHarness(t.db);
    h.startWorker();
    const order = await makeOrder();
    const started = Date.now();
    const { outboxId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "order", orderEmailData(order.id));
    const row = await waitForRow(outboxId, "SENT");
    const elapsed = Date.now() - started;
    expect(h.stub.delivered).toHaveLength(1);
    const sent = h.stub.delivered[0]!;
    expect(sent.idempotencyKey).toBe(outboxId);
    expect(sent.payload).toMatchObject({ to: "orders@supplier.test", subject: expect.stringContaining("RMP-0042") });
    expect(sent.payload.html).toContain("ACC-778");
    expect(sent.payload.reply_to ?? sent.payload.replyTo).toEqual(expect.stringContaining("admin@demo.venzory.test"));
    expect(sent.payload.text).toContain("Nitrile gloves, medium");
    expect(row.providerMessageId).toBe(sent.id);
    expect(row.attempts).toBe(1);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: order.id } })).emailSentAt).toEqual(row.sentAt);
    // A second email with the worker already running: the steady-state delay.
    const warmStart = Date.now();
    const second = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", {
      signInUrl: "https://app.venzory.test/m?t=warm",
      expiresInMinutes: 15,
    });
    await waitForRow(second.outboxId, "SENT");
    const warm = Date.now() - warmStart;
    expect(h.stub.delivered).toHaveLength(2);
    console.info(
      `[email] happy path: committed → sent in ${elapsed} ms (worker just started), ${warm} ms (warm); stub received ${h.stub.requests.length}, delivered ${h.stub.delivered.length}`,
    );
  });

  it("keeps the email when Redis is down at commit; the sweep delivers it once Redis is back", async () => {
    h = await emailHarness(t.db);
    await h.redis.stop();
    const { outboxId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", {
      signInUrl: "https://app.venzory.test/auth/magic?t=abc",
      expiresInMinutes: 15,
    });
    const pending = await t.db.emailOutbox.findUniqueOrThrow({ where: { id: outboxId } });
    expect(pending).toMatchObject({ status: "PENDING", enqueuedAt: null }); // the cause committed regardless
    await h.redis.resume();
    h.startWorker();
    // The producer connection needs a moment to reconnect; the sweep runs periodically in the server.
    let swept = 0;
    for (let i = 0; i < 100 && swept === 0; i++) {
      swept = await h.relay.sweep();
      if (swept === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(swept).toBe(1);
    await waitForRow(outboxId, "SENT");
    expect(h.stub.delivered).toHaveLength(1);
    console.info(`[email] redis down at commit: stub received ${h.stub.requests.length}, delivered ${h.stub.delivered.length}`);
  });

  it("retries provider failures on the backoff schedule and delivers once", async () => {
    h = await emailHarness(t.db, { retryBaseMs: 40 });
    h.stub.failNext(3);
    h.startWorker();
    const { outboxId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", {
      signInUrl: "https://app.venzory.test/m?t=1",
      expiresInMinutes: 15,
    });
    const row = await waitForRow(outboxId, "SENT");
    expect(h.stub.delivered).toHaveLength(1);
    expect(h.stub.requests.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(row.attempts).toBe(4);
    const gaps = h.stub.requests.slice(1).map((r, i) => r.at - h.stub.requests[i]!.at);
    // Schedule: base × 1, then × 2^attempt: 40, 160, 320 ms (plus processing time).
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[1]).toBeGreaterThanOrEqual(160);
    expect(gaps[2]).toBeGreaterThanOrEqual(320);
    console.info(
      `[email] 3 failures then success: stub received ${h.stub.requests.length}, delivered ${h.stub.delivered.length}, gaps ${gaps.join("/")} ms`,
    );
  });

  it("retries a timeout and a concurrent-idempotent answer with the same key", async () => {
    h = await emailHarness(t.db);
    h.stub.timeoutNext(1);
    h.stub.concurrentNext(1);
    h.startWorker({ sendTimeoutMs: 300 });
    const { outboxId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", {
      signInUrl: "https://app.venzory.test/m?t=2",
      expiresInMinutes: 15,
    });
    await waitForRow(outboxId, "SENT");
    expect(h.stub.delivered).toHaveLength(1);
    expect(new Set(h.stub.requests.map((r) => r.idempotencyKey))).toEqual(new Set([outboxId]));
  });

  it("dead-letters after 5 failed attempts; an admin sees it and a retry delivers it", async () => {
    h = await emailHarness(t.db);
    h.stub.failNext(5);
    h.startWorker();
    const { outboxId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "password_reset", {
      resetUrl: "https://app.venzory.test/reset?t=x",
      expiresInMinutes: 60,
    });
    const dead = await waitForRow(outboxId, "DEAD");
    expect(dead.attempts).toBe(5);
    expect(dead.lastError).toMatch(/internal_server_error|500/);
    // The worker marks the row DEAD, then adds the dead-letter job: under load the check can come between.
    await expect.poll(async () => Boolean(await h.queues.dlq.getJob(outboxId)), { timeout: 10_000 }).toBe(true);
    expect(h.stub.delivered).toHaveLength(0);

    const admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
    const staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
    const pushAs = (c: TestClient) =>
      push(
        { db: t.db, mutators: SERVER_MUTATORS, log: createLogger("silent"), mode: "per-mutation", emails: h.relay },
        c.session,
        { clientId: c.clientId, schemaVersion: 1, mutations: [c.mutation("email.retry", { id: outboxId })] },
        "retry-req",
      );
    expect((await pushAs(staff)).results[0]).toMatchObject({ status: "rejected", code: "FORBIDDEN" });
    expect((await pushAs(admin)).results[0]).toMatchObject({ status: "applied" });
    await waitForRow(outboxId, "SENT");
    expect(h.stub.delivered).toHaveLength(1);
    expect(await t.db.auditLog.count({ where: { action: "email.retry", entityId: outboxId, actorId: p.users.ADMIN.id } })).toBe(1);
    console.info(`[email] always failing then admin retry: stub received ${h.stub.requests.length}, delivered ${h.stub.delivered.length}`);
  });

  it("dead-letters a permanent 4xx at once, without retrying", async () => {
    h = await emailHarness(t.db);
    h.stub.rejectPermanently(422, "validation_error");
    h.startWorker();
    const { outboxId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", {
      signInUrl: "https://app.venzory.test/m?t=3",
      expiresInMinutes: 15,
    });
    const dead = await waitForRow(outboxId, "DEAD");
    expect(dead.attempts).toBe(1);
    expect(h.stub.requests).toHaveLength(1);
    expect(dead.lastError).toMatch(/validation_error/);
    console.info(`[email] permanent 4xx: stub received ${h.stub.requests.length}, delivered ${h.stub.delivered.length}`);
  });

  it("a rejected cause leaves no email behind", async () => {
    h = await emailHarness(t.db);
    const before = await t.db.emailOutbox.count();
    await expect(
      commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", { signInUrl: "javascript:alert(1)", expiresInMinutes: 15 }),
    ).rejects.toThrow();
    expect(await t.db.emailOutbox.count()).toBe(before);
  });
});
