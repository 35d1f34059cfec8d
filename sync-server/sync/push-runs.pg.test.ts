/**
 * Runs of one mutation applied set-based (push-apply.ts, BatchMutator): the same results, rows, ledger
 * and audit as one by one, a refusal inside a run touching only its own mutation, and a run costing a
 * fixed handful of statements instead of a few per mutation.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { ledgerViolations } from "../../test/ledger.js";
import { countStatements } from "../../test/statement-counter.js";
import { TestClient } from "../../test/sync-client.js";

const f = practiceFixture({ items: 40 });
const statements = countStatements();

const client = (batches: boolean) =>
  new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.STAFF.id, role: "STAFF" }, "per-batch", 50, batches);
const adjust = (c: TestClient, itemId: string, quantity: number) =>
  c.mutation("stock.adjust", { id: randomUUID(), locationId: f.p.locationId, itemId, quantity, reason: quantity > 0 ? "FOUND" : "USED" });

/** What a run left behind for `items`: quantities, movements and audit entries, named by item position. */
async function footprint(items: string[]) {
  const where = { practiceId: f.p.practiceId, itemId: { in: items } };
  const name = (id: string) => `item${items.indexOf(id)}`;
  const rows = await f.t.db.inventory.findMany({ where, select: { itemId: true, quantity: true } });
  const moves = await f.t.db.stockMovement.findMany({ where, select: { itemId: true, delta: true, kind: true, version: true } });
  const inventoryIds = (await f.t.db.inventory.findMany({ where, select: { id: true, itemId: true } })).map(
    (r) => [r.id, r.itemId] as const,
  );
  const audits = await f.t.db.auditLog.findMany({
    where: { practiceId: f.p.practiceId, entityId: { in: inventoryIds.map(([id]) => id) } },
    select: { entityId: true, action: true, changes: true },
  });
  const itemOf = new Map(inventoryIds);
  return {
    quantities: rows.map((r) => `${name(r.itemId)}=${r.quantity}`).sort(),
    movements: moves.map((m) => `${name(m.itemId)} ${m.kind} ${m.delta}`).sort(),
    audits: audits
      .map((a) => {
        const { adjustmentId: _id, ...changes } = a.changes as Record<string, unknown>;
        return `${name(itemOf.get(a.entityId!)!)} ${a.action} ${JSON.stringify(changes)}`;
      })
      .sort(),
  };
}

describe("runs of stock.adjust applied set-based", () => {
  it("end exactly as one by one, refusals included, and each refusal touches only its own adjustment", async () => {
    const play = async (batches: boolean, items: string[]) => {
      const c = client(batches);
      const [a, b, d] = items as [string, string, string];
      // b goes below zero twice (the second only because of the first refusal's running balance) and d's
      // removal is covered only by a later receipt in the same run: both refused, as one by one.
      const res = await c.push([
        adjust(c, a, 5),
        adjust(c, b, 3),
        adjust(c, b, -2),
        adjust(c, b, -2),
        adjust(c, d, -1),
        adjust(c, d, 4),
        adjust(c, a, -5),
        adjust(c, b, 1),
      ]);
      return {
        results: res.results.map((r) => (r.status === "rejected" ? `${r.code}: ${r.message}` : r.status)),
        ...(await footprint(items)),
      };
    };
    const batched = await play(true, f.p.itemIds.slice(0, 3));
    const single = await play(false, f.p.itemIds.slice(3, 6));
    expect(batched).toEqual(single);
    expect(batched.results).toEqual([
      "applied",
      "applied",
      "applied",
      "INSUFFICIENT_STOCK: Only 1 in stock here; cannot remove 2.",
      "INSUFFICIENT_STOCK: Only 0 in stock here; cannot remove 1.",
      "applied",
      "applied",
      "applied",
    ]);
    expect(batched.quantities).toEqual(["item0=0", "item1=2", "item2=4"]);
    expect(await ledgerViolations(f.t.db)).toEqual([]);
  });

  it("a run without refusals writes the same as one by one", async () => {
    const play = async (batches: boolean, items: string[]) => {
      const c = client(batches);
      const res = await c.push(Array.from({ length: 30 }, (_, i) => adjust(c, items[i % 3]!, i % 4 === 3 ? -1 : 2)));
      return { results: res.results.map((r) => r.status), ...(await footprint(items)) };
    };
    const batched = await play(true, f.p.itemIds.slice(6, 9));
    const single = await play(false, f.p.itemIds.slice(9, 12));
    expect(batched).toEqual(single);
    expect(batched.results.every((r) => r === "applied")).toBe(true);
    expect(await ledgerViolations(f.t.db)).toEqual([]);
  });

  it("costs a fixed handful of statements per run, not a few per adjustment", async () => {
    const c = client(true);
    await c.push([adjust(c, f.p.itemIds[12]!, 1)]); // registers the client
    const run = async (n: number) => {
      const s0 = statements.count;
      const res = await c.push(Array.from({ length: n }, (_, i) => adjust(c, f.p.itemIds[12 + (i % 8)]!, 1)));
      expect(res.results.every((r) => r.status === "applied")).toBe(true);
      return statements.count - s0;
    };
    const two = await run(2);
    const forty = await run(40);
    // One by one, each adjustment cost its savepoint, its checks, the ledger statement and its row (the
    // chunk test allows 7). A run costs the same few statements however long it is.
    expect(forty - two).toBeLessThanOrEqual(2);
  });
});

