/**
 * A database error while a session is being loaded must become an answer (503 while the database is
 * away, 401 for a token that cannot name a session), never an unhandled rejection that ends the process.
 * The server runs as its own process (test/server-process.ts): only there does an unhandled rejection
 * end it the way it ends production.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionTokens } from "../auth/session-token.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { Browser } from "../../test/http.js";
import { adminUrl, asAppRole, redisUrl } from "../../test/pg-urls.js";
import { SESSION_SECRET, startServerProcess, type ServerProcess } from "../../test/server-process.js";
import { uniqueRedisPrefix } from "../../test/server.js";
import { UNHANDLED_REJECTION_LOG } from "../process-safety.js";

const PASSWORD = "db-outage-test-pw";
let t: TestDatabase;
let p: TestPractice;
let server: ServerProcess;
let admin: pg.Client;

function testEnv(databaseUrl: string, appUrl: string): Record<string, string> {
  return {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATABASE_APP_URL: appUrl,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: uniqueRedisPrefix(),
    SESSION_SECRET,
    CSRF_SECRET: "c".repeat(40),
    PORT: "0",
    STATIC_DIR: "/nonexistent",
    LOG_LEVEL: "info",
  };
}

/** Ends every connection the API holds as the app role on this test's database (and only there). */
const terminateAppBackends = () =>
  admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = 'venzory_app'", [t.name]);

beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { password: PASSWORD });
  admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  server = await startServerProcess(testEnv(t.url, asAppRole(t.url)));
});

afterAll(async () => {
  // The safety net in main.ts keeps the process up after an unhandled rejection; the fix is that none happen.
  expect(server?.output() ?? "").not.toContain(UNHANDLED_REJECTION_LOG);
  await server?.stop();
  await admin?.query(`ALTER DATABASE "${t.name}" CONNECTION LIMIT -1`).catch(() => {});
  await admin?.end();
  await t?.drop();
});

async function signIn(): Promise<Browser> {
  const b = new Browser(server.url);
  const res = await b.post("/api/auth/login", { email: p.users.STAFF.email, password: PASSWORD });
  expect(res.status).toBe(200);
  return b;
}

/** A request that must be answered (any status); a reset connection fails the test with the server's output. */
async function answered(b: Browser, path: string) {
  try {
    return await (path === "/api/sync/pull" ? b.post(path, { clientId: randomUUID(), schemaVersion: 1, cursor: 0 }) : b.get(path));
  } catch (err) {
    throw new Error(`no answer for ${path} (${(err as Error).message}); server alive: ${server.alive()}\n${server.output().slice(-3000)}`);
  }
}

describe("session tokens that cannot name a session", () => {
  const tokens = new SessionTokens(SESSION_SECRET);
  const forged = async (claims: { sid: string; uid: string; pid: string | null; tv: number }) => {
    const b = new Browser(server.url);
    return b.get("/api/me", { cookie: `venzory_session=${await tokens.sign(claims)}` });
  };

  it("answers 401 to a validly signed token whose session id is not a UUID, and keeps serving", async () => {
    const res = await forged({ sid: "not-a-uuid", uid: p.users.STAFF.id, pid: p.practiceId, tv: 0 });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("UNAUTHENTICATED");
    expect((await answered(new Browser(server.url), "/api/health")).status).toBe(200);
    expect(server.alive()).toBe(true);
  });

  it("answers 401 to non-UUID user and practice ids and out-of-range token versions", async () => {
    for (const claims of [
      { sid: randomUUID(), uid: "1 OR 1=1", pid: p.practiceId, tv: 0 },
      { sid: randomUUID(), uid: p.users.STAFF.id, pid: "x", tv: 0 },
      { sid: randomUUID(), uid: p.users.STAFF.id, pid: p.practiceId, tv: 2 ** 40 },
      { sid: "\u0000", uid: "\ud800", pid: null, tv: -1 },
    ]) {
      const res = await forged(claims);
      expect(res.status, JSON.stringify(claims)).toBe(401);
    }
    expect(server.alive()).toBe(true);
  });
});

describe("the database goes away while sessions are loaded", () => {
  it("answers every request (200 or 503) while the app role's connections are terminated mid-request", async () => {
    const b = await signIn();
    const statuses: number[] = [];
    for (let round = 0; round < 6; round++) {
      const requests = Array.from({ length: 16 }, (_, i) => answered(b, i % 2 ? "/api/me" : "/api/sync/pull"));
      await new Promise((r) => setTimeout(r, 5 + round * 3));
      await terminateAppBackends();
      for (const res of await Promise.all(requests)) {
        statuses.push(res.status);
        if (res.status !== 200) {
          expect(res.status, res.text).toBe(503);
          expect(res.json.error.code).toBe("SERVICE_UNAVAILABLE");
        }
      }
    }
    expect(server.alive()).toBe(true);
    expect(statuses).toHaveLength(96);
    // Recorded for the closing note: how many requests met a terminated connection.
    expect(statuses, "the terminations met requests in flight").toContain(503);
    console.info(`mid-request terminations: ${statuses.filter((s) => s === 503).length} of ${statuses.length} answered 503, the rest 200`);
    // The pool replaces the dead connections: the next request is served.
    expect((await answered(b, "/api/me")).status).toBe(200);
  });

  it("answers 503 SERVICE_UNAVAILABLE without internals while the database refuses the app role, and 200 after", async () => {
    const b = await signIn();
    // The database refuses new connections from non-superusers (53300, too many connections) and the
    // existing ones are ended: to the API the database is away. Only this test's database is affected.
    await admin.query(`ALTER DATABASE "${t.name}" CONNECTION LIMIT 0`);
    try {
      await terminateAppBackends();
      for (const path of ["/api/me", "/api/sync/pull", "/api/me"]) {
        const res = await answered(b, path);
        expect(res.status, res.text).toBe(503);
        expect(res.json.error.code).toBe("SERVICE_UNAVAILABLE");
        expect(res.text).not.toMatch(/prisma|stack|53300|at .*\.ts/i);
        expect(res.headers.get("retry-after")).toBeTruthy();
      }
    } finally {
      await admin.query(`ALTER DATABASE "${t.name}" CONNECTION LIMIT -1`);
    }
    expect(server.alive()).toBe(true);
    expect((await answered(b, "/api/me")).status).toBe(200);
    expect((await answered(b, "/api/sync/pull")).status).toBe(200);
  });

  it("answers 503 when the database server cannot be reached at all", async () => {
    // An instance whose app connection points at a closed port: the session look-up cannot connect.
    const dead = new URL(asAppRole(t.url));
    dead.port = "1";
    const lonely = await startServerProcess(testEnv(t.url, dead.toString()));
    try {
      const token = await new SessionTokens(SESSION_SECRET).sign({ sid: randomUUID(), uid: p.users.STAFF.id, pid: p.practiceId, tv: 0 });
      const res = await new Browser(lonely.url).get("/api/me", { cookie: `venzory_session=${token}` });
      expect(res.status, res.text).toBe(503);
      expect(res.json.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(lonely.alive()).toBe(true);
    } finally {
      await lonely.stop();
    }
  });
});
