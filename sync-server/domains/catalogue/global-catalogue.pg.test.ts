/**
 * The audited path into the global catalogue, on the system role (venzory_system) as in production; the
 * API's role (venzory_app) is refused the same write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { asAppRole } from "../../../test/pg-urls.js";
import { createPrisma, type Db } from "../../db/prisma.js";
import { createOrFindProduct } from "./global-catalogue.js";

let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;
let systemDb: Db;
let appDb: Db;

/** The same database as venzory_system: the owner's login switched to that role for every connection. */
function asSystemRole(url: string): string {
  const u = new URL(url);
  u.searchParams.set("options", "-c role=venzory_system");
  return u.toString();
}

const meta = (p: TestPractice) => ({ practiceId: p.practiceId, actorId: p.users.STAFF.id, requestId: "req-1" });
const audits = (productId: string) => t.db.auditLog.findMany({ where: { action: "catalogue.product_created", entityId: productId } });

beforeAll(async () => {
  t = await testDatabase(2);
  [a, b] = [await makePractice(t.db), await makePractice(t.db)];
  systemDb = createPrisma(asSystemRole(t.url), 2);
  appDb = createPrisma(asAppRole(t.url), 2);
});
afterAll(async () => {
  await systemDb?.$disconnect();
  await appDb?.$disconnect();
  await t?.drop();
});

describe("createOrFindProduct", () => {
  it("runs as venzory_system", async () => {
    const [{ role }] = await systemDb.$queryRaw<[{ role: string }]>`SELECT current_user::text AS role`;
    expect(role).toBe("venzory_system");
  });

  it("creates a product once, audited for the practice that asked; later callers find it unchanged", async () => {
    const first = await createOrFindProduct(
      systemDb,
      { gtin: "5012345678900", name: "  Nitrile gloves, medium ", manufacturer: "Acme" },
      meta(a),
    );
    expect(first).toMatchObject({
      created: true,
      product: { gtin: "05012345678900", name: "Nitrile gloves, medium", manufacturer: "Acme" },
    });
    const again = await createOrFindProduct(systemDb, { gtin: "05012345678900", name: "Gloves (renamed)" }, meta(b));
    expect(again).toEqual({ created: false, product: first.product });
    const rows = await audits(first.product.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      practiceId: a.practiceId,
      actorId: a.users.STAFF.id,
      entity: "product",
      requestId: "req-1",
      changes: { gtin: "05012345678900" },
    });
  });

  it("two practices adding the same new GTIN at once end with one product and one audit row", async () => {
    const results = await Promise.all([a, b].map((p) => createOrFindProduct(systemDb, { gtin: "40123455", name: "Swabs" }, meta(p))));
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(new Set(results.map((r) => r.product.id)).size).toBe(1);
    expect(await audits(results[0]!.product.id)).toHaveLength(1);
  });

  it("refuses a GTIN with a wrong check digit or an empty name, writing nothing", async () => {
    const before = await t.db.product.count();
    await expect(createOrFindProduct(systemDb, { gtin: "5012345678901", name: "Bad" }, meta(a))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(createOrFindProduct(systemDb, { gtin: "5012345678900", name: "   " }, meta(a))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await t.db.product.count()).toBe(before);
  });

  it("on the API's role (venzory_app) the same write is refused by the database", async () => {
    await expect(createOrFindProduct(appDb, { gtin: "96385074", name: "Planted" }, meta(a))).rejects.toThrow(/permission denied/);
    expect(await t.db.product.count({ where: { gtin: "00000096385074" } })).toBe(0);
  });
});
