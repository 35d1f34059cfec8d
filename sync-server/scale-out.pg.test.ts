/**
 * Two API instances in production mode on one PostgreSQL and one Redis, as docs/operations.md runs
 * them behind a load balancer: sessions, sign-out, pokes, sign-in limits and exactly-once pushes hold
 * across instances, and stopping one leaves the other serving every request.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../test/db.js";
import { makePractice, type TestPractice } from "../test/factories.js";
import { Browser } from "../test/http.js";
import { startResendStub, type ResendStub } from "../test/resend-stub.js";
import { productionEnv, startServerProcess, type ServerProcess } from "../test/server-process.js";
import { SIGN_IN_LIMITS } from "./http/middleware/rate-limits.js";

const PASSWORD = "scale-out-test-pw";
let t: TestDatabase;
let p: TestPractice;
let stub: ResendStub;
let api1: ServerProcess;
let api2: ServerProcess;
let env: Record<string, string>;
/** Failed sign-in requests made so far (the per-address sign-in limit counts every failure of this file). */
let failedSignIns = 0;

beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { password: PASSWORD });
  stub = await startResendStub();
  // One environment for both: same database, Redis (and prefix) and secrets; each its own port.
  env = productionEnv(t.url, stub);
  [api1, api2] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
});

afterAll(async () => {
  await Promise.all([api1?.stop(), api2?.stop()]);
  await stub?.close();
  await t?.drop();
});

async function signIn(url: string, role: keyof TestPractice["users"] = "STAFF"): Promise<Browser> {
  const b = new Browser(url);
  const res = await b.post("/api/auth/login", { email: p.users[role].email, password: PASSWORD });
  expect(res.status, res.text).toBe(200);
  return b;
}

/** The same browser (cookies) talking to another instance, as behind a load balancer. */
function on(url: string, b: Browser): Browser {
  const other = new Browser(url);
  other.copyCookiesFrom(b);
  return other;
}

const adjust = (quantity: number) => ({
  id: randomUUID(),
  seq: 1,
  name: "stock.adjust",
  clientTime: new Date().toISOString(),
  args: { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[0], quantity, reason: "FOUND" },
});

it("a session from one instance works on the other, and logout revokes it on both", async () => {
  const b1 = await signIn(api1.url);
  const b2 = on(api2.url, b1);
  expect((await b1.get("/api/me")).status).toBe(200);
  expect((await b2.get("/api/me")).status).toBe(200);
  const stolen = on(api1.url, b1); // a copy of the cookie kept after sign-out
  expect((await b2.post("/api/auth/logout")).status).toBeLessThan(300);
  expect((await stolen.get("/api/me")).status).toBe(401);
  expect((await on(api2.url, stolen).get("/api/me")).status).toBe(401);
});

it("a push on one instance pokes an SSE listener on the other", async () => {
  const b = await signIn(api1.url);
  const controller = new AbortController();
  const stream = await fetch(`${api2.url}/api/sync/poke`, { headers: { cookie: b.cookieHeader() }, signal: controller.signal });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  let text = "";
  let sentAt = 0;
  const poked = (async () => {
    while (!text.includes("event: poke")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended without a poke: ${text}`);
      text += new TextDecoder().decode(value);
    }
    return Date.now() - sentAt;
  })();
  await new Promise((r) => setTimeout(r, 200)); // the stream is subscribed
  sentAt = Date.now();
  const push = await b.post("/api/sync/push", {
    clientId: randomUUID(),
    schemaVersion: 1,
    mutations: [{ ...adjust(1), name: "location.create", args: { id: randomUUID(), name: "Poked across", parentId: null } }],
  });
  expect(push.json.results?.[0]?.status, push.text).toBe("applied");
  const ms = await Promise.race([
    poked,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no poke within 5 s: ${text}`)), 5_000)),
  ]);
  console.info(`poke crossed instances ${ms} ms after the push was sent`);
  controller.abort();
});

it("the same push sent to both instances at once is applied exactly once", async () => {
  const b1 = await signIn(api1.url);
  const b2 = on(api2.url, b1);
  const before =
    (await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, itemId: p.itemIds[0], locationId: p.locationId } }))?.quantity ??
    0;
  const body = { clientId: randomUUID(), schemaVersion: 1, mutations: [adjust(7)] };
  const [r1, r2] = await Promise.all([b1.post("/api/sync/push", body), b2.post("/api/sync/push", body)]);
  expect([r1.status, r2.status]).toEqual([200, 200]);
  expect(r1.json.lastSeq).toBe(1);
  expect(r2.json.lastSeq).toBe(1);
  const after = await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, itemId: p.itemIds[0], locationId: p.locationId } });
  expect(after?.quantity).toBe(before + 7);
  expect(await t.db.stockMovement.count({ where: { practiceId: p.practiceId, mutationId: body.mutations[0]!.id } })).toBe(1);
});

it("one instance stopped while the other serves every request", async () => {
  const b2 = await signIn(api2.url);
  const statuses: number[] = [];
  let stopping = true;
  const load = (async () => {
    while (stopping) {
      statuses.push((await b2.get("/api/me")).status);
      statuses.push((await b2.post("/api/sync/pull", { clientId: randomUUID(), schemaVersion: 1, cursor: 0 })).status);
    }
  })();
  const code = await api1.stop();
  stopping = false;
  await load;
  expect(code).toBe(0);
  expect(statuses.length).toBeGreaterThan(0);
  expect(
    statuses.every((s) => s === 200),
    JSON.stringify(statuses),
  ).toBe(true);
  // And on after the other is gone: a push is still taken.
  const push = await b2.post("/api/sync/push", { clientId: randomUUID(), schemaVersion: 1, mutations: [adjust(1)] });
  expect(push.json.results?.[0]?.status, push.text).toBe("applied");
});

it("sign-in limits are shared: attempts on both instances count against one limit", async () => {
  // api1 is stopped by now (test order): start a fresh one on the same environment to pair with api2.
  api1 = await startServerProcess(env);
  const limit = SIGN_IN_LIMITS.failuresPerAddress;
  const statuses: number[] = [];
  for (let i = 0; i < 2 * limit + 4 && !statuses.includes(429); i++) {
    const url = i % 2 ? api2.url : api1.url;
    // A different account each time, so the per-address limit (not the per-account one) is what is shared.
    const res = await new Browser(url).post("/api/auth/login", { email: `${i}-${p.users.VIEWER.email}`, password: "wrong-password-x" });
    if (res.status === 401) failedSignIns++;
    statuses.push(res.status);
  }
  // The per-address limit counts failed sign-ins (rate-limits.ts). Per-process counters would let about
  // twice the limit through alternating instances; shared ones refuse the first request over it.
  expect(statuses).toContain(429);
  expect(failedSignIns, JSON.stringify(statuses)).toBeLessThanOrEqual(limit);
  expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
});
