/**
 * The sync routes at the HTTP edge: out-of-range numbers and text PostgreSQL cannot store are refused
 * with 400 VALIDATION_FAILED (never a 500), and HEAD on the poke stream answers instead of hanging.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { practiceFixture } from "../../../test/fixtures.js";
import { Browser } from "../../../test/http.js";

const PASSWORD = "sync-routes-pw";
const f = practiceFixture({ password: PASSWORD, server: true });
let staff: Browser;
beforeAll(async () => {
  staff = new Browser(f.server.url);
  expect((await staff.post("/api/auth/login", { email: f.p.users.STAFF.email, password: PASSWORD })).status).toBe(200);
});

const mutation = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  seq: 1,
  name: "location.create",
  args: { id: randomUUID(), name: "Shelf", parentId: null },
  clientTime: new Date().toISOString(),
  ...over,
});

describe("sync routes refuse what no column can hold", () => {
  it.each([2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER])("push with schemaVersion %d → 400", async (schemaVersion) => {
    const res = await staff.post("/api/sync/push", { clientId: randomUUID(), schemaVersion, mutations: [mutation()] });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("schemaVersion") });
  });

  it.each([2 ** 31, 2 ** 53])("pull with schemaVersion %d → 400", async (schemaVersion) => {
    const res = await staff.post("/api/sync/pull", { clientId: randomUUID(), schemaVersion, cursor: 0 });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("schemaVersion") });
  });

  it("pull with knownSeq or cursor beyond their columns → 400", async () => {
    for (const body of [{ cursor: 0, knownSeq: 2 ** 31 }, { cursor: 2 ** 53 }, { cursor: 0, limit: 2 ** 31 }]) {
      const res = await staff.post("/api/sync/pull", { clientId: randomUUID(), schemaVersion: 1, ...body });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("push with a seq beyond int4 → 400", async () => {
    const res = await staff.post("/api/sync/push", { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation({ seq: 2 ** 31 })] });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
  });

  it.each(["location.\u0000create", "\ud800", "x\udc00"])("push with mutation name %j → 400", async (name) => {
    const res = await staff.post("/api/sync/push", { clientId: randomUUID(), schemaVersion: 1, mutations: [mutation({ name })] });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("name") });
  });

  it("push with a NUL byte in clientTime → 400", async () => {
    const res = await staff.post("/api/sync/push", {
      clientId: randomUUID(),
      schemaVersion: 1,
      mutations: [mutation({ clientTime: "2026-01-01\u0000" })],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
  });

  it("a NUL byte in a mutation's text is that mutation's refusal: the seq is consumed and the next one applies", async () => {
    const clientId = randomUUID();
    const bad = mutation({ args: { id: randomUUID(), name: "Shelf\u0000", parentId: null } });
    const good = mutation({ seq: 2 });
    const res = await staff.post("/api/sync/push", { clientId, schemaVersion: 1, mutations: [bad, good] });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toEqual({
      lastSeq: 2,
      results: [
        { seq: 1, id: bad.id, status: "rejected", code: "VALIDATION_FAILED", message: expect.stringContaining("name") },
        { seq: 2, id: good.id, status: "applied" },
      ],
    });
  });
});

describe("poke stream", () => {
  it("answers HEAD promptly instead of holding the connection open", async () => {
    const res = await fetch(`${f.server.url}/api/sync/poke`, {
      method: "HEAD",
      headers: { cookie: staff.cookieHeader() },
      signal: AbortSignal.timeout(3_000),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  });

  it("still streams on GET", async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${f.server.url}/api/sync/poke`, { headers: { cookie: staff.cookieHeader() }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("retry:");
    ctrl.abort();
  });
});
