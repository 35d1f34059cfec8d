/**
 * Item mutations end to end through push: create/edit/archive/unarchive, tenant-scoped SKU and GTIN
 * uniqueness with messages that name the clashing item, the GTIN → global product path (created once,
 * audited, never edited by a practice), roles, and the item row a pull delivers.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gtinCheckDigit } from "../../../shared/gs1/gtin.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { Browser } from "../../../test/http.js";
import { startTestServer } from "../../../test/server.js";
import { TestClient } from "../../../test/sync-client.js";

let t: TestDatabase;
let p: TestPractice;
let other: TestPractice;
let admin: TestClient;
let staff: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  t = await testDatabase();
  [p, other] = [await makePractice(t.db, { password: "catalogue-pw-1" }), await makePractice(t.db)];
  const as = (role: "ADMIN" | "STAFF" | "VIEWER", practice = p) =>
    new TestClient(t.db, { practiceId: practice.practiceId, userId: practice.users[role].id, role });
  [admin, staff, viewer] = [as("ADMIN"), as("STAFF"), as("VIEWER")];
});
afterAll(() => t.drop());

/** A valid GTIN-13 not used before in this database. */
function newGtin(): string {
  const body = `50${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}`;
  return body + gtinCheckDigit(body);
}

async function outcome<N extends MutationName>(client: TestClient, name: N, args: MutationInput<N>) {
  const res = await client.push([client.mutation(name, args)]);
  return res.results[0]!;
}
async function one<N extends MutationName>(name: N, args: MutationInput<N>, client = admin) {
  const r = await outcome(client, name, args);
  return r.status === "rejected" ? r.code : r.status;
}

