/**
 * Every database enum is tied to the shared list the client and server validate with, or is named here
 * as server-internal. Adding a label on one side only (a new role, reason or status) fails this test
 * instead of failing at run time with "invalid input value for enum".
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../shared/auth/roles.js";
import { COUNT_CONFLICT_KINDS, COUNT_RESOLUTIONS, COUNT_SESSION_STATUSES } from "../shared/counts/rules.js";
import { MOVEMENT_KINDS } from "../shared/stock/movements.js";
import { ORDER_STATUSES } from "../shared/orders/rules.js";
import { RECEIPT_STATUSES } from "../shared/receiving/rules.js";
import { ADJUSTMENT_REASONS } from "../shared/stock/rules.js";
import { testDatabase, type TestDatabase } from "../test/db.js";

const SHARED: Record<string, readonly string[]> = {
  Role: ROLES,
  AdjustmentReason: ADJUSTMENT_REASONS,
  MovementKind: MOVEMENT_KINDS,
  OrderStatus: ORDER_STATUSES,
  ReceiptStatus: RECEIPT_STATUSES,
  CountSessionStatus: COUNT_SESSION_STATUSES,
  CountConflictKind: COUNT_CONFLICT_KINDS,
  CountResolution: COUNT_RESOLUTIONS,
};

/** Enums only the server reads and writes; no client ever sends or shows their labels. */
const SERVER_ONLY = ["TokenPurpose", "EmailStatus", "MutationStatus"];

let t: TestDatabase;
let enums: Map<string, string[]>;

beforeAll(async () => {
  t = await testDatabase(1);
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string; labels: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = 'public'::regnamespace GROUP BY 1`);
    enums = new Map(rows.map((r) => [r.name, r.labels]));
  } finally {
    await c.end();
  }
});
afterAll(async () => {
  await t?.drop();
});

describe("shared enums match the database", () => {
  for (const [name, shared] of Object.entries(SHARED)) {
    it(`${name} has exactly the shared labels, in order`, () => {
      expect(enums.get(name)).toEqual([...shared]);
    });
  }

  it("every database enum is either shared or named as server-only", () => {
    const classified = new Set([...Object.keys(SHARED), ...SERVER_ONLY]);
    expect([...enums.keys()].filter((n) => !classified.has(n)).sort()).toEqual([]);
    expect(SERVER_ONLY.filter((n) => !enums.has(n))).toEqual([]);
  });
});
