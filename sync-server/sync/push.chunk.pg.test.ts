/**
 * Push in chunks: what is the same for every mutation of a chunk is done once per chunk (client lock,
 * practice version, stored results, lastSeq), while each mutation keeps its own savepoint.
 */
import { countStatements } from "../../test/statement-counter.js";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { ledgerViolations } from "../../test/ledger.js";
import { TestClient } from "../../test/sync-client.js";

const f = practiceFixture({ items: 12 });

const statements = countStatements();

const chunked = (chunk = 25) =>
  new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.STAFF.id, role: "STAFF" }, "per-batch", chunk);
const adjust = (c: TestClient, itemId: string, quantity: number) =>
  c.mutation("stock.adjust", { id: randomUUID(), locationId: f.p.locationId, itemId, quantity, reason: quantity > 0 ? "FOUND" : "USED" });

async function inventory(itemId: string) {
  return f.t.db.inventory.findFirst({ where: { practiceId: f.p.practiceId, locationId: f.p.locationId, itemId } });
}

describe("push in chunks", () => {
  it("a rejection inside a chunk undoes only its own writes; every result, the rejection's too, is stored", async () => {
    const [a, b] = [f.p.itemIds[0]!, f.p.itemIds[1]!];
    const c = chunked();
    // b has no stock row yet: the removal creates none, and the applied changes around it stay.
    const batch = [adjust(c, a, 5), adjust(c, b, -3), adjust(c, a, 2), adjust(c, b, 4), adjust(c, b, -10)];
    const res = await c.push(batch);
    expect(res.results.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual([
      "applied",
      "INSUFFICIENT_STOCK",
      "applied",
      "applied",
      "INSUFFICIENT_STOCK",
    ]);
    expect(res.lastSeq).toBe(5);
    expect((await inventory(a))?.quantity).toBe(7);
    expect((await inventory(b))?.quantity).toBe(4);
    const stored = await f.t.db.mutationResult.findMany({ where: { clientId: c.clientId }, orderBy: { seq: "asc" } });
    expect(stored.map((r) => r.status)).toEqual(["APPLIED", "REJECTED", "APPLIED", "APPLIED", "REJECTED"]);
    expect(stored[4]?.message).toBe("Only 4 in stock here; cannot remove 10.");
    const replay = await c.push(batch);
    expect(replay.results.map((r) => r.status)).toEqual(["duplicate", "rejected", "duplicate", "duplicate", "rejected"]);
    expect(await ledgerViolations(f.t.db)).toEqual([]);
  });

  it("all rows of a chunk carry one practice version, and a pull page never splits them", async () => {
    const before = await f.t.db.practiceVersion.findUniqueOrThrow({ where: { practiceId: f.p.practiceId } });
    const c = chunked(25);
    const items = f.p.itemIds.slice(2, 8);
    const res = await c.push(items.map((id) => adjust(c, id, 1)));
    expect(res.results.every((r) => r.status === "applied")).toBe(true);
    const after = await f.t.db.practiceVersion.findUniqueOrThrow({ where: { practiceId: f.p.practiceId } });
    expect(after.version - before.version).toBe(1n);
    const rows = await f.t.db.inventory.findMany({
      where: { practiceId: f.p.practiceId, itemId: { in: items } },
      select: { version: true },
    });
    expect(new Set(rows.map((r) => r.version))).toEqual(new Set([after.version]));
    // A page asked for 2 rows still takes the whole version: the chunk's 6 stock rows arrive together.
    const page = await c.pull(Number(before.version), 2);
    expect(page.changes.filter((ch) => ch.entity === "inventory")).toHaveLength(6);
    expect(page.cursor).toBe(Number(after.version));
  });

  it("the fixed costs are paid once per chunk: statements grow by at most 7 per stock.adjust", async () => {
    const c = chunked(50);
    await c.push([adjust(c, f.p.itemIds[8]!, 1)]); // registers the client
    const run = async (n: number) => {
      const batch = Array.from({ length: n }, (_, i) => adjust(c, f.p.itemIds[8 + (i % 4)]!, 1));
      const s0 = statements.count;
      const res = await c.push(batch);
      expect(res.results.every((r) => r.status === "applied")).toBe(true);
      return statements.count - s0;
    };
    const one = await run(1);
    const forty = await run(41);
    // Per mutation: its savepoint, the mutator's reads and writes (location, item, ledger, adjustment,
    // audit). Before chunking, each also locked the client, took a version, stored its result and
    // advanced lastSeq on its own (14 statements each).
    expect((forty - one) / 40).toBeLessThanOrEqual(7);
  });
});
