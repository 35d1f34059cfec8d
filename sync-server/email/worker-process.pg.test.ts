/**
 * The worker as a real process (`npm run worker:email`): killed mid-send, and stopped with SIGTERM while
 * jobs are in flight. Nothing may be lost and nothing sent twice.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { commitCauseWithEmail, emailHarness, type EmailHarness } from "../../test/email-harness.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { orderFixture, sentOrder } from "../../test/orders.js";
import { TestClient } from "../../test/sync-client.js";
import { REPO_ROOT } from "../config/env.js";

let t: TestDatabase;
let p: TestPractice;
let h: EmailHarness;
const children: ChildProcess[] = [];
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db);
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  await h?.close();
});
afterAll(() => t.drop());

/** Starts `worker-main.ts` and resolves once it logs that it is taking jobs. */
async function startWorkerProcess(extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "sync-server/email/worker-main.ts")], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      DATABASE_URL: t.url,
      REDIS_URL: h.redis.url,
      REDIS_PREFIX: h.prefix,
      RESEND_API_KEY: h.stub.apiKey,
      RESEND_BASE_URL: h.stub.url,
      EMAIL_RETRY_BASE_MS: "50",
      EMAIL_JOB_LOCK_MS: "1000",
      EMAIL_SEND_TIMEOUT_MS: "20000",
      SHUTDOWN_TIMEOUT_MS: "10000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      output += d;
      if (output.includes("email worker started")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before starting:\n${output}`)));
  });
  return { child, output: () => output };
}

async function allSent(ids: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const sent = await t.db.emailOutbox.count({ where: { id: { in: ids }, status: "SENT" } });
    if (sent === ids.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("not all emails were sent in time");
}

const magicLink = (n: number) => ({ signInUrl: `https://app.venzory.test/m?t=${n}`, expiresInMinutes: 15 });

describe("email worker process", () => {
  it("a worker SIGKILLed after the provider accepted the email: the next worker finishes, one email delivered", async () => {
    h = await emailHarness(t.db);
    h.stub.deliverThenHang(1);
    const first = await startWorkerProcess();
    const { outboxId, requestId } = await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", magicLink(1));
    await h.stub.waitForDelivered(1, 10_000);
    expect(first.output()).toContain(requestId); // the request that caused the email is traceable in the worker's logs
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    expect((await t.db.emailOutbox.findUniqueOrThrow({ where: { id: outboxId } })).status).toBe("PENDING");

    await startWorkerProcess(); // takes the stalled job over once its lock expires
    await allSent([outboxId]);
    expect(h.stub.delivered).toHaveLength(1);
    expect(h.stub.requests.map((r) => r.idempotencyKey)).toEqual([outboxId, outboxId]);
    console.info(`[email] SIGKILL mid-send: stub received ${h.stub.requests.length} requests, delivered ${h.stub.delivered.length}`);
  });

  it("an order sent through push, the worker SIGKILLed after the provider accepted its email: one email (with its CSV), the order records it sent", async () => {
    h = await emailHarness(t.db);
    const admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
    const orderId = await sentOrder(admin, p, await orderFixture(t.db, p), [[0, 2]]);
    const { emailOutboxId } = await t.db.order.findUniqueOrThrow({ where: { id: orderId } });
    h.stub.deliverThenHang(1);
    const first = await startWorkerProcess();
    // This push ran without a relay (as when Redis was down at commit): the sweep hands the committed row to the queue.
    await h.relay.sweep();
    await h.stub.waitForDelivered(1, 10_000);
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    expect((await t.db.emailOutbox.findUniqueOrThrow({ where: { id: emailOutboxId! } })).status).toBe("PENDING");

    await startWorkerProcess();
    await allSent([emailOutboxId!]);
    expect(h.stub.delivered).toHaveLength(1);
    expect(h.stub.delivered[0]!.idempotencyKey).toBe(emailOutboxId);
    expect((h.stub.delivered[0]!.payload.attachments as { filename: string }[]).map((a) => a.filename)).toEqual([
      expect.stringMatching(/^PO-\d{4}\.csv$/),
    ]);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).emailSentAt).not.toBeNull();
    console.info(`[email] order SIGKILL mid-send: stub received ${h.stub.requests.length} requests, delivered ${h.stub.delivered.length}`);
  });

  it("SIGTERM with jobs in flight: active sends finish, the rest wait for the next worker; none lost, none doubled", async () => {
    h = await emailHarness(t.db);
    h.stub.setLatency(400);
    const first = await startWorkerProcess({ EMAIL_WORKER_CONCURRENCY: "3" });
    const ids: string[] = [];
    for (let i = 0; i < 9; i++)
      ids.push((await commitCauseWithEmail(t.db, h.relay, p.practiceId, "magic_link", magicLink(100 + i))).outboxId);
    await h.stub.waitForDelivered(1, 10_000); // sends are in flight now
    const exited = once(first.child, "exit");
    first.child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    expect(first.output()).toContain("email worker stopped");
    const sentByFirst = await t.db.emailOutbox.count({ where: { id: { in: ids }, status: "SENT" } });
    // Everything the provider accepted before the stop was also recorded as sent: nothing left half-done.
    expect(sentByFirst).toBe(h.stub.delivered.length);

    await startWorkerProcess();
    await allSent(ids);
    expect(h.stub.delivered).toHaveLength(9);
    expect(new Set(h.stub.delivered.map((d) => d.idempotencyKey))).toEqual(new Set(ids));
    console.info(
      `[email] SIGTERM in flight: first worker sent ${sentByFirst} before stopping; stub received ${h.stub.requests.length} requests, delivered ${h.stub.delivered.length}`,
    );
  });
});
