/**
 * Transfers and consumption from many tablets at once: stock on hand stays the sum of its movements,
 * never goes negative, and what the practice holds overall changes only by what was used.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { ledgerViolations } from "../../../test/ledger.js";
import { TestClient } from "../../../test/sync-client.js";
import { batchIdFor } from "../../../shared/stock/batch-id.js";

let t: TestDatabase;
let p: TestPractice;
let room: string;
let lot: string;
const staff = () => new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });

beforeAll(async () => {
  t = await testDatabase(20);
  p = await makePractice(t.db, { items: 1 });
  await t.db.item.update({ where: { id: p.itemIds[0]! }, data: { batchTracked: true } });
  const seed = staff();
  room = randomUUID();
  lot = await batchIdFor(p.itemIds[0]!, "CC-1");
  const res = await seed.push([
    seed.mutation("location.create", { id: room, name: "Consulting room", parentId: null }),
    seed.mutation("batch.create", { id: lot, itemId: p.itemIds[0]!, lot: "CC-1", expiry: "2027-01-00" }),
    seed.mutation("stock.adjust", {
      id: randomUUID(),
      locationId: p.locationId,
      itemId: p.itemIds[0]!,
      batchId: lot,
      quantity: 30,
      reason: "OPENING_BALANCE",
    }),
  ]);
  expect(res.results.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
});
afterAll(() => t.drop());

describe("the ledger under concurrent transfers and consumption", () => {
  it("never goes negative, adds up, and loses only what was used", async () => {
    const itemId = p.itemIds[0]!;
    const clients = Array.from({ length: 6 }, staff);
    let used = 0;
    const outcomes = await Promise.all(
      clients.map(async (c, n) => {
        const codes: string[] = [];
        for (let i = 0; i < 10; i++) {
          // Half the tablets move stock from the store to the room; the others use it up in the room
          // or move some back, so removals race additions on both rows.
          const m =
            n % 2 === 0
              ? c.mutation("stock.transfer", {
                  id: randomUUID(),
                  itemId,
                  batchId: lot,
                  fromLocationId: p.locationId,
                  toLocationId: room,
                  quantity: 2,
                })
              : i % 3 === 0
                ? c.mutation("stock.transfer", {
                    id: randomUUID(),
                    itemId,
                    batchId: lot,
                    fromLocationId: room,
                    toLocationId: p.locationId,
                    quantity: 1,
                  })
                : c.mutation("stock.consume", { id: randomUUID(), locationId: room, itemId, batchId: lot, quantity: 1 });
          const r = (await c.push([m])).results[0]!;
          if (r.status === "applied" && m.name === "stock.consume") used++;
          codes.push(r.status === "rejected" ? r.code : r.status);
        }
        return codes;
      }),
    );
    const flat = outcomes.flat();
    expect(flat.every((s) => s === "applied" || s === "INSUFFICIENT_STOCK")).toBe(true);
    expect(flat.filter((s) => s === "applied").length).toBeGreaterThan(0);
    expect(await ledgerViolations(t.db)).toEqual([]);
    const rows = await t.db.inventory.findMany({ where: { practiceId: p.practiceId, itemId } });
    expect(rows.every((r) => r.quantity >= 0)).toBe(true);
    expect(rows.reduce((s, r) => s + r.quantity, 0)).toBe(30 - used);
    // Every applied transfer wrote exactly its two lines.
    const transferLines = await t.db.stockMovement.groupBy({
      by: ["reference"],
      where: { practiceId: p.practiceId, kind: { in: ["TRANSFER_OUT", "TRANSFER_IN"] } },
      _count: true,
    });
    expect(transferLines.every((g) => g._count === 2)).toBe(true);
    expect(transferLines.length).toBe(await t.db.transfer.count({ where: { practiceId: p.practiceId } }));
  });
});
