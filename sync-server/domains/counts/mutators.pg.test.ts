import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { ledgerViolations } from "../../../test/ledger.js";
import { TestClient } from "../../../test/sync-client.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import type { MutationOutcome } from "../../../shared/protocol/push.js";
import { countDevices, uncountedKeys } from "./reads.js";

let t: TestDatabase;
let p: TestPractice;
let admin: TestClient;
let tabletA: TestClient;
let tabletB: TestClient;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 6 });
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  tabletA = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
  tabletB = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
});
afterAll(() => t.drop());

async function run<N extends MutationName>(c: TestClient, name: N, args: MutationInput<N>): Promise<MutationOutcome> {
  const res = await c.push([c.mutation(name, args)]);
  return res.results[0]!;
}
const code = (o: MutationOutcome) => (o.status === "rejected" || o.status === "conflict" ? `${o.status}:${o.code}` : o.status);

/** Puts `quantity` on hand for the key (through the ledger) and answers the row's version, as a tablet would have seen it. */
async function stock(itemId: string, quantity: number, locationId = p.locationId) {
  const current = await onHand(itemId, locationId);
  if (quantity !== current)
    expect(
      await run(admin, "stock.adjust", { id: randomUUID(), locationId, itemId, quantity: quantity - current, reason: "FOUND" }),
    ).toMatchObject({ status: "applied" });
  return seen(itemId, locationId);
}
async function seen(itemId: string, locationId = p.locationId) {
  const row = await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, locationId, itemId, batchId: null } });
  return { seenVersion: row ? Number(row.version) : null, seenQuantity: row?.quantity ?? null };
}
const onHand = async (itemId: string, locationId = p.locationId) =>
  (await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, locationId, itemId, batchId: null } }))?.quantity ?? 0;

async function startSession(opts: Partial<MutationInput<"count.start">> = {}) {
  const id = randomUUID();
  expect(await run(tabletA, "count.start", { id, locationId: p.locationId, ...opts })).toMatchObject({ status: "applied" });
  return id;
}
function line(
  sessionId: string,
  itemId: string,
  countedQuantity: number,
  view: { seenVersion: number | null; seenQuantity: number | null },
) {
  return { id: randomUUID(), sessionId, itemId, locationId: p.locationId, countedQuantity, ...view };
}

