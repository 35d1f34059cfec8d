import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makePractice } from "../../test/factories.js";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { startTestServer } from "../../test/server.js";

const PASSWORD = "correct horse battery";
const f = practiceFixture({ password: PASSWORD, server: true });

async function signIn(role: "ADMIN" | "STAFF" | "VIEWER" = "STAFF") {
  const b = new Browser(f.server.url);
  const res = await b.post("/api/auth/login", { email: f.p.users[role].email, password: PASSWORD });
  expect(res.status).toBe(200);
  return b;
}

describe("HTTP API", () => {
  it("reports health of PostgreSQL and Redis, and stays 200 when only email is degraded", async () => {
    const res = await new Browser(f.server.url).get("/api/health");
    expect(res.status).toBe(200);
    // No email worker runs for this server: degraded, but serving.
    expect(res.json).toMatchObject({
      status: "degraded",
      checks: { postgres: { status: "up" }, redis: { status: "up" }, email: { worker: { status: "absent" } } },
    });
  });

  it("answers 503 naming Redis when it is configured but down", async () => {
    const broken = await startTestServer(f.t.url, { redisUrl: "redis://127.0.0.1:1" });
    try {
      const res = await new Browser(broken.url).get("/api/health");
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({
        status: "down",
        down: ["redis"],
        checks: { postgres: { status: "up" }, redis: { status: "down" } },
      });
    } finally {
      await broken.close();
    }
  });

  it("echoes a well-formed X-Request-Id and replaces a malformed one", async () => {
    const b = new Browser(f.server.url);
    expect((await b.get("/api/health", { "x-request-id": "abc-123" })).headers.get("x-request-id")).toBe("abc-123");
    const replaced = (await b.get("/api/health", { "x-request-id": "bad id <script>" })).headers.get("x-request-id");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("signs in with a session cookie that is HttpOnly and SameSite=Lax", async () => {
    const b = new Browser(f.server.url);
    const res = await b.post("/api/auth/login", { email: f.p.users.ADMIN.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ user: { email: f.p.users.ADMIN.email }, practice: { id: f.p.practiceId }, role: "ADMIN" });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await b.get("/api/me")).json).toMatchObject({ role: "ADMIN", practices: [{ id: f.p.practiceId, role: "ADMIN" }] });
  });

  it("gives the same answer for a wrong password and an unknown account, and audits both", async () => {
    const b = new Browser(f.server.url);
    const wrong = await b.post("/api/auth/login", { email: f.p.users.STAFF.email, password: "nope-nope" });
    const unknown = await b.post("/api/auth/login", { email: "nobody@example.test", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
    expect(wrong.json.error.code).toBe("UNAUTHENTICATED");
    expect(await f.t.db.auditLog.count({ where: { action: "auth.sign_in_failed" } })).toBeGreaterThanOrEqual(2);
  });

  it("answers bad input with 400 and a stable code, never a stack trace", async () => {
    const b = new Browser(f.server.url);
    const invalid = await b.post("/api/auth/login", { email: "not-an-email", password: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatchObject({ code: "VALIDATION_FAILED" });
    const malformed = await b.request("POST", "/api/auth/login", "{oops", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/at .*\.ts|node_modules|stack/i);
    const signedIn = await signIn();
    const badPush = await signedIn.post("/api/sync/push", { clientId: "nope", schemaVersion: 1, mutations: "x" });
    expect(badPush.status).toBe(400);
    expect(badPush.json.error.requestId).toBe(badPush.headers.get("x-request-id"));
    expect((await b.get("/api/nothing-here")).json.error.code).toBe("NOT_FOUND");
  });

  it("requires a session for sync and ends it at sign-out", async () => {
    const anonymous = new Browser(f.server.url);
    expect((await anonymous.post("/api/sync/pull", { clientId: randomUUID(), schemaVersion: 1, cursor: 0 })).status).toBe(401);
    const b = await signIn();
    const stolen = new Browser(f.server.url);
    stolen.copyCookiesFrom(b);
    expect((await b.post("/api/auth/logout")).status).toBe(204);
    expect((await b.get("/api/me")).status).toBe(401);
    expect((await stolen.get("/api/me")).status).toBe(401); // the old cookie is dead server-side too
  });

  it("pushes and pulls over HTTP, with practice and user taken from the session", async () => {
    const b = await signIn("STAFF");
    const clientId = randomUUID();
    const other = await makePractice(f.t.db);
    const push = await b.post("/api/sync/push", {
      clientId,
      schemaVersion: 1,
      // A body-carried practiceId is not part of the protocol and must change nothing.
      practiceId: other.practiceId,
      mutations: [
        {
          id: randomUUID(),
          seq: 1,
          name: "stock.adjust",
          clientTime: "now",
          args: { id: randomUUID(), locationId: f.p.locationId, itemId: f.p.itemIds[0], quantity: 6, reason: "FOUND" },
        },
      ],
    });
    expect(push.status).toBe(200);
    expect(push.json).toMatchObject({ lastSeq: 1, results: [{ seq: 1, status: "applied" }] });
    const pull = await b.post("/api/sync/pull", { clientId, schemaVersion: 1, cursor: 0 });
    expect(pull.json.lastSeq).toBe(1);
    expect(pull.json.changes.find((c: { entity: string }) => c.entity === "inventory").row).toMatchObject({
      itemId: f.p.itemIds[0],
      quantity: 6,
    });
    expect(await f.t.db.inventory.count({ where: { practiceId: other.practiceId } })).toBe(0);
  });

  it("refuses an app schema older than the server supports with 426", async () => {
    const b = await signIn();
    const res = await b.post("/api/sync/push", { clientId: randomUUID(), schemaVersion: 0, mutations: [] });
    expect(res.status).toBe(426);
    expect(res.json.error.code).toBe("SCHEMA_TOO_OLD");
  });

  it("sends a poke to the practice's open streams after a push", async () => {
    const b = await signIn();
    const cookie = (await b.post("/api/auth/login", { email: f.p.users.STAFF.email, password: PASSWORD })).headers
      .getSetCookie()[0]!
      .split(";")[0]!;
    const controller = new AbortController();
    const stream = await fetch(`${f.server.url}/api/sync/poke`, { headers: { cookie }, signal: controller.signal });
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const received = (async () => {
      let text = "";
      while (!text.includes("event: poke")) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    })();
    await b.post("/api/sync/push", {
      clientId: randomUUID(),
      schemaVersion: 1,
      mutations: [
        { id: randomUUID(), seq: 1, name: "location.create", clientTime: "now", args: { id: randomUUID(), name: "Poked", parentId: null } },
      ],
    });
    expect(await received).toContain("event: poke");
    controller.abort();
  });
});
