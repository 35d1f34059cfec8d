import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makePractice } from "../../test/factories.js";
import { practiceFixture } from "../../test/fixtures.js";
import { TestClient } from "../../test/sync-client.js";

const f = practiceFixture();

const staff = () => new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.STAFF.id, role: "STAFF" });
const adjust = (c: TestClient, quantity: number, itemId = f.p.itemIds[0]!) =>
  c.mutation("stock.adjust", { id: randomUUID(), locationId: f.p.locationId, itemId, quantity, reason: "FOUND" });

async function onHand(itemId: string) {
  const row = await f.t.db.inventory.findFirst({ where: { practiceId: f.p.practiceId, locationId: f.p.locationId, itemId } });
  return row?.quantity ?? 0;
}

describe("push", () => {
  it("applies a mutation once and answers a duplicate push with the stored result", async () => {
    const c = staff();
    const m = adjust(c, 5, f.p.itemIds[1]);
    const first = await c.push([m]);
    expect(first.results).toEqual([{ seq: 1, id: m.id, status: "applied" }]);
    expect(first.lastSeq).toBe(1);
    const again = await c.push([m]);
    expect(again.results).toEqual([{ seq: 1, id: m.id, status: "duplicate", original: "applied" }]);
    expect(await onHand(f.p.itemIds[1]!)).toBe(5);
  });

  it("a retry after a lost response applies nothing twice and continues with the new ones", async () => {
    const c = staff();
    const a = adjust(c, 2, f.p.itemIds[2]);
    const b = adjust(c, 3, f.p.itemIds[2]);
    await c.push([a, b]); // response "lost"
    const c2 = adjust(c, 4, f.p.itemIds[2]);
    const retry = await c.push([a, b, c2]);
    expect(retry.results.map((r) => r.status)).toEqual(["duplicate", "duplicate", "applied"]);
    expect(await onHand(f.p.itemIds[2]!)).toBe(9);
  });

  it("stops at a gap and tells the client where to resume", async () => {
    const c = staff();
    const m1 = adjust(c, 1);
    const m2 = adjust(c, 1);
    const m3 = adjust(c, 1);
    const res = await c.push([m1, m3]);
    expect(res.results).toHaveLength(1);
    expect(res.stopped?.reason).toBe("gap");
    expect(res.lastSeq).toBe(1);
    const resumed = await c.push([m2, m3]);
    expect(resumed.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    expect(resumed.lastSeq).toBe(3);
  });

  it("a rejected mutation consumes its seq with a stable code and does not jam the queue", async () => {
    const c = staff();
    const other = await makePractice(f.t.db, { items: 1 });
    const itemId = other.itemIds[0]!; // another practice's item: must look like it does not exist
    const bad = c.mutation("stock.adjust", { id: randomUUID(), locationId: f.p.locationId, itemId, quantity: 1, reason: "FOUND" });
    const negative = c.mutation("stock.adjust", {
      id: randomUUID(),
      locationId: f.p.locationId,
      itemId: f.p.itemIds[0]!,
      quantity: -1_000,
      reason: "USED",
    });
    const invalid = c.mutation("stock.adjust", {
      id: randomUUID(),
      locationId: f.p.locationId,
      itemId: f.p.itemIds[0]!,
      quantity: 0,
      reason: "USED",
    });
    const unknown = c.rawMutation("stock.teleport", {});
    const good = adjust(c, 1);
    const res = await c.push([bad, negative, invalid, unknown, good]);
    expect(res.results.map((r) => (r.status === "rejected" ? r.code : r.status))).toEqual([
      "NOT_FOUND",
      "INSUFFICIENT_STOCK",
      "VALIDATION_FAILED",
      "UNKNOWN_MUTATION",
      "applied",
    ]);
    expect(res.lastSeq).toBe(5);
    const replay = await c.push([negative]);
    expect(replay.results[0]).toMatchObject({ status: "rejected", code: "INSUFFICIENT_STOCK" });
  });

  it("a lone refused mutation (first tried without a savepoint) is stored as refused, changes nothing and does not jam the queue", async () => {
    const c = staff();
    const itemId = f.p.itemIds[2]!;
    const before = await onHand(itemId);
    const negative = c.mutation("stock.adjust", { id: randomUUID(), locationId: f.p.locationId, itemId, quantity: -1_000, reason: "USED" });
    const res = await c.push([negative]);
    expect(res.results).toEqual([expect.objectContaining({ seq: 1, status: "rejected", code: "INSUFFICIENT_STOCK" })]);
    expect(res.stopped).toBeUndefined();
    expect(res.lastSeq).toBe(1);
    expect(await onHand(itemId)).toBe(before);
    expect((await c.push([negative])).results[0]).toMatchObject({ status: "rejected", code: "INSUFFICIENT_STOCK" });
    const good = adjust(c, 2, itemId);
    expect((await c.push([good])).results).toEqual([{ seq: 2, id: good.id, status: "applied" }]);
    expect(await onHand(itemId)).toBe(before + 2);
  });

  it("refuses writes the role does not allow", async () => {
    const viewer = new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.VIEWER.id, role: "VIEWER" });
    const res = await viewer.push([adjust(viewer, 1)]);
    expect(res.results[0]).toMatchObject({ status: "rejected", code: "FORBIDDEN" });
  });

  it("refuses a clientId bound to another user", async () => {
    const c = staff();
    await c.push([adjust(c, 1)]);
    const thief = new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.ADMIN.id, role: "ADMIN" });
    Object.assign(thief, { clientId: c.clientId });
    await expect(thief.push([adjust(thief, 1)])).rejects.toMatchObject({ code: "CLIENT_MISMATCH" });
  });
});