describe("lines on push", () => {
  it("a count against unmoved stock is applied with its variance, and completing books final − on hand as one COUNT movement", async () => {
    const item = p.itemIds[0]!;
    const view = await stock(item, 10);
    const session = await startSession();
    const l = line(session, item, 7, view);
    expect(await run(tabletA, "count.recordLine", l)).toMatchObject({ status: "applied" });
    expect(await t.db.countLine.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({
      onHandAtPush: 10,
      movementSinceSeen: 0,
      needsRecount: false,
      clientId: tabletA.clientId,
    });
    expect(await run(tabletA, "count.complete", { sessionId: session })).toMatchObject({ status: "applied" });
    expect(await onHand(item)).toBe(7);
    const moves = await t.db.stockMovement.findMany({ where: { practiceId: p.practiceId, kind: "COUNT", reference: session } });
    expect(moves.map((m) => m.delta)).toEqual([-3]);
    expect(
      await t.db.auditLog.count({
        where: { practiceId: p.practiceId, entityId: session, action: { in: ["count.key", "count.complete"] } },
      }),
    ).toBe(2);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a closed session rejects a line with SESSION_CLOSED saying who completed it and when; a cancelled one too", async () => {
    const item = p.itemIds[1]!;
    const view = await stock(item, 4);
    const done = await startSession();
    expect(await run(admin, "count.complete", { sessionId: done })).toMatchObject({ status: "applied" });
    const late = await run(tabletB, "count.recordLine", line(done, item, 3, view));
    expect(late).toMatchObject({ status: "rejected", code: "SESSION_CLOSED" });
    expect(late.status === "rejected" && late.message).toMatch(/already completed by ADMIN .* at \d{4}-\d\d-\d\dT/);
    const cancelled = await startSession();
    expect(await run(tabletA, "count.cancel", { sessionId: cancelled })).toMatchObject({ status: "applied" });
    expect(code(await run(tabletB, "count.recordLine", line(cancelled, item, 3, view)))).toBe("rejected:SESSION_CLOSED");
    expect(code(await run(tabletB, "count.join", { sessionId: cancelled }))).toBe("rejected:SESSION_CLOSED");
    expect(await t.db.countLine.count({ where: { sessionId: { in: [done, cancelled] } } })).toBe(0);
    expect(await onHand(item)).toBe(4);
  });

  it("the same device recounting a key supersedes its own older line", async () => {
    const item = p.itemIds[2]!;
    const view = await stock(item, 5);
    const session = await startSession();
    const first = line(session, item, 4, view);
    const second = line(session, item, 5, view);
    expect(code(await run(tabletA, "count.recordLine", first))).toBe("applied");
    expect(code(await run(tabletA, "count.recordLine", second))).toBe("applied");
    expect((await t.db.countLine.findUniqueOrThrow({ where: { id: first.id } })).supersededById).toBe(second.id);
    expect((await t.db.countLine.findUniqueOrThrow({ where: { id: second.id } })).supersededById).toBeNull();
    expect(await t.db.countConflict.count({ where: { sessionId: session } })).toBe(0);
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("applied");
    expect(await onHand(item)).toBe(5);
  });

  it("another device's different count opens a double count; an equal count agrees; the admin picks a line", async () => {
    const agreeItem = p.itemIds[3]!;
    const splitItem = p.itemIds[4]!;
    const [va, vs] = [await stock(agreeItem, 6), await stock(splitItem, 6)];
    const session = await startSession();
    expect(code(await run(tabletA, "count.recordLine", line(session, agreeItem, 6, va)))).toBe("applied");
    expect(code(await run(tabletB, "count.recordLine", line(session, agreeItem, 6, va)))).toBe("applied");
    const mine = line(session, splitItem, 8, vs);
    expect(code(await run(tabletA, "count.recordLine", mine))).toBe("applied");
    expect(code(await run(tabletB, "count.recordLine", line(session, splitItem, 9, vs)))).toBe("conflict:DOUBLE_COUNT");
    const conflicts = await t.db.countConflict.findMany({ where: { sessionId: session } });
    expect(conflicts.map((c) => [c.itemId, c.kind, c.resolution])).toEqual([[splitItem, "DOUBLE_COUNT", null]]);
    expect((conflicts[0]!.details as { counts: { countedQuantity: number }[] }).counts.map((c) => c.countedQuantity).sort()).toEqual([
      8, 9,
    ]);

    // Staff may not complete with a conflict open, nor resolve it.
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("rejected:CONFLICT");
    expect(code(await run(tabletA, "count.complete", { sessionId: session, resolveAll: "USE_COUNTED" }))).toBe("rejected:FORBIDDEN");
    // The admin chooses tablet A's 8 over the newer 9.
    const completed = await run(admin, "count.complete", {
      sessionId: session,
      resolutions: [{ conflictId: conflicts[0]!.id, choice: "USE_COUNTED", lineId: mine.id }],
    });
    expect(completed).toMatchObject({ status: "applied" });
    expect([await onHand(agreeItem), await onHand(splitItem)]).toEqual([6, 8]);
    const resolved = await t.db.countConflict.findUniqueOrThrow({ where: { id: conflicts[0]!.id } });
    expect(resolved).toMatchObject({ resolution: "USE_COUNTED", resolvedById: p.users.ADMIN.id });
    expect(await t.db.auditLog.findFirst({ where: { action: "count.resolveConflict", entityId: conflicts[0]!.id } })).toMatchObject({
      actorId: p.users.ADMIN.id,
    });
  });

  it("a recount that agrees with the other device settles the double count", async () => {
    const item = p.itemIds[5]!;
    const view = await stock(item, 3);
    const session = await startSession();
    expect(code(await run(tabletA, "count.recordLine", line(session, item, 2, view)))).toBe("applied");
    expect(code(await run(tabletB, "count.recordLine", line(session, item, 3, view)))).toBe("conflict:DOUBLE_COUNT");
    expect(code(await run(tabletA, "count.recordLine", line(session, item, 3, view)))).toBe("applied");
    expect(await t.db.countConflict.findFirstOrThrow({ where: { sessionId: session } })).toMatchObject({
      resolution: "USE_COUNTED",
      resolvedById: null,
      details: expect.objectContaining({ agreed: true }),
    });
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("applied");
    expect(await onHand(item)).toBe(3);
  });
});

describe("stock moved since the device's view", () => {
  it.each([
    ["USE_COUNTED_PLUS_MOVEMENTS", 12 + 5 - 2] as const, // counted before the receipt and the use: Q + net
    ["USE_COUNTED", 12] as const, // counted after them: Q
  ])("records the net movement as STOCK_MOVED; %s ends at %i", async (choice, expected) => {
    const item = p.itemIds[0]!;
    const view = await stock(item, 10);
    const session = await startSession();
    await run(admin, "stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: item, quantity: 5, reason: "FOUND" });
    await run(admin, "stock.consume", { id: randomUUID(), locationId: p.locationId, itemId: item, quantity: 2 });
    const l = line(session, item, 12, view);
    expect(code(await run(tabletA, "count.recordLine", l))).toBe("conflict:STOCK_MOVED");
    expect(await t.db.countLine.findUniqueOrThrow({ where: { id: l.id } })).toMatchObject({ movementSinceSeen: 3, onHandAtPush: 13 });
    const conflict = await t.db.countConflict.findFirstOrThrow({ where: { sessionId: session } });
    expect(conflict).toMatchObject({ kind: "STOCK_MOVED", resolution: null });
    expect(code(await run(admin, "count.resolveConflict", { conflictId: conflict.id, choice }))).toBe("applied");
    // With the choice recorded, staff may complete.
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("applied");
    expect(await onHand(item)).toBe(expected);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("movements after the line reached the server stay on top of the count", async () => {
    const item = p.itemIds[1]!;
    const view = await stock(item, 4);
    const session = await startSession();
    expect(code(await run(tabletA, "count.recordLine", line(session, item, 6, view)))).toBe("applied");
    await run(admin, "stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: item, quantity: 10, reason: "FOUND" });
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("applied");
    expect(await onHand(item)).toBe(16);
  });
});

describe("recount threshold, uncounted keys, two completers, blind sessions, devices", () => {
  it("a variance over the threshold asks for a recount; the recount supersedes and is final", async () => {
    const item = p.itemIds[2]!;
    const view = await stock(item, 20);
    const session = await startSession({ recountThreshold: { kind: "percent", value: 10 } });
    const first = line(session, item, 10, view);
    expect(code(await run(tabletA, "count.recordLine", first))).toBe("conflict:NEEDS_RECOUNT");
    expect((await t.db.countLine.findUniqueOrThrow({ where: { id: first.id } })).needsRecount).toBe(true);
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("rejected:CONFLICT");
    expect(code(await run(tabletA, "count.recordLine", line(session, item, 11, view)))).toBe("applied");
    expect(code(await run(tabletA, "count.recordLine", line(session, item, 19, view)))).toBe("applied");
    expect(code(await run(tabletA, "count.complete", { sessionId: session }))).toBe("applied");
    expect(await onHand(item)).toBe(19);
  });

  it("keys nobody counted are listed and left unchanged, or zeroed when the completer chooses", async () => {
    const shelf = randomUUID();
    expect(code(await run(admin, "location.create", { id: shelf, name: `Shelf ${shelf.slice(0, 4)}`, parentId: p.locationId }))).toBe(
      "applied",
    );
    const [x, y] = [p.itemIds[3]!, p.itemIds[4]!];
    const vx = await stock(x, 5, shelf);
    await stock(y, 7, shelf);
    for (const zero of [false, true]) {
      const session = await startSession({ includeSubLocations: true });
      expect(code(await run(tabletA, "count.recordLine", { ...line(session, x, 5, await seen(x, shelf)), locationId: shelf }))).toBe(
        "applied",
      );
      const { keys } = await uncountedKeys(t.db, { practiceId: p.practiceId, role: "STAFF" }, session);
      expect(keys.filter((k) => k.locationId === shelf)).toEqual([{ itemId: y, locationId: shelf, batchId: null, onHand: 7 }]);
      expect(code(await run(tabletA, "count.complete", { sessionId: session, zeroUncounted: zero }))).toBe("applied");
      expect([await onHand(x, shelf), await onHand(y, shelf)]).toEqual([5, zero ? 0 : 7]);
    }
    expect(vx.seenQuantity).toBe(5);
  });

  it("two completers at once: exactly one wins, the other hears who completed it and when", async () => {
    const item = p.itemIds[5]!;
    const view = await stock(item, 2);
    const session = await startSession();
    expect(code(await run(tabletA, "count.recordLine", line(session, item, 1, view)))).toBe("applied");
    const other = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
    const results = await Promise.all([
      run(admin, "count.complete", { sessionId: session }),
      run(other, "count.complete", { sessionId: session }),
    ]);
    expect(results.map(code).sort()).toEqual(["applied", "rejected:SESSION_CLOSED"]);
    expect(JSON.stringify(results)).toMatch(/already completed by ADMIN/);
    expect(await onHand(item)).toBe(1);
    expect(await t.db.stockMovement.count({ where: { kind: "COUNT", reference: session } })).toBe(1);
  });

  it("a blind session's expected quantities reach admins only; devices list who joined and when each last pushed", async () => {
    const item = p.itemIds[0]!;
    const view = await stock(item, 9);
    const session = await startSession({ blind: true });
    expect(code(await run(tabletB, "count.join", { sessionId: session }))).toBe("applied");
    const l = line(session, item, 3, { seenVersion: view.seenVersion, seenQuantity: null });
    expect(code(await run(tabletB, "count.recordLine", l))).toBe("applied");
    const staffView = (await tabletA.pullAll(0)).rows.get(`countLine:${l.id}`);
    const adminView = (await admin.pullAll(0)).rows.get(`countLine:${l.id}`);
    expect(staffView).toMatchObject({ countedQuantity: 3, onHandAtPush: null, movementSinceSeen: null });
    expect(adminView).toMatchObject({ countedQuantity: 3, onHandAtPush: 9, movementSinceSeen: 0 });
    expect((await tabletA.pullAll(0)).rows.get(`countSession:${session}`)).toMatchObject({
      blind: true,
      status: "IN_PROGRESS",
      itemIds: [],
    });
    const { keys } = await uncountedKeys(t.db, { practiceId: p.practiceId, role: "STAFF" }, session);
    expect(keys.every((k) => k.onHand === null)).toBe(true);

    const { devices } = await countDevices(t.db, { practiceId: p.practiceId, role: "STAFF" }, session);
    expect(devices.map((d) => [d.clientId, d.linesCounted])).toEqual([
      [tabletA.clientId, 0],
      [tabletB.clientId, 1],
    ]);
    expect(devices.every((d) => d.lastPushAt !== null)).toBe(true);
  });

  it("refuses a key outside the session's scope and a session covering nothing", async () => {
    const session = await startSession({ locationId: null, itemIds: [p.itemIds[0]!] });
    expect(code(await run(tabletA, "count.recordLine", line(session, p.itemIds[1]!, 1, { seenVersion: null, seenQuantity: null })))).toBe(
      "rejected:VALIDATION_FAILED",
    );
    expect(code(await run(tabletA, "count.start", { id: randomUUID() }))).toBe("rejected:VALIDATION_FAILED");
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});
