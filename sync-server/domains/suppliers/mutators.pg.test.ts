/**
 * Supplier mutations through push: practice suppliers, their prices as exact decimals (never floats),
 * the one preferred supplier per item, tombstones for removed prices, roles and the rows a pull delivers.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { TestClient } from "../../../test/sync-client.js";

let t: TestDatabase;
let p: TestPractice;
let admin: TestClient;
let staff: TestClient;

beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 4 });
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
});
afterAll(() => t.drop());

async function outcome<N extends MutationName>(name: N, args: MutationInput<N>, client = admin) {
  return (await client.push([client.mutation(name, args)])).results[0]!;
}
async function one<N extends MutationName>(name: N, args: MutationInput<N>, client = admin) {
  const r = await outcome(name, args, client);
  return r.status === "rejected" ? r.code : r.status;
}
async function newSupplier(name: string) {
  const id = randomUUID();
  expect(await one("supplier.create", { id, name })).toBe("applied");
  return id;
}
const quoteRow = (supplierId: string, itemId: string) =>
  t.db.practiceSupplierItem.findFirstOrThrow({ where: { practiceSupplierId: supplierId, itemId } });

describe("supplier mutations", () => {
  it("creates, edits, archives and unarchives a supplier; names are unique per practice with a clear message", async () => {
    const id = randomUUID();
    expect(
      await one("supplier.create", {
        id,
        name: "Henry Schein",
        accountNumber: "AC-991",
        orderEmail: "orders@example.test",
        phone: "+44 20 7946 0000",
        notes: "Cut-off 3 pm",
      }),
    ).toBe("applied");
    expect(await t.db.practiceSupplier.findUniqueOrThrow({ where: { id } })).toMatchObject({
      practiceId: p.practiceId,
      name: "Henry Schein",
      accountNumber: "AC-991",
      orderEmail: "orders@example.test",
      archived: false,
    });
    expect(await outcome("supplier.create", { id: randomUUID(), name: "Henry Schein" })).toMatchObject({
      code: "ALREADY_EXISTS",
      message: 'A supplier named "Henry Schein" already exists.',
    });
    expect(await outcome("supplier.create", { id: randomUUID(), name: "Bad mail", orderEmail: "not-an-address" })).toMatchObject({
      status: "rejected",
      code: "VALIDATION_FAILED",
    });
    expect(await one("supplier.update", { id, phone: null, notes: "Cut-off 2 pm" })).toBe("applied");
    expect(await t.db.practiceSupplier.findUniqueOrThrow({ where: { id } })).toMatchObject({
      phone: null,
      notes: "Cut-off 2 pm",
      accountNumber: "AC-991",
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id, action: "supplier.update" } });
    expect(audit.changes).toEqual({ phone: { from: "+44 20 7946 0000", to: null }, notes: { from: "Cut-off 3 pm", to: "Cut-off 2 pm" } });
    expect(await one("supplier.archive", { id })).toBe("applied");
    expect(await outcome("supplier.update", { id, name: "X" })).toMatchObject({
      code: "CONFLICT",
      message: 'Supplier "Henry Schein" is archived; restore it first.',
    });
    expect(await one("supplier.unarchive", { id })).toBe("applied");
    expect(await one("supplier.unarchive", { id })).toBe("CONFLICT");
  });

  it("keeps money exact end to end: '12.34' is stored as 12.3400 and pulled as the text '12.3400'", async () => {
    const supplierId = await newSupplier("Exact prices Ltd");
    const itemId = p.itemIds[0]!;
    expect(
      await one("supplierItem.set", {
        id: randomUUID(),
        supplierId,
        itemId,
        unitPrice: "12.34",
        currency: "eur",
        supplierSku: "EP-1",
        packSize: 10,
        minimumOrder: 2,
        leadTimeDays: 3,
      }),
    ).toBe("applied");
    const row = await quoteRow(supplierId, itemId);
    expect(row.unitPrice.toFixed(4)).toBe("12.3400");
    const [{ text }] = await t.db.$queryRaw<
      [{ text: string }]
    >`SELECT "unitPrice"::text AS text FROM "PracticeSupplierItem" WHERE "id" = ${row.id}::uuid`;
    expect(text).toBe("12.3400");
    expect(row).toMatchObject({ currency: "EUR", supplierSku: "EP-1", packSize: 10, minimumOrder: 2, leadTimeDays: 3 });
    // A value a binary float cannot hold survives too (0.1 + 0.2 style): 99999999.9999 is the column's largest.
    expect(await one("supplierItem.set", { id: randomUUID(), supplierId, itemId: p.itemIds[1]!, unitPrice: "99999999.9999" })).toBe(
      "applied",
    );
    const { rows } = await admin.pullAll();
    const pulled = [...rows.values()].filter((r) => r.supplierId === supplierId);
    expect(pulled.map((r) => r.unitPrice).sort()).toEqual(["12.3400", "99999999.9999"]);
    expect(pulled.find((r) => r.itemId === itemId)).toMatchObject({
      id: row.id,
      currency: "EUR",
      supplierSku: "EP-1",
      packSize: 10,
      minimumOrder: 2,
      leadTimeDays: 3,
    });
    expect(rows.get(`supplier:${supplierId}`)).toMatchObject({ name: "Exact prices Ltd", archived: false });
  });

  it("refuses prices that are not plain decimals (floats, too many digits, negatives, exponents)", async () => {
    const supplierId = await newSupplier("Strict prices");
    for (const unitPrice of ["1.23456", "123456789", "-1", "1e3", "12,50", " ", "0x10"]) {
      expect(
        await outcome("supplierItem.set", { id: randomUUID(), supplierId, itemId: p.itemIds[0]!, unitPrice }),
        unitPrice,
      ).toMatchObject({ status: "rejected", code: "VALIDATION_FAILED" });
    }
    // A number instead of text is refused too: money never travels as a float.
    const res = await admin.push([
      admin.rawMutation("supplierItem.set", { id: randomUUID(), supplierId, itemId: p.itemIds[0]!, unitPrice: 12.5 }),
    ]);
    expect(res.results[0]).toMatchObject({ status: "rejected", code: "VALIDATION_FAILED" });
  });

  it("one price per supplier and item: setting again updates it in place (a retry or re-import never duplicates)", async () => {
    const supplierId = await newSupplier("Upsert supplies");
    const itemId = p.itemIds[2]!;
    const firstId = randomUUID();
    expect(await one("supplierItem.set", { id: firstId, supplierId, itemId, unitPrice: "5" })).toBe("applied");
    expect(await one("supplierItem.set", { id: randomUUID(), supplierId, itemId, unitPrice: "5.5", minimumOrder: 4 })).toBe("applied");
    const rows = await t.db.practiceSupplierItem.findMany({ where: { practiceSupplierId: supplierId, itemId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: firstId, minimumOrder: 4 });
    expect(rows[0]!.unitPrice.toFixed(4)).toBe("5.5000");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: firstId, action: "supplierItem.update" } });
    expect(audit.changes).toMatchObject({ unitPrice: "5.5000", previousUnitPrice: "5.0000" });
  });

  it("keeps one preferred supplier per item, only one that quotes it, and clears it when the price or supplier goes", async () => {
    const itemId = p.itemIds[3]!;
    const [a, b] = [await newSupplier("Preferred A"), await newSupplier("Preferred B")];
    expect(await outcome("item.setPreferredSupplier", { itemId, supplierId: a })).toMatchObject({
      code: "CONFLICT",
      message: '"Preferred A" has no price for "Item 4"; add one before making it the preferred supplier.',
    });
    const quoteA = randomUUID();
    expect(await one("supplierItem.set", { id: quoteA, supplierId: a, itemId, unitPrice: "2.00", preferred: true })).toBe("applied");
    expect((await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).defaultSupplierId).toBe(a);
    expect(await one("supplierItem.set", { id: randomUUID(), supplierId: b, itemId, unitPrice: "1.90" })).toBe("applied");
    expect(await one("item.setPreferredSupplier", { itemId, supplierId: b })).toBe("applied");
    expect((await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).defaultSupplierId).toBe(b);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { entityId: itemId, action: "item.setPreferredSupplier" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.changes).toEqual({ defaultSupplierId: { from: a, to: b } });

    // Archiving the preferred supplier leaves the item without one (an archived supplier takes no orders).
    expect(await one("supplier.archive", { id: b })).toBe("applied");
    expect((await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).defaultSupplierId).toBeNull();

    // Removing the preferred supplier's price clears it, and the removal reaches replicas as a tombstone.
    expect(await one("item.setPreferredSupplier", { itemId, supplierId: a })).toBe("applied");
    const { cursor } = await admin.pullAll();
    expect(await one("supplierItem.remove", { id: quoteA })).toBe("applied");
    expect((await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).defaultSupplierId).toBeNull();
    const page = await admin.pull(cursor);
    expect(page.deletes).toContainEqual(expect.objectContaining({ entity: "supplierItem", id: quoteA }));
    expect(page.changes).toContainEqual(
      expect.objectContaining({ entity: "item", row: expect.objectContaining({ id: itemId, defaultSupplierId: null }) }),
    );
  });

  it("refuses prices for an archived supplier or item", async () => {
    const supplierId = await newSupplier("Soon archived");
    expect(await one("supplier.archive", { id: supplierId })).toBe("applied");
    expect(await one("supplierItem.set", { id: randomUUID(), supplierId, itemId: p.itemIds[0]!, unitPrice: "1" })).toBe("CONFLICT");
    const live = await newSupplier("Live supplier");
    const itemId = randomUUID();
    expect(await one("item.create", { id: itemId, name: "Retired" })).toBe("applied");
    expect(await one("item.archive", { id: itemId })).toBe("applied");
    expect(await one("supplierItem.set", { id: randomUUID(), supplierId: live, itemId, unitPrice: "1" })).toBe("ITEM_ARCHIVED");
  });

  it("is set-up work for admins: staff cannot change suppliers or prices", async () => {
    expect(await one("supplier.create", { id: randomUUID(), name: "Staff supplier" }, staff)).toBe("FORBIDDEN");
    expect(await one("item.setPreferredSupplier", { itemId: p.itemIds[0]!, supplierId: null }, staff)).toBe("FORBIDDEN");
  });
});
