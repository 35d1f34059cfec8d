/**
 * 20261201120000_hardened_schema on a database that already has rows (a template database is empty, so
 * the other tests never run its data conversions): timestamps written as UTC keep their instant whatever
 * the session's time zone, existing orders get numbers and their practice's counter follows, and count
 * scopes move from the uuid[] into CountSessionItem (an id of another practice's item is dropped).
 */
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations, migrate, MIGRATIONS_DIR } from "../sync-server/db/migrate.js";
import { adminUrl, databaseUrl } from "../test/pg-urls.js";

const TARGET = "20261201120000_hardened_schema";
const [A, B] = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];
const [ITEM_A, ITEM_B, SUPPLIER, SESSION] = [
  "a1111111-1111-4111-8111-111111111111",
  "b2222222-2222-4222-8222-222222222222",
  "c3333333-3333-4333-8333-333333333333",
  "d4444444-4444-4444-8444-444444444444",
];

const name = `venzory_upg_${randomBytes(5).toString("hex")}`;
/** Sessions in New York: a conversion that used the session's zone instead of UTC would shift by hours. */
const url = `${databaseUrl(name)}?options=${encodeURIComponent("-c TimeZone=America/New_York")}`;
let before: string;
let c: pg.Client;

async function admin(sql: string) {
  const a = new pg.Client({ connectionString: adminUrl() });
  await a.connect();
  try {
    await a.query(sql);
  } finally {
    await a.end();
  }
}

beforeAll(async () => {
  // The migrations before TARGET, as their own folder.
  before = await mkdtemp(path.join(tmpdir(), "venzory-upg-"));
  for (const m of await listMigrations())
    if (m.name < TARGET) await cp(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true });
  await admin(`CREATE DATABASE "${name}"`);
  await migrate(url, before);
  c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`
    INSERT INTO "Practice" ("id", "name", "updatedAt") VALUES ('${A}', 'A', '2026-01-01 12:00:00'), ('${B}', 'B', '2026-01-01 12:00:00');
    INSERT INTO "PracticeVersion" ("practiceId") VALUES ('${A}'), ('${B}');
    INSERT INTO "Item" ("id", "practiceId", "name", "updatedAt") VALUES ('${ITEM_A}', '${A}', 'Gloves', now()), ('${ITEM_B}', '${B}', 'Swabs', now());
    INSERT INTO "PracticeSupplier" ("id", "practiceId", "name", "updatedAt") VALUES ('${SUPPLIER}', '${A}', 'Supplier', now());
    INSERT INTO "Order" ("id", "practiceId", "practiceSupplierId", "reference", "createdAt", "updatedAt") VALUES
      (gen_random_uuid(), '${A}', '${SUPPLIER}', 'second', '2026-01-02 09:00:00', now()),
      (gen_random_uuid(), '${A}', '${SUPPLIER}', 'first', '2026-01-01 09:00:00', now());
    INSERT INTO "CountSession" ("id", "practiceId", "itemIds", "updatedAt") VALUES ('${SESSION}', '${A}', ARRAY['${ITEM_A}', '${ITEM_B}']::uuid[], now());`);
  await migrate(url);
}, 60_000);

afterAll(async () => {
  await c?.end();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  if (before) await rm(before, { recursive: true, force: true });
});

describe(`${TARGET} on existing rows`, () => {
  it("reads the old timestamps as UTC", async () => {
    const { rows } = await c.query(
      `SELECT to_char("updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS utc FROM "Practice" WHERE "id" = $1`,
      [A],
    );
    expect(rows[0].utc).toBe("2026-01-01 12:00:00");
  });

  it("numbers existing orders per practice in creation order and moves the counter past them", async () => {
    const { rows } = await c.query(
      `SELECT "number", "currency", to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM "Order" ORDER BY "number"`,
    );
    expect(rows).toEqual([
      { number: 1, currency: "GBP", day: "2026-01-01" },
      { number: 2, currency: "GBP", day: "2026-01-02" },
    ]);
    const counters = await c.query(`SELECT "practiceId", "lastOrderNumber" FROM "PracticeVersion" ORDER BY "practiceId"`);
    expect(counters.rows).toEqual([
      { practiceId: A, lastOrderNumber: 2 },
      { practiceId: B, lastOrderNumber: 0 },
    ]);
  });

  it("moves count scopes into CountSessionItem, keeping only the session's own practice's items", async () => {
    const { rows } = await c.query(`SELECT "practiceId", "sessionId", "itemId" FROM "CountSessionItem"`);
    expect(rows).toEqual([{ practiceId: A, sessionId: SESSION, itemId: ITEM_A }]);
  });
});
