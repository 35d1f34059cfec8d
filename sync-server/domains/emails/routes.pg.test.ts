/**
 * The email pipeline seen from the HTTP side: health reports the worker and the queues; an admin lists
 * the practice's failed emails and retries one through the sync push.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { Browser } from "../../../test/http.js";
import { PrivateRedis } from "../../../test/private-redis.js";
import { startResendStub, type ResendStub } from "../../../test/resend-stub.js";
import { startTestServer } from "../../../test/server.js";
import type { RunningServer } from "../../server.js";

const PASSWORD = "admin-http-test-pw";
let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;
let redis: PrivateRedis;
let stub: ResendStub;
let server: RunningServer;

beforeAll(async () => {
  t = await testDatabase();
  [a, b] = [await makePractice(t.db, { password: PASSWORD }), await makePractice(t.db, { password: PASSWORD })];
  redis = await PrivateRedis.start();
  stub = await startResendStub();
  server = await startTestServer(t.url, {
    redisUrl: redis.url,
    inProcessEmailWorker: true,
    env: { RESEND_API_KEY: stub.apiKey, RESEND_BASE_URL: stub.url, EMAIL_RETRY_BASE_MS: "20" },
  });
});
afterAll(async () => {
  await server.close();
  await stub.close();
  await redis.stop();
  await t.drop();
});

async function signIn(p: TestPractice, role: "ADMIN" | "STAFF") {
  const browser = new Browser(server.url);
  expect((await browser.post("/api/auth/login", { email: p.users[role].email, password: PASSWORD })).status).toBe(200);
  return browser;
}

const deadEmail = (practiceId: string) =>
  t.db.emailOutbox.create({
    data: {
      practiceId,
      kind: "magic_link",
      recipient: "someone@example.test",
      data: { signInUrl: "https://app.venzory.test/m?t=z", expiresInMinutes: 15 },
      status: "DEAD",
      attempts: 5,
      lastError: "internal_server_error (500)",
      deadAt: new Date(),
    },
  });

describe("email administration over HTTP", () => {
  it("health shows a live worker and the queue depths", async () => {
    let health;
    for (let i = 0; i < 50; i++) {
      health = await new Browser(server.url).get("/api/health");
      if (health.json.checks.email.worker?.status === "alive") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(health!.status).toBe(200);
    expect(health!.json).toMatchObject({
      status: "ok",
      checks: {
        email: {
          status: "ok",
          worker: { status: "alive" },
          queue: { waiting: expect.any(Number), dlq: expect.any(Number) },
          outbox: { dead: expect.any(Number) },
        },
      },
    });
  });

  it("admins list their practice's failed emails only; staff may not", async () => {
    const mine = await deadEmail(a.practiceId);
    const theirs = await deadEmail(b.practiceId);
    const admin = await signIn(a, "ADMIN");
    const list = await admin.get("/api/emails/failed");
    expect(list.status).toBe(200);
    const ids = list.json.emails.map((e: { id: string }) => e.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.json.emails[0]).toMatchObject({ kind: "magic_link", attempts: 5, lastError: expect.any(String) });
    expect((await (await signIn(a, "STAFF")).get("/api/emails/failed")).status).toBe(403);
  });

  it("an admin retry through the sync push delivers the email; another practice's email stays untouched", async () => {
    const mine = await deadEmail(a.practiceId);
    const theirs = await deadEmail(b.practiceId);
    const admin = await signIn(a, "ADMIN");
    const retry = (id: string, seq: number, clientId: string) =>
      admin.post("/api/sync/push", {
        clientId,
        schemaVersion: 1,
        mutations: [{ id: randomUUID(), seq, name: "email.retry", clientTime: "now", args: { id } }],
      });
    const clientId = randomUUID();
    expect((await retry(theirs.id, 1, clientId)).json.results[0]).toMatchObject({ status: "rejected", code: "NOT_FOUND" });
    expect((await retry(mine.id, 2, clientId)).json.results[0]).toMatchObject({ status: "applied" });
    await stub.waitForDelivered(1, 10_000);
    for (let i = 0; i < 100 && (await t.db.emailOutbox.findUniqueOrThrow({ where: { id: mine.id } })).status !== "SENT"; i++)
      await new Promise((r) => setTimeout(r, 30));
    expect((await t.db.emailOutbox.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("SENT");
    expect((await t.db.emailOutbox.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("DEAD");
    expect(stub.delivered.map((d) => d.idempotencyKey)).toEqual([mine.id]);
  });
});