describe("item mutations", () => {
  it("creates an item with every field, records who did it, and pulls it with its GTIN", async () => {
    const id = randomUUID();
    const gtin = newGtin();
    expect(
      await one("item.create", {
        id,
        name: "  Flu vaccine 0.5 ml ",
        sku: "FLU-05",
        gtin,
        unit: "dose",
        packSize: 10,
        category: "Vaccines",
        notes: "Keep at 2-8 °C",
        batchTracked: true,
      }),
    ).toBe("applied");
    const row = await t.db.item.findUniqueOrThrow({ where: { id }, include: { product: true } });
    expect(row).toMatchObject({
      practiceId: p.practiceId,
      name: "Flu vaccine 0.5 ml",
      sku: "FLU-05",
      unit: "dose",
      packSize: 10,
      category: "Vaccines",
      notes: "Keep at 2-8 °C",
      batchTracked: true,
      archived: false,
    });
    expect(row.product).toMatchObject({ gtin: `0${gtin}`, name: "Flu vaccine 0.5 ml" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "item.create" } });
    expect(audit).toMatchObject({
      actorId: p.users.ADMIN.id,
      requestId: "test-request",
      changes: expect.objectContaining({ gtin: `0${gtin}`, sku: "FLU-05" }),
    });

    const { rows } = await admin.pullAll();
    expect(rows.get(`item:${id}`)).toMatchObject({
      gtin: `0${gtin}`,
      productId: row.productId,
      category: "Vaccines",
      notes: "Keep at 2-8 °C",
      unit: "dose",
      packSize: 10,
    });
  });

  it("creates a new global product once through the audited system path; a known GTIN links to the product as it is", async () => {
    const gtin = newGtin();
    const first = await admin.push([admin.mutation("item.create", { id: randomUUID(), name: "Saline 10 ml", gtin })]);
    expect(first.results[0]).toMatchObject({ status: "applied" });
    const product = await t.db.product.findUniqueOrThrow({ where: { gtin: `0${gtin}` } });
    const audits = await t.db.auditLog.findMany({ where: { action: "catalogue.product_created", entityId: product.id } });
    expect(audits).toHaveLength(1);
    // Recorded against the practice, person, request and mutation that caused it.
    expect(audits[0]).toMatchObject({
      practiceId: p.practiceId,
      actorId: p.users.ADMIN.id,
      requestId: "test-request",
      mutationId: first.results[0]!.id,
    });

    // Another practice naming the same GTIN differently links to the same product, which keeps its name.
    const theirs = new TestClient(t.db, { practiceId: other.practiceId, userId: other.users.ADMIN.id, role: "ADMIN" });
    const itemId = randomUUID();
    expect((await outcome(theirs, "item.create", { id: itemId, name: "NaCl 0.9% 10ml", gtin })).status).toBe("applied");
    expect(await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ productId: product.id, name: "NaCl 0.9% 10ml" });
    expect(await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ name: "Saline 10 ml" });
    expect(await t.db.auditLog.count({ where: { action: "catalogue.product_created", entityId: product.id } })).toBe(1);
  });

  it("refuses a second SKU or GTIN in the same practice with a message naming the item, but not across practices", async () => {
    const gtin = newGtin();
    expect(await one("item.create", { id: randomUUID(), name: "Gauze swabs", sku: "GZ-1", gtin })).toBe("applied");
    expect(await outcome(admin, "item.create", { id: randomUUID(), name: "Other", sku: "GZ-1" })).toMatchObject({
      status: "rejected",
      code: "ALREADY_EXISTS",
      message: 'SKU "GZ-1" is already used by "Gauze swabs".',
    });
    expect(await outcome(admin, "item.create", { id: randomUUID(), name: "Other", gtin })).toMatchObject({
      status: "rejected",
      code: "ALREADY_EXISTS",
      message: `GTIN 0${gtin} is already used by "Gauze swabs".`,
    });
    // An edit that would take another item's code is refused the same way.
    const plain = randomUUID();
    expect(await one("item.create", { id: plain, name: "Plain" })).toBe("applied");
    expect(await outcome(admin, "item.update", { id: plain, sku: "GZ-1" })).toMatchObject({
      code: "ALREADY_EXISTS",
      message: 'SKU "GZ-1" is already used by "Gauze swabs".',
    });
    // Tenant-scoped: the other practice may use the same SKU and GTIN.
    const theirs = new TestClient(t.db, { practiceId: other.practiceId, userId: other.users.STAFF.id, role: "STAFF" });
    expect((await outcome(theirs, "item.create", { id: randomUUID(), name: "Their gauze", sku: "GZ-1", gtin })).status).toBe("applied");
  });

  it("refuses an invalid GTIN with a field-specific message and writes nothing global", async () => {
    const before = await t.db.product.count();
    expect(await outcome(admin, "item.create", { id: randomUUID(), name: "Bad code", gtin: "5012345678901" })).toMatchObject({
      status: "rejected",
      code: "VALIDATION_FAILED",
      message: "That is not a valid GTIN (barcode number): check the digits.",
    });
    expect(await t.db.product.count()).toBe(before);
  });

  it("edits fields, clears optional ones with null, relinks or unlinks the GTIN, and audits from/to", async () => {
    const id = randomUUID();
    expect(await one("item.create", { id, name: "Syringe 2 ml", sku: "SY-2", category: "Consumables", notes: "Luer" })).toBe("applied");
    const gtin = newGtin();
    expect(await one("item.update", { id, name: "Syringe 2 ml Luer", notes: null, gtin, packSize: 100 }, staff)).toBe("applied");
    const row = await t.db.item.findUniqueOrThrow({ where: { id }, include: { product: true } });
    expect(row).toMatchObject({ name: "Syringe 2 ml Luer", notes: null, packSize: 100, sku: "SY-2", category: "Consumables" });
    expect(row.product?.gtin).toBe(`0${gtin}`);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "item.update" } });
    expect(audit.changes).toEqual({
      name: { from: "Syringe 2 ml", to: "Syringe 2 ml Luer" },
      notes: { from: "Luer", to: null },
      packSize: { from: 1, to: 100 },
      gtin: { from: null, to: `0${gtin}` },
    });
    expect(await one("item.update", { id, gtin: null })).toBe("applied");
    expect((await t.db.item.findUniqueOrThrow({ where: { id } })).productId).toBeNull();
  });

  it("archives only an item with nothing on hand, refuses edits while archived, and unarchives", async () => {
    const id = randomUUID();
    expect(await one("item.create", { id, name: "Bandage" })).toBe("applied");
    expect(await one("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: id, quantity: 3, reason: "FOUND" })).toBe(
      "applied",
    );
    expect(await outcome(admin, "item.archive", { id })).toMatchObject({
      code: "CONFLICT",
      message: '"Bandage" still has 3 unit(s) on hand; use or adjust them to zero before archiving.',
    });
    expect(await one("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: id, quantity: -3, reason: "USED" })).toBe(
      "applied",
    );
    expect(await one("item.archive", { id })).toBe("applied");
    expect(await one("item.archive", { id })).toBe("ITEM_ARCHIVED");
    expect(await one("item.update", { id, name: "Renamed" })).toBe("ITEM_ARCHIVED");
    expect(await one("item.unarchive", { id })).toBe("applied");
    expect(await one("item.unarchive", { id })).toBe("CONFLICT");
    expect(await t.db.item.findUniqueOrThrow({ where: { id } })).toMatchObject({ archived: false, name: "Bandage" });
    expect(await t.db.auditLog.count({ where: { entityId: id, action: { in: ["item.archive", "item.unarchive"] } } })).toBe(2);
  });

  it("switches batch tracking only when no stock would be stranded on the wrong side", async () => {
    const id = randomUUID();
    expect(await one("item.create", { id, name: "Lidocaine" })).toBe("applied");
    expect(await one("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: id, quantity: 2, reason: "FOUND" })).toBe(
      "applied",
    );
    expect(await outcome(admin, "item.update", { id, batchTracked: true })).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("2 unit(s) are held without a batch"),
    });
    expect(await one("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: id, quantity: -2, reason: "USED" })).toBe(
      "applied",
    );
    expect(await one("item.update", { id, batchTracked: true })).toBe("applied");
  });

  it("lets staff create and edit items but only admins archive; viewers change nothing", async () => {
    const id = randomUUID();
    expect(await one("item.create", { id, name: "Staff item" }, staff)).toBe("applied");
    expect(await one("item.archive", { id }, staff)).toBe("FORBIDDEN");
    expect(await one("item.create", { id: randomUUID(), name: "Viewer item" }, viewer)).toBe("FORBIDDEN");
    expect(await one("item.update", { id, name: "Viewer edit" }, viewer)).toBe("FORBIDDEN");
  });
});

