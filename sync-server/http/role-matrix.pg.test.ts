/**
 * The role matrix, generated from the permission tables: every route and every mutation, for every role,
 * is allowed or refused exactly as shared/auth says. A new route or mutation is covered automatically.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Role } from "../../shared/auth/roles.js";
import { ROUTE_ACCESS, routeAccessFor, type RouteAccess } from "../../shared/auth/routes.js";
import { MUTATION_NAMES, MUTATIONS } from "../../shared/mutations/index.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { Browser } from "../../test/http.js";
import { startTestServer } from "../../test/server.js";
import type { RunningServer } from "../server.js";

const PASSWORD = "role-matrix-test-pw";
let t: TestDatabase;
let p: TestPractice;
let server: RunningServer;
const browsers = {} as Record<Role, Browser>;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { password: PASSWORD });
  server = await startTestServer(t.url);
  for (const role of ROLES) {
    browsers[role] = new Browser(server.url);
    expect((await browsers[role].post("/api/auth/login", { email: p.users[role].email, password: PASSWORD })).status).toBe(200);
  }
});
afterAll(async () => {
  await server.close();
  await t.drop();
});

/** Calls a route with a harmless body; `:params` become random ids. */
async function call(b: Browser, key: string) {
  const [method, path] = key.split(" ") as [string, string];
  const url = path.replace(/:[A-Za-z]+/g, randomUUID());
  if (url.endsWith("/poke")) {
    // A stream: look at the status and hang up.
    const controller = new AbortController();
    const res = await fetch(server.url + url, { headers: { cookie: b.cookieHeader() }, signal: controller.signal });
    controller.abort();
    return res.status;
  }
  return (await b.request(method, url, method === "GET" ? undefined : {})).status;
}

// Sign-out routes end the session they are called with, so they stay out of the matrix (tested elsewhere).
const sessionRoutes = (Object.entries(ROUTE_ACCESS) as [string, RouteAccess][]).filter(
  (entry): entry is [string, Exclude<RouteAccess, "public">] => entry[1] !== "public" && !entry[0].includes("logout"),
);

describe("route × role", () => {
  it.each(sessionRoutes)("%s requires a session", async (key) => {
    expect(await call(new Browser(server.url), key)).toBe(401);
  });

  for (const role of ROLES) {
    it.each(sessionRoutes)(`%s as ${role}`, async (key, access) => {
      const status = await call(browsers[role], key);
      if (access === "session" || can(role, access)) expect(status).not.toBe(403);
      else expect(status).toBe(403);
      expect(status).not.toBe(401);
      expect(status).toBeLessThan(500);
    });
  }

  it("refuses routes missing from the table (default deny)", async () => {
    expect(routeAccessFor("GET", "/api/not-in-the-table")).toBeUndefined();
    expect((await browsers.ADMIN.get("/api/not-in-the-table")).status).toBe(404);
  });

  it("audits a refused route", async () => {
    await call(browsers.VIEWER, "GET /api/emails/failed");
    expect(await t.db.auditLog.count({ where: { action: "access.denied", actorId: p.users.VIEWER.id } })).toBeGreaterThan(0);
  });
});

// "member.leave" applies even with empty args and ends the member's access to the practice, so it runs
// last for each role whatever the registry's order.
const MATRIX_ORDER = [...MUTATION_NAMES.filter((n) => n !== "member.leave"), "member.leave" as const];

describe("mutation × role", () => {
  for (const role of ROLES) {
    it.each(MATRIX_ORDER.map((name) => [name, MUTATIONS[name].permission] as const))(`%s as ${role}`, async (name, permission) => {
      const clientId = randomUUID();
      const res = await browsers[role].post("/api/sync/push", {
        clientId,
        schemaVersion: 1,
        mutations: [{ id: randomUUID(), seq: 1, name, args: {}, clientTime: "now" }],
      });
      expect(res.status).toBe(200);
      const outcome = res.json.results[0];
      // Empty args: an allowed role gets past the permission check (to argument validation, or applied).
      if (can(role, permission)) expect(outcome.code).not.toBe("FORBIDDEN");
      else expect(outcome).toMatchObject({ status: "rejected", code: "FORBIDDEN" });
      expect(outcome.code).not.toBe("UNKNOWN_MUTATION");
    });
  }
});