describe("runs of count lines applied set-based", () => {
  /** A session over the practice's location, stock on `items`, and lines from two tablets: plain, double count, moved, recount. */
  const play = async (batches: boolean, items: string[]) => {
    const admin = client(batches);
    const [a, b] = [client(batches), client(batches)];
    const sessionId = randomUUID();
    await admin.push([
      admin.mutation("count.start", { id: sessionId, locationId: f.p.locationId, recountThreshold: { kind: "units", value: 50 } }),
    ]);
    await admin.push(items.map((id) => adjust(admin, id, 10)));
    const seen = async (itemId: string) => {
      const row = await f.t.db.inventory.findFirstOrThrow({ where: { practiceId: f.p.practiceId, locationId: f.p.locationId, itemId } });
      return { seenVersion: Number(row.version), seenQuantity: row.quantity };
    };
    const views = await Promise.all(items.map(seen));
    const line = (c: TestClient, i: number, counted: number) =>
      c.mutation("count.recordLine", {
        id: randomUUID(),
        sessionId,
        itemId: items[i]!,
        locationId: f.p.locationId,
        countedQuantity: counted,
        ...views[i]!,
      });
    await b.push([line(b, 1, 7), line(b, 2, 9)]);
    // Item 2 moves after both tablets saw it; a counts item 4 twice (its recount supersedes: that run goes one by one).
    await admin.push([adjust(admin, items[2]!, -1)]);
    const res = await a.push([line(a, 0, 10), line(a, 1, 8), line(a, 2, 9), line(a, 3, 100), line(a, 4, 4), line(a, 5, 10), line(a, 4, 5)]);
    const lines = await f.t.db.countLine.findMany({
      where: { sessionId },
      select: { itemId: true, countedQuantity: true, needsRecount: true, movementSinceSeen: true, supersededById: true },
    });
    const conflicts = await f.t.db.countConflict.findMany({ where: { sessionId }, select: { itemId: true, kind: true, resolution: true } });
    const name = (id: string) => `item${items.indexOf(id)}`;
    return {
      results: res.results.map((r) => (r.status === "conflict" ? `conflict:${r.code}` : r.status)),
      lines: lines
        .map(
          (l) =>
            `${name(l.itemId)} ${l.countedQuantity} recount=${l.needsRecount} moved=${l.movementSinceSeen} superseded=${l.supersededById !== null}`,
        )
        .sort(),
      conflicts: conflicts.map((c) => `${name(c.itemId)} ${c.kind} ${c.resolution}`).sort(),
    };
  };

  it("judge every line as one by one: double counts, stock moved, recount prompts", async () => {
    const batched = await play(true, f.p.itemIds.slice(20, 26));
    const single = await play(false, f.p.itemIds.slice(26, 32));
    expect(batched).toEqual(single);
    expect(batched.results).toEqual([
      "applied",
      "conflict:DOUBLE_COUNT",
      "conflict:STOCK_MOVED",
      "conflict:NEEDS_RECOUNT",
      "applied",
      "applied",
      "applied",
    ]);
  });

  it("costs the same two statements for 2 or 20 lines", async () => {
    const c = client(true);
    const sessionId = randomUUID();
    await c.push([c.mutation("count.start", { id: sessionId, locationId: f.p.locationId })]);
    const lines = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) =>
        c.mutation("count.recordLine", {
          id: randomUUID(),
          sessionId,
          itemId: f.p.itemIds[from + i]!,
          locationId: f.p.locationId,
          countedQuantity: 1,
          seenVersion: null,
          seenQuantity: null,
        }),
      );
    const cost = async (batch: ReturnType<typeof lines>) => {
      const s0 = statements.count;
      const res = await c.push(batch);
      expect(res.results.filter((r) => r.status === "rejected")).toEqual([]);
      return statements.count - s0;
    };
    const two = await cost(lines(2, 0));
    const twenty = await cost(lines(20, 2));
    expect(twenty - two).toBeLessThanOrEqual(1);
  });
});
