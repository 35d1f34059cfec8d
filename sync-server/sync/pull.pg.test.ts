import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { pullPage, TestClient } from "../../test/sync-client.js";
import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";

let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;
beforeAll(async () => {
  t = await testDatabase();
  a = await makePractice(t.db, { items: 5 });
  b = await makePractice(t.db, { items: 5 });
});
afterAll(() => t.drop());

const clientOf = (p: TestPractice, role: "ADMIN" | "STAFF" | "VIEWER" = "STAFF") =>
  new TestClient(t.db, { practiceId: p.practiceId, userId: p.users[role].id, role });

describe("pull", () => {
  it("returns the practice's rows from cursor 0 and nothing new afterwards", async () => {
    const c = clientOf(a);
    const first = await c.pullAll();
    expect([...first.rows.keys()].filter((k) => k.startsWith("item:"))).toHaveLength(5);
    expect(first.rows.get(`location:${a.locationId}`)).toMatchObject({ name: "Main store", archived: false });
    const again = await c.pull(first.cursor);
    expect(again.changes).toEqual([]);
    expect(again.hasMore).toBe(false);
  });

  it("pages through changes without losing or repeating rows of one mutation", async () => {
    const writer = clientOf(a);
    const muts = a.itemIds.map((itemId) =>
      writer.mutation("stock.adjust", { id: randomUUID(), locationId: a.locationId, itemId, quantity: 3, reason: "FOUND" }),
    );
    await writer.push(muts);
    const reader = clientOf(a);
    const paged = await reader.pullAll(0, 2);
    const whole = await reader.pullAll(0);
    expect(paged.pages).toBeGreaterThan(2);
    expect(paged.rows).toEqual(whole.rows);
    expect([...paged.rows.values()].filter((r) => "quantity" in r).every((r) => r.quantity === 3)).toBe(true);
  });

  it("reports the client's lastSeq so it can drop confirmed mutations", async () => {
    const c = clientOf(a);
    await c.push([c.mutation("location.create", { id: randomUUID(), name: "Cupboard", parentId: null })]);
    expect((await c.pull(0)).lastSeq).toBe(1);
  });

  it("returns the refusals after knownSeq, so a lost push answer still reaches the user", async () => {
    const c = clientOf(a);
    const good = c.mutation("location.create", { id: randomUUID(), name: "Fine", parentId: null });
    const bad = c.mutation("stock.adjust", {
      id: randomUUID(),
      locationId: a.locationId,
      itemId: a.itemIds[0]!,
      quantity: -999,
      reason: "USED",
    });
    await c.push([good, bad]); // this answer is "lost"
    const page = await pullPage(t.db, c.session, { clientId: c.clientId, schemaVersion: 1, cursor: 0, knownSeq: 0 });
    expect(page.outcomes).toEqual([{ seq: 2, id: bad.id, status: "rejected", code: "INSUFFICIENT_STOCK", message: expect.any(String) }]);
    expect((await pullPage(t.db, c.session, { clientId: c.clientId, schemaVersion: 1, cursor: 0, knownSeq: 2 })).outcomes).toEqual([]);
  });

  it("never shows another practice's rows", async () => {
    const ofB = await clientOf(b).pullAll();
    const idsOfA = new Set([a.locationId, ...a.itemIds]);
    expect([...ofB.rows.values()].some((r) => idsOfA.has(r.id as string))).toBe(false);
    expect([...ofB.rows.keys()].filter((k) => k.startsWith("item:"))).toHaveLength(5);
  });

  it("delivers tombstones for deleted rows", async () => {
    const c = clientOf(a);
    const { cursor } = await c.pullAll();
    const goneId = randomUUID();
    await t.db.$transaction(async (tx) => {
      const [{ version }] = await tx.$queryRaw<
        [{ version: bigint }]
      >`UPDATE "PracticeVersion" SET "version" = "version" + 1 WHERE "practiceId" = ${a.practiceId}::uuid RETURNING "version"`;
      await tx.tombstone.create({ data: { practiceId: a.practiceId, entity: "location", entityId: goneId, version } });
    });
    const page = await c.pull(cursor);
    expect(page.deletes).toEqual([{ entity: "location", id: goneId }]);
  });

  it("answers reset for a cursor older than retained history or newer than the server", async () => {
    const c = clientOf(b);
    const old = await c.pullAll();
    expect(old.cursor).toBeGreaterThan(0);
    expect((await c.pull(old.cursor + 1000)).reset).toBe(true);
    await c.push([c.mutation("location.create", { id: randomUUID(), name: "Annex", parentId: null })]);
    const now = await c.pullAll(old.cursor);
    // Pretend tombstones up to `now.cursor` were pruned: the old cursor can no longer be served.
    await t.db.practiceVersion.update({ where: { practiceId: b.practiceId }, data: { minRetainedVersion: BigInt(now.cursor) } });
    expect((await c.pull(old.cursor)).reset).toBe(true);
    expect((await c.pull(now.cursor)).reset).toBe(false);
    const fresh = await c.pull(0);
    expect(fresh.reset).toBe(false);
    expect(fresh.changes.length).toBeGreaterThan(0);
  });

  it("lets a first sync page through rows older than retained history, and resets a later pull from there", async () => {
    const c = clientOf(b);
    const whole = await c.pullAll();
    await t.db.practiceVersion.update({ where: { practiceId: b.practiceId }, data: { minRetainedVersion: BigInt(whole.cursor) } });
    const who = { practiceId: b.practiceId, userId: b.users.STAFF.id, role: "STAFF" as const };
    const ask = (cursor: number, initial?: boolean) =>
      pullPage(t.db, who, { clientId: c.clientId, schemaVersion: REPLICA_SCHEMA_VERSION, cursor, limit: 1, initial });
    const first = await ask(0, true);
    expect(first.hasMore).toBe(true);
    expect(first.cursor).toBeLessThan(whole.cursor);
    // Pages of one first sync started from 0: the rows it lacks were deleted before it began.
    expect((await ask(first.cursor, true)).reset).toBe(false);
    // The same cursor outside a first sync may have missed pruned deletes.
    expect((await ask(first.cursor)).reset).toBe(true);
  });

  it("refuses an app too old to sync", async () => {
    const c = clientOf(a);
    await expect(pullPage(t.db, c.session, { clientId: c.clientId, schemaVersion: 0, cursor: 0 })).rejects.toMatchObject({
      code: "SCHEMA_TOO_OLD",
    });
  });
});

