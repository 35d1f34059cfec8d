/**
 * Concurrency: clients of one practice pushing at once while another pulls. The per-practice version
 * lock must make every committed row visible to a cursor-based pull, and stock must never go negative.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { ledgerViolations } from "../../test/ledger.js";
import { pullPage, TestClient, testGroups } from "../../test/sync-client.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import type { PushGroups } from "./push.js";

let t: TestDatabase;
let p: TestPractice;
beforeAll(async () => {
  t = await testDatabase(20);
  p = await makePractice(t.db, { items: 4 });
  // items 0–2 take part in the pull test; item 3 is left untouched for the stock test.
});
afterAll(() => t.drop());

/** Each push in its own transaction (per-mutation), or as the server's default runs them: group commit. */
let groups: PushGroups | undefined;
const staff = () =>
  new TestClient(
    t.db,
    { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" },
    groups ? "per-batch" : "per-mutation",
    DEFAULT_PUSH_CHUNK,
    true,
    groups,
  );

/** The server's current replicated state, read straight from the tables. */
async function serverState() {
  const rows = new Map<string, Record<string, unknown>>();
  const { rows: fromPull } = await staff().pullAll(0);
  for (const [k, v] of fromPull) rows.set(k, v);
  return rows;
}

describe.each(["each push on its own", "group commit"])("concurrent pushes and pulls (%s)", (mode) => {
  beforeAll(() => {
    groups = mode === "group commit" ? testGroups(t.db) : undefined;
  });

  it("a pull running during concurrent pushes never misses a committed row", async () => {
    const writers = [staff(), staff()];
    const reader = staff();
    const replica = new Map<string, Record<string, unknown>>();
    let cursor = 0;
    let writing = true;

    const write = async (c: TestClient, n: number) => {
      for (let i = 0; i < n; i++) {
        const itemId = p.itemIds[i % 3]!;
        const batch = [
          c.mutation("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId, quantity: 2, reason: "FOUND" }),
          c.mutation("location.create", { id: randomUUID(), name: `Bin ${i} ${randomUUID().slice(0, 8)}`, parentId: null }),
        ];
        const res = await c.push(batch);
        expect(res.results.every((r) => r.status === "applied")).toBe(true);
      }
    };
    const read = async () => {
      let pulls = 0;
      while (writing || pulls === 0) {
        const page = await pullPage(t.db, reader.session, { clientId: reader.clientId, schemaVersion: 1, cursor, limit: 7 });
        for (const c of page.changes) replica.set(`${c.entity}:${c.row.id as string}`, c.row);
        cursor = page.cursor;
        pulls++;
      }
      return pulls;
    };

    const reading = read();
    await Promise.all(writers.map((w) => write(w, 15)));
    writing = false;
    const pulls = await reading;
    // Catch up from the cursor the concurrent pulls reached: a row skipped earlier would stay missing.
    for (;;) {
      const page = await pullPage(t.db, reader.session, { clientId: reader.clientId, schemaVersion: 1, cursor });
      for (const c of page.changes) replica.set(`${c.entity}:${c.row.id as string}`, c.row);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pulls).toBeGreaterThan(1);
    expect(replica).toEqual(await serverState());
  });

  it("concurrent removals never drive stock negative and the ledger always adds up", async () => {
    const itemId = p.itemIds[3]!;
    const seed = staff();
    await seed.push([seed.mutation("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId, quantity: 30, reason: "FOUND" })]);
    const clients = Array.from({ length: 6 }, staff);
    // 6 clients × 8 removals of 1 = 48 attempts for 30 units: exactly 30 may succeed.
    const outcomes = await Promise.all(
      clients.map(async (c) => {
        const statuses: string[] = [];
        for (let i = 0; i < 8; i++) {
          const res = await c.push([
            c.mutation("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId, quantity: -1, reason: "USED" }),
          ]);
          statuses.push(res.results[0]!.status === "rejected" ? (res.results[0] as { code: string }).code : res.results[0]!.status);
        }
        return statuses;
      }),
    );
    const flat = outcomes.flat();
    expect(flat.filter((s) => s === "applied")).toHaveLength(30);
    expect(flat.filter((s) => s === "INSUFFICIENT_STOCK")).toHaveLength(18);
    const row = await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, locationId: p.locationId, itemId } });
    expect(row?.quantity).toBe(0);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("the database itself refuses negative stock and zero movements", async () => {
    const row = await t.db.inventory.findFirstOrThrow({ where: { practiceId: p.practiceId } });
    await expect(t.db.inventory.update({ where: { id: row.id }, data: { quantity: -1 } })).rejects.toThrow();
    await expect(
      t.db.stockMovement.create({
        data: {
          practiceId: p.practiceId,
          inventoryId: row.id,
          locationId: row.locationId,
          itemId: row.itemId,
          kind: "ADJUSTMENT",
          delta: 0,
        },
      }),
    ).rejects.toThrow();
  });
});
