/**
 * GET /api/suppliers/directory: the global supplier directory searched by name while adding a supplier
 * (over HTTP, as the API's own database role), and a practice supplier linked to the picked entry.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../../../test/http.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { startTestServer } from "../../../test/server.js";
import type { RunningServer } from "../../server.js";

let t: TestDatabase;
let p: TestPractice;
let server: RunningServer;
const tag = randomUUID().slice(0, 6);
const names = [`Henry Schein ${tag}`, `Schein Medical ${tag}`, `Medisupply ${tag}`, `100% Care_${tag}`, `1000 Careful ${tag}`];

beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 1, password: "directory-pw-1" });
  await t.db.globalSupplier.createMany({
    data: names.map((name) => ({ name, website: name.startsWith("Henry") ? "https://henry.example" : null })),
  });
  server = await startTestServer(t.url);
});
afterAll(async () => {
  await server?.close();
  await t.drop();
});

async function signedIn(role: "ADMIN" | "STAFF") {
  const browser = new Browser(server.url);
  expect((await browser.post("/api/auth/login", { email: p.users[role].email, password: "directory-pw-1" })).status).toBe(200);
  return browser;
}
const search = (b: Browser, q: string, limit?: number) =>
  b.get(`/api/suppliers/directory?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ""}`);

describe("the supplier directory", () => {
  it("finds entries by any part of the name, any case, names starting with the search first", async () => {
    const admin = await signedIn("ADMIN");
    const res = await search(admin, ` SCHEIN `);
    expect(res.status).toBe(200);
    expect(res.json.suppliers.map((s: { name: string }) => s.name)).toEqual([`Schein Medical ${tag}`, `Henry Schein ${tag}`]);
    expect(res.json.suppliers[1]).toEqual({ id: expect.any(String), name: `Henry Schein ${tag}`, website: "https://henry.example" });
    expect((await search(admin, `medisupply ${tag.toUpperCase()}`)).json.suppliers).toHaveLength(1);
    expect((await search(admin, "no such supplier")).json.suppliers).toEqual([]);
  });

  it("takes % and _ as characters, not patterns, and bounds the answer", async () => {
    const admin = await signedIn("ADMIN");
    expect((await search(admin, "100%")).json.suppliers.map((s: { name: string }) => s.name)).toEqual([`100% Care_${tag}`]);
    expect((await search(admin, "_")).json.suppliers.map((s: { name: string }) => s.name)).toEqual([`100% Care_${tag}`]);
    expect((await search(admin, tag, 2)).json.suppliers).toHaveLength(2);
    const tooMany = await search(admin, tag, 500);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error).toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await search(admin, "x".repeat(101))).status).toBe(400);
  });

  it("is for those who add suppliers: staff are refused", async () => {
    const staff = await signedIn("STAFF");
    expect((await search(staff, "schein")).status).toBe(403);
  });

  it("a supplier created from a picked entry is linked to it; an unknown entry is refused", async () => {
    const admin = await signedIn("ADMIN");
    const picked = (await search(admin, `Henry Schein ${tag}`)).json.suppliers[0] as { id: string; name: string };
    const id = randomUUID();
    const push = (mutations: unknown[]) => admin.post("/api/sync/push", { clientId, schemaVersion: 1, mutations });
    const clientId = randomUUID();
    const res = await push([
      {
        id: randomUUID(),
        seq: 1,
        name: "supplier.create",
        args: { id, name: picked.name, globalSupplierId: picked.id },
        clientTime: "now",
      },
      {
        id: randomUUID(),
        seq: 2,
        name: "supplier.create",
        args: { id: randomUUID(), name: "Made up", globalSupplierId: randomUUID() },
        clientTime: "now",
      },
    ]);
    expect(res.json.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual(["applied", "NOT_FOUND"]);
    expect(await t.db.practiceSupplier.findUniqueOrThrow({ where: { id } })).toMatchObject({
      practiceId: p.practiceId,
      globalSupplierId: picked.id,
      name: picked.name,
    });
  });
});
