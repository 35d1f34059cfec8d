/**
 * The security perimeter: CSRF on every state change, security headers on every response, rate limits
 * that fail closed on authentication, and sessions a user can end everywhere.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { PrivateRedis } from "../../test/private-redis.js";
import { startTestServer } from "../../test/server.js";

const PASSWORD = "perimeter-test-pw";
const f = practiceFixture({ password: PASSWORD, server: true });

const login = (b: Browser, email = f.p.users.STAFF.email, opts?: { csrf?: boolean }, headers: Record<string, string> = {}) =>
  b.request("POST", "/api/auth/login", { email, password: PASSWORD }, headers, opts);

describe("CSRF", () => {
  it("refuses state changes without the token, with a mismatched one, or a forged one", async () => {
    const b = new Browser(f.server.url);
    expect((await login(b, undefined, { csrf: false })).json.error.code).toBe("CSRF_FAILED");
    await b.get("/api/auth/csrf");
    const mismatched = await login(b, undefined, { csrf: false }, { "x-csrf-token": `${b.csrfToken()}x` });
    expect(mismatched.status).toBe(403);
    // A forged pair: cookie and header agree, but the server did not sign it.
    const forged = new Browser(f.server.url);
    const fake = `${"a".repeat(32)}.${"b".repeat(43)}`;
    const res = await fetch(`${f.server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `venzory_csrf=${fake}`, "x-csrf-token": fake },
      body: JSON.stringify({ email: f.p.users.STAFF.email, password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect((await login(forged)).status).toBe(200); // the real token works
  });

  it("guards the sync push too", async () => {
    const b = new Browser(f.server.url);
    await login(b);
    const body = { clientId: randomUUID(), schemaVersion: 1, mutations: [] };
    expect((await b.request("POST", "/api/sync/push", body, {}, { csrf: false })).status).toBe(403);
    expect((await b.post("/api/sync/push", body)).status).toBe(200);
  });
});

describe("security headers", () => {
  it("are on every kind of response", async () => {
    const b = new Browser(f.server.url);
    const responses = [await b.get("/api/health"), await b.get("/api/nope"), await b.get("/api/me"), await login(b, "x@example.test"), await b.request("POST", "/api/auth/login", "{bad")];
    for (const r of responses) {
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).not.toContain("unsafe-inline");
      expect(r.headers.get("permissions-policy")).toContain("camera=(self)");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-request-id")).toBeTruthy();
    }
  });
});

describe("sessions", () => {
  it("lists the user's sessions and signs out everywhere", async () => {
    const phone = new Browser(f.server.url);
    const desk = new Browser(f.server.url);
    await login(phone, f.p.users.ADMIN.email);
    await login(desk, f.p.users.ADMIN.email);
    const list = await desk.get("/api/auth/sessions");
    expect(list.json.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.json.sessions.length).toBeGreaterThanOrEqual(2);
    expect((await desk.post("/api/auth/logout-everywhere")).status).toBe(204);
    expect((await phone.get("/api/me")).status).toBe(401);
    expect((await desk.get("/api/me")).status).toBe(401);
    expect(await f.t.db.auditLog.count({ where: { action: "auth.sign_out_everywhere", actorId: f.p.users.ADMIN.id } })).toBe(1);
    expect((await login(phone, f.p.users.ADMIN.email)).status).toBe(200); // signing in again works
  });

  it("ends one other session", async () => {
    const a = new Browser(f.server.url);
    const b = new Browser(f.server.url);
    await login(a, f.p.users.VIEWER.email);
    await login(b, f.p.users.VIEWER.email);
    const other = (await a.get("/api/auth/sessions")).json.sessions.find((s: { current: boolean }) => !s.current);
    expect((await a.post(`/api/auth/sessions/${other.id}/revoke`)).status).toBe(204);
    expect((await b.get("/api/me")).status).toBe(401);
    expect((await a.get("/api/me")).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("limit sign-in per address and failed attempts per account", async () => {
    const limited = await startTestServer(f.t.url, { limitsScale: 1, env: { TRUST_PROXY: "1" } });
    try {
      const from = (ip: string) => ({ "x-forwarded-for": ip });
      const b = new Browser(limited.url);
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await login(b, f.p.users.STAFF.email, {}, from("10.0.0.1"))).status);
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses[10]).toBe(429);
      // Ten wrong passwords for one account, each from a different address: the account is protected.
      const victim = f.p.users.VIEWER.email;
      for (let i = 0; i < 10; i++) {
        expect((await b.request("POST", "/api/auth/login", { email: victim, password: "wrong-guess" }, from(`10.0.1.${i}`))).status).toBe(401);
      }
      expect((await b.request("POST", "/api/auth/login", { email: victim, password: "wrong-guess" }, from("10.0.2.1"))).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it("fail closed when Redis is down (503 fast, no sign-in) and recover when it returns", async () => {
    const redis = await PrivateRedis.start();
    const s = await startTestServer(f.t.url, { redisUrl: redis.url });
    try {
      const b = new Browser(s.url);
      expect((await login(b)).status).toBe(200);
      await redis.stop();
      const started = performance.now();
      const refused = await login(b);
      const ms = performance.now() - started;
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBeTruthy();
      expect(ms).toBeLessThan(1_000);
      expect(refused.headers.getSetCookie().some((c) => c.startsWith("venzory_session="))).toBe(false);
      await redis.resume();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await login(b)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    } finally {
      await s.close();
      await redis.stop();
    }
  });
});