describe("the global catalogue from the API's own database role", () => {
  it("a push over HTTP (tenant role, no write grant on Product) still creates the product through the system path", async () => {
    const server = await startTestServer(t.url);
    try {
      const browser = new Browser(server.url);
      expect((await browser.post("/api/auth/login", { email: p.users.STAFF.email, password: "catalogue-pw-1" })).status).toBe(200);
      const gtin = newGtin();
      const id = randomUUID();
      const res = await browser.post("/api/sync/push", {
        clientId: randomUUID(),
        schemaVersion: 1,
        mutations: [{ id: randomUUID(), seq: 1, name: "item.create", args: { id, name: "Over HTTP", gtin }, clientTime: "now" }],
      });
      expect(res.json.results[0]).toMatchObject({ status: "applied" });
      const product = await t.db.product.findUniqueOrThrow({ where: { gtin: `0${gtin}` } });
      expect(await t.db.item.findUniqueOrThrow({ where: { id } })).toMatchObject({ productId: product.id });
      expect(
        await t.db.auditLog.count({
          where: { action: "catalogue.product_created", entityId: product.id, practiceId: p.practiceId, actorId: p.users.STAFF.id },
        }),
      ).toBe(1);

      // GET /api/catalogue/products/:gtin: a known GTIN (any length form) pre-fills; an unknown one is null; junk is a 400.
      expect((await browser.get(`/api/catalogue/products/${gtin}`)).json).toEqual({
        product: { gtin: `0${gtin}`, name: "Over HTTP", manufacturer: null },
      });
      expect((await browser.get(`/api/catalogue/products/${newGtin()}`)).json).toEqual({ product: null });
      const bad = await browser.get("/api/catalogue/products/5012345678901");
      expect(bad.status).toBe(400);
      expect(bad.json.error).toMatchObject({ code: "VALIDATION_FAILED" });
    } finally {
      await server.close();
    }
  });
});