describe("pull outcomes beyond one answer's cap", () => {
  it("delivers every one of 1,005 lost refusals: lastSeq never runs past the last outcome sent", async () => {
    const c = clientOf(a);
    await c.pull(0); // binds the client
    const total = 1_005;
    // 1,005 refusals whose push answers were lost, plus applied results between them.
    const rows = Array.from({ length: total + 10 }, (_, i) => i + 1).map((seq) => ({
      clientId: c.clientId,
      seq,
      practiceId: a.practiceId,
      mutationId: randomUUID(),
      name: "stock.adjust",
      status: seq <= total ? ("REJECTED" as const) : ("APPLIED" as const),
      code: seq <= total ? "INSUFFICIENT_STOCK" : null,
      message: seq <= total ? `refusal ${seq}` : null,
    }));
    await t.db.mutationResult.createMany({ data: rows });
    await t.db.syncClient.update({ where: { id: c.clientId }, data: { lastSeq: total + 10 } });

    // As the client does: show the outcomes, then treat everything up to lastSeq as answered.
    const received = new Map<number, string>();
    let knownSeq = 0;
    for (let guard = 0; guard < 10 && knownSeq < total + 10; guard++) {
      const page = await pullPage(t.db, c.session, { clientId: c.clientId, schemaVersion: 1, cursor: 0, knownSeq });
      for (const o of page.outcomes) received.set(o.seq, o.message);
      // Every stored refusal the answer lets the client drop (knownSeq < seq <= lastSeq) is in it.
      const dropped = rows.filter((r) => r.status === "REJECTED" && r.seq > knownSeq && r.seq <= page.lastSeq).map((r) => r.seq);
      expect(page.outcomes.map((o) => o.seq)).toEqual(dropped);
      knownSeq = page.lastSeq;
    }
    expect(knownSeq).toBe(total + 10);
    expect(received.size).toBe(total);
    expect(received.get(total)).toBe(`refusal ${total}`);
  });
});
