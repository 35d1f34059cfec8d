/**
 * Row-level security, checked in the catalog and by trying: every table with a practiceId has RLS on,
 * the application role can neither bypass it nor see anything without a tenant context, and with a
 * context it sees and writes only that practice.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../test/db.js";
import { makePractice, type TestPractice } from "../test/factories.js";
import { asAppRole } from "../test/pg-urls.js";

let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;
let app: pg.Client;
let tenantTables: string[];

beforeAll(async () => {
  t = await testDatabase(2);
  [a, b] = [await makePractice(t.db), await makePractice(t.db)];
  app = new pg.Client({ connectionString: asAppRole(t.url) });
  await app.connect();
  tenantTables = (
    await t.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'practiceId' ORDER BY 1`
  ).map((r) => r.table_name);
});
afterAll(async () => {
  await app.end();
  await t.drop();
});

async function asApp<T>(practiceId: string | null, fn: () => Promise<T>, userId?: string): Promise<T> {
  await app.query("BEGIN");
  try {
    if (practiceId) await app.query("SELECT set_config('app.current_practice_id', $1, true)", [practiceId]);
    if (userId) await app.query("SELECT set_config('app.current_user_id', $1, true)", [userId]);
    return await fn();
  } finally {
    await app.query("ROLLBACK");
  }
}

describe("row-level security", () => {
  it("is enabled and forced on every table with a practiceId, and on Practice", async () => {
    const rows = await t.db.$queryRaw<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`;
    const flags = new Map(rows.map((r) => [r.relname, { enabled: r.relrowsecurity, forced: r.relforcerowsecurity }]));
    expect(tenantTables.length).toBeGreaterThan(20);
    for (const table of [...tenantTables, "Practice"])
      expect({ table, ...flags.get(table) }).toEqual({ table, enabled: true, forced: true });
  });

  it("the application role is neither superuser nor BYPASSRLS", async () => {
    const [role] = await t.db.$queryRaw<
      { rolsuper: boolean; rolbypassrls: boolean }[]
    >`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'venzory_app'`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("without a tenant context the application role sees nothing", async () => {
    await asApp(null, async () => {
      for (const table of [...tenantTables, "Practice"]) {
        const { rows } = await app.query(`SELECT count(*)::int AS n FROM "${table}"`);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
    });
    // The rows are there: the owner sees them.
    expect(await t.db.location.count()).toBeGreaterThanOrEqual(2);
  });

  it("with a context it sees only that practice and cannot write into another", async () => {
    await asApp(a.practiceId, async () => {
      const { rows } = await app.query(`SELECT DISTINCT "practiceId" FROM "Location"`);
      expect(rows).toEqual([{ practiceId: a.practiceId }]);
      expect((await app.query(`SELECT count(*)::int AS n FROM "Item" WHERE "practiceId" = $1`, [b.practiceId])).rows[0].n).toBe(0);
      await expect(
        app.query(`INSERT INTO "Location" ("id", "practiceId", "name", "updatedAt") VALUES (gen_random_uuid(), $1, 'Planted', now())`, [
          b.practiceId,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
    await asApp(a.practiceId, async () => {
      const { rowCount } = await app.query(`UPDATE "Location" SET "name" = 'Hijacked' WHERE "practiceId" = $1`, [b.practiceId]);
      expect(rowCount).toBe(0);
    });
  });

  it("the global catalogue is read-only to the application role", async () => {
    const product = await t.db.product.create({ data: { gtin: "05012345678900", name: "Gloves" } });
    const supplier = await t.db.globalSupplier.create({ data: { name: `Supplier ${product.id}` } });
    const attempt = (sql: string, params: unknown[] = []) =>
      asApp(a.practiceId, () =>
        app.query(sql, params).then(
          () => "ok",
          (err: { code?: string }) => err.code,
        ),
      );
    expect(await attempt(`SELECT "gtin" FROM "Product" WHERE "id" = $1`, [product.id])).toBe("ok");
    expect(await attempt(`SELECT "name" FROM "GlobalSupplier" WHERE "id" = $1`, [supplier.id])).toBe("ok");
    // 42501 = insufficient_privilege: refused by the grant, not filtered by a policy.
    for (const sql of [
      `INSERT INTO "Product" ("id", "gtin", "name", "updatedAt") VALUES (gen_random_uuid(), '00000040123455', 'Planted', now())`,
      `UPDATE "Product" SET "name" = 'Renamed'`,
      `DELETE FROM "Product"`,
      `INSERT INTO "GlobalSupplier" ("id", "name", "updatedAt") VALUES (gen_random_uuid(), 'Planted', now())`,
      `UPDATE "GlobalSupplier" SET "website" = 'https://evil.test'`,
      `DELETE FROM "GlobalSupplier"`,
    ]) {
      expect({ sql, outcome: await attempt(sql) }).toEqual({ sql, outcome: "42501" });
    }
    expect(await t.db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ name: "Gloves" });
  });
});

describe("account tables are private to the system role", () => {
  const ACCOUNT_TABLES = ["User", "SignupRequest", "AuthToken"];

  beforeAll(async () => {
    // One row of each, so "sees nothing" is about the role and not about empty tables.
    await t.db.authToken.create({
      data: { userId: a.users.ADMIN.id, purpose: "MAGIC_LINK", tokenHash: "a".repeat(64), expiresAt: new Date(Date.now() + 60_000) },
    });
    await t.db.signupRequest.create({
      data: {
        email: "pending@example.test",
        name: "P",
        practiceName: "P",
        passwordHash: "x",
        tokenHash: "b".repeat(64),
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
  });

  it("row-level security is enabled and forced on them", async () => {
    const rows = await t.db.$queryRaw<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[]>`
      SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY(${ACCOUNT_TABLES})`;
    expect(
      rows
        .map((r) => ({ table: r.relname, enabled: r.relrowsecurity, forced: r.relforcerowsecurity }))
        .sort((x, y) => x.table.localeCompare(y.table)),
    ).toEqual([...ACCOUNT_TABLES].sort().map((table) => ({ table, enabled: true, forced: true })));
  });

  it("without a context the application role reads no row of them (refused or empty)", async () => {
    for (const table of ACCOUNT_TABLES) {
      const seen = await asApp(null, () =>
        app.query(`SELECT count(*)::int AS n FROM "${table}"`).then(
          (r) => r.rows[0].n as number,
          () => "refused",
        ),
      );
      expect(seen === 0 || seen === "refused", `${table}: ${seen}`).toBe(true);
    }
    expect(await t.db.user.count()).toBeGreaterThanOrEqual(6); // the owner sees them
  });

  it("sign-up requests and emailed tokens are refused to it in any context", async () => {
    for (const table of ["SignupRequest", "AuthToken"]) {
      await asApp(
        a.practiceId,
        () => expect(app.query(`SELECT count(*) FROM "${table}"`)).rejects.toThrow(/permission denied/),
        a.users.ADMIN.id,
      );
      await asApp(a.practiceId, () => expect(app.query(`DELETE FROM "${table}"`)).rejects.toThrow(/permission denied/), a.users.ADMIN.id);
    }
  });

  it("never reads a password hash, not even its own user's, and cannot set one", async () => {
    const me = a.users.ADMIN.id;
    await asApp(
      a.practiceId,
      () => expect(app.query(`SELECT "passwordHash" FROM "User" WHERE "id" = $1`, [me])).rejects.toThrow(/permission denied/),
      me,
    );
    await asApp(a.practiceId, () => expect(app.query(`SELECT * FROM "User"`)).rejects.toThrow(/permission denied/), me);
    await asApp(
      a.practiceId,
      () => expect(app.query(`UPDATE "User" SET "passwordHash" = 'x' WHERE "id" = $1`, [me])).rejects.toThrow(/permission denied/),
      me,
    );
    await asApp(
      a.practiceId,
      () =>
        expect(
          app.query(
            `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES (gen_random_uuid(), 'planted@example.test', 'P', now())`,
          ),
        ).rejects.toThrow(/permission denied|row-level security/),
      me,
    );
  });

  it("a session reads its own user; a practice its members' names; nobody else's", async () => {
    const me = a.users.STAFF.id;
    const cols = `SELECT "id", "email", "name", "tokenVersion", "disabledAt" FROM "User"`;
    const own = await asApp(null, () => app.query(cols), me);
    expect(own.rows.map((r) => r.id)).toEqual([me]);
    const members = await asApp(a.practiceId, () => app.query(`${cols} ORDER BY "email"`));
    expect(members.rows.map((r) => r.id).sort()).toEqual(
      Object.values(a.users)
        .map((u) => u.id)
        .sort(),
    );
    const other = await asApp(a.practiceId, () => app.query(`${cols} WHERE "id" = $1`, [b.users.STAFF.id]), me);
    expect(other.rows).toEqual([]);
    // Ending its own sessions everywhere bumps only its own token version.
    const bumped = await asApp(null, () => app.query(`UPDATE "User" SET "tokenVersion" = "tokenVersion" + 1`), me);
    expect(bumped.rowCount).toBe(1);
  });
});
