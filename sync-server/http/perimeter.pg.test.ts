/**
 * The security perimeter: CSRF on every state change, security headers on every response, rate limits
 * that fail closed on authentication, and sessions a user can end everywhere.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { PrivateRedis } from "../../test/private-redis.js";
import { startTestServer } from "../../test/server.js";

const PASSWORD = "perimeter-test-pw";
const f = practiceFixture({ password: PASSWORD, server: true });

const login = (b: Browser, email = f.p.users.STAFF.email, opts?: { csrf?: boolean }, headers: Record<string, string> = {}) =>
  b.request("POST", "/api/auth/login", { email, password: PASSWORD }, headers, opts);

/** A request with the headers fetch() will not send as given (Host). */
function raw(url: string, method: string, reqPath: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = httpRequest(
      url + reqPath,
      { method, headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The value of one cookie this browser holds. */
const cookieOf = (b: Browser, name: string) =>
  new Map(
    b
      .cookieHeader()
      .split("; ")
      .map((c) => c.split("=", 2) as [string, string]),
  ).get(name)!;

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
    const responses = [
      await b.get("/api/health"),
      await b.get("/api/nope"),
      await b.get("/api/me"),
      await login(b, "x@example.test"),
      await b.request("POST", "/api/auth/login", "{bad"),
    ];
    for (const r of responses) {
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).not.toContain("unsafe-inline");
      expect(r.headers.get("permissions-policy")).toContain("camera=(self)");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-request-id")).toBeTruthy();
    }
  });
});

describe("cookie names", () => {
  const REAL_HOST = "venzory.example";

  it("on a real host only the __Host- names count (a sibling subdomain could plant the plain ones)", async () => {
    const b = new Browser(f.server.url);
    await login(b, f.p.users.ADMIN.email);
    const session = cookieOf(b, "venzory_session");
    const me = (host: string, cookie: string) => raw(f.server.url, "GET", "/api/me", { host, cookie });
    expect((await me(REAL_HOST, `venzory_session=${session}`)).status).toBe(401);
    expect((await me(REAL_HOST, `__Host-venzory_session=${session}`)).status).toBe(200);
    // Plain-HTTP localhost issues (and so accepts) only the plain name.
    expect((await me("localhost", `__Host-venzory_session=${session}`)).status).toBe(401);
    expect((await me("localhost", `venzory_session=${session}`)).status).toBe(200);

    const csrf = cookieOf(b, "venzory_csrf");
    const body = JSON.stringify({ email: f.p.users.ADMIN.email, password: PASSWORD });
    const signIn = (cookie: string) =>
      raw(f.server.url, "POST", "/api/auth/login", { host: REAL_HOST, cookie, "x-csrf-token": csrf }, body);
    const planted = await signIn(`venzory_csrf=${csrf}`);
    expect(planted.status).toBe(403);
    expect(JSON.parse(planted.text).error.code).toBe("CSRF_FAILED");
    expect((await signIn(`__Host-venzory_csrf=${csrf}`)).status).toBe(200);
  });
});

describe("answers outside the routes", () => {
  it("a malformed JSON body (400) and a too large one (413) are not stored by caches either", async () => {
    const b = new Browser(f.server.url);
    const bad = await b.request("POST", "/api/auth/login", "{bad");
    const big = await b.request("POST", "/api/auth/login", JSON.stringify({ email: "a@b.test", password: "x".repeat(3 * 1024 * 1024) }));
    expect([bad.status, big.status]).toEqual([400, 413]);
    expect([bad.headers.get("cache-control"), big.headers.get("cache-control")]).toEqual(["no-store", "no-store"]);
  });

  it("GET /api/auth/csrf sets one CSRF cookie, the token it hands out", async () => {
    const res = await fetch(`${f.server.url}/api/auth/csrf`);
    const set = res.headers.getSetCookie().filter((c) => /^(__Host-)?venzory_csrf=/.test(c));
    const { token } = (await res.json()) as { token: string };
    expect(set).toHaveLength(1);
    expect(set[0]).toContain(`=${token};`);
  });

  it("a request head too large for Node (431) still carries the security headers", async () => {
    const { port } = new URL(f.server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () =>
        socket.write(`GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(64 * 1024)}\r\n\r\n`),
      );
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (c: string) => (text += c));
      socket.on("end", () => resolve(text));
      socket.on("error", (err) => (text ? resolve(text) : reject(err)));
    });
    const [statusLine, ...lines] = answer.split("\r\n\r\n")[0]!.split("\r\n");
    const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
    expect(statusLine).toMatch(/^HTTP\/1\.1 431 /);
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("the built client's files, its fallback page and its 404s carry the same security headers as the API", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "venzory-static-"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>Venzory</title>");
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "assets", "app-1234.js"), "console.log(1)");
    const s = await startTestServer(f.t.url, { staticDir: dir });
    try {
      // Raw requests: a redirect is an answer of its own, and must not be followed.
      const get = (p: string, accept: string) => raw(s.url, "GET", p, { accept });
      const reference = await get("/api/health", "application/json");
      const answers = {
        asset: await get("/assets/app-1234.js", "text/javascript"),
        page: await get("/stock/locations", "text/html"),
        missingAsset: await get("/assets/missing-5678.js", "text/javascript"),
        directory: await get("/assets", "text/javascript"),
        missingImage: await get("/nothing-here.png", "image/png"),
      };
      expect
        .soft(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status])))
        .toEqual({ asset: 200, page: 200, missingAsset: 404, directory: 404, missingImage: 404 });
      const securityHeaders = (r: typeof reference) =>
        [
          "content-security-policy",
          "permissions-policy",
          "referrer-policy",
          "x-content-type-options",
          "x-frame-options",
          "cross-origin-opener-policy",
        ].map((h) => [h, r.headers[h]]);
      for (const [name, r] of Object.entries(answers)) expect.soft(securityHeaders(r), name).toEqual(securityHeaders(reference));
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
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
  // The sign-in limits themselves (failures per address and per account, the wait shown) are in sign-in-limits.pg.test.ts.
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
