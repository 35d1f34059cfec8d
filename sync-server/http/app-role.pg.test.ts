/**
 * The API on the restricted database role (venzory_app, row-level security applies): sign-in, identity,
 * sessions, sync push and pull, and the admin email list all work with only their own tenant context.
 * The account tables are the system role's: password hashes and tokens are read on the system
 * connection, and the restricted role sees only its own user and its practice's members (never a hash).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { Browser } from "../../test/http.js";
import { startTestServer } from "../../test/server.js";
import type { RunningServer } from "../server.js";

const PASSWORD = "app-role-test-pw";
let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;
let server: RunningServer;

beforeAll(async () => {
  t = await testDatabase();
  [a, b] = [await makePractice(t.db, { password: PASSWORD }), await makePractice(t.db, { password: PASSWORD })];
  server = await startTestServer(t.url); // the test server runs the API as venzory_app
});
afterAll(async () => {
  await server.close();
  await t.drop();
});

async function signIn(p: TestPractice, role: "ADMIN" | "STAFF" = "ADMIN") {
  const browser = new Browser(server.url);
  const res = await browser.post("/api/auth/login", { email: p.users[role].email, password: PASSWORD });
  expect(res.status).toBe(200);
  return browser;
}

describe("API on the row-level-security role", () => {
  it("signs in, tells who is signed in, lists and ends sessions", async () => {
    const browser = await signIn(a);
    expect((await browser.get("/api/me")).json).toMatchObject({ practice: { id: a.practiceId }, practices: [{ id: a.practiceId }] });
    const sessions = (await browser.get("/api/auth/sessions")).json.sessions;
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect((await browser.post("/api/auth/logout")).status).toBe(204);
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("pushes and pulls only within the practice", async () => {
    const browser = await signIn(a, "STAFF");
    const clientId = randomUUID();
    const push = await browser.post("/api/sync/push", {
      clientId,
      schemaVersion: 1,
      mutations: [
        {
          id: randomUUID(),
          seq: 1,
          name: "stock.adjust",
          clientTime: "now",
          args: { id: randomUUID(), locationId: a.locationId, itemId: a.itemIds[0], quantity: 3, reason: "FOUND" },
        },
        {
          id: randomUUID(),
          seq: 2,
          name: "stock.adjust",
          clientTime: "now",
          args: { id: randomUUID(), locationId: b.locationId, itemId: b.itemIds[0], quantity: 3, reason: "FOUND" },
        },
      ],
    });
    expect(push.json.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(["applied", "NOT_FOUND"]);
    const pull = await browser.post("/api/sync/pull", { clientId, schemaVersion: 1, cursor: 0 });
    const text = JSON.stringify(pull.json);
    expect(pull.json.lastSeq).toBe(2);
    expect(text).toContain(a.locationId);
    expect(text).not.toContain(b.locationId);
    // Another practice's client id is refused, not reused.
    const other = await signIn(b, "STAFF");
    expect((await other.post("/api/sync/pull", { clientId, schemaVersion: 1, cursor: 0 })).status).toBe(403);
  });

  it("signs out everywhere and lists members with the account tables closed to the role", async () => {
    const first = await signIn(a);
    const second = await signIn(a);
    const members = (await first.get("/api/members")).json.members as { userId: string; email: string }[];
    expect(members.map((m) => m.userId).sort()).toEqual(
      Object.values(a.users)
        .map((u) => u.id)
        .sort(),
    );
    expect(JSON.stringify(members)).not.toContain(b.users.ADMIN.email);
    expect((await first.post("/api/auth/logout-everywhere")).status).toBe(204);
    expect((await second.get("/api/me")).status).toBe(401);
    expect((await (await signIn(a)).get("/api/me")).status).toBe(200);
  });

  it("lists the practice's failed emails for an admin", async () => {
    const dead = await t.db.emailOutbox.create({
      data: { practiceId: a.practiceId, kind: "magic_link", recipient: "x@example.test", status: "DEAD", data: {}, deadAt: new Date() },
    });
    const list = await (await signIn(a)).get("/api/emails/failed");
    expect(list.json.emails.map((e: { id: string }) => e.id)).toEqual([dead.id]);
  });
});
