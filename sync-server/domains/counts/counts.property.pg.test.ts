/**
 * Property: whatever the interleaving of several tablets counting (offline, syncing whenever), stock
 * moving meanwhile (stock.adjust) and the session being completed at some point with one choice for all
 * conflicts, (1) no line is lost: each is applied, applied as a conflict, or rejected with SESSION_CLOSED
 * (and then the tablet still holds it); (2) every counted key ends at the final quantity the choice
 * defines, computed here from a model of the movements, not from what the server stored; (3) the ledger holds.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PushMutation } from "../../../shared/protocol/push.js";
import type { CountResolution } from "../../../shared/counts/rules.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice } from "../../../test/factories.js";
import { ledgerViolations } from "../../../test/ledger.js";
import { TestClient } from "../../../test/sync-client.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

const DEVICES = 3;
const ITEMS = 2;
const SEED = 6;

type Event =
  | { kind: "look"; device: number; item: number }
  | { kind: "count"; device: number; item: number; quantity: number }
  | { kind: "sync"; device: number }
  | { kind: "move"; item: number; delta: number }
  | { kind: "close" };

const eventSpec: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ kind: fc.constant("look" as const), device: fc.nat(DEVICES - 1), item: fc.nat(ITEMS - 1) }),
  {
    arbitrary: fc.record({
      kind: fc.constant("count" as const),
      device: fc.nat(DEVICES - 1),
      item: fc.nat(ITEMS - 1),
      quantity: fc.nat(9),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("sync" as const), device: fc.nat(DEVICES - 1) }), weight: 2 },
  fc.record({ kind: fc.constant("move" as const), item: fc.nat(ITEMS - 1), delta: fc.integer({ min: -4, max: 4 }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant("close" as const) }),
);

/** A tablet: what it last saw of each item (the model's movement count then, and the row's version), and its queue. */
interface Device {
  client: TestClient;
  views: Map<number, { version: number | null; movementsSeen: number }>;
  queue: PushMutation[];
  /** By push mutation id. */
  lines: Map<string, { lineId: string; item: number; quantity: number; movementsSeen: number }>;
  held: string[];
}

async function scenario(events: Event[], choice: CountResolution) {
  const p = await makePractice(t.db, { items: ITEMS });
  const admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  const devices: Device[] = Array.from({ length: DEVICES }, () => ({
    client: new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" }, "per-batch", 3),
    views: new Map(),
    queue: [],
    lines: new Map(),
    held: [],
  }));
  // The model: every applied movement of each item, in order.
  const moves: number[][] = Array.from({ length: ITEMS }, () => []);
  const onHand = (item: number) => moves[item]!.reduce((a, b) => a + b, 0);
  async function adjust(item: number, delta: number) {
    const res = await admin.push([
      admin.mutation("stock.adjust", {
        id: randomUUID(),
        locationId: p.locationId,
        itemId: p.itemIds[item]!,
        quantity: delta,
        reason: "OTHER",
      }),
    ]);
    const r = res.results[0]!;
    if (r.status === "applied") moves[item]!.push(delta);
    else expect(r).toMatchObject({ status: "rejected", code: "INSUFFICIENT_STOCK" });
  }
  for (let i = 0; i < ITEMS; i++) await adjust(i, SEED);

  const sessionId = randomUUID();
  expect((await admin.push([admin.mutation("count.start", { id: sessionId, locationId: p.locationId })])).results[0]).toMatchObject({
    status: "applied",
  });
  let closed = false;
  // Per item: the line that decides it (the last one applied), with the model's figures at its push.
  const deciding = new Map<number, { quantity: number; net: number; onHandAtPush: number; movementsAtPush: number }>();
  // Per item: the final quantity at completion, and the movements booked after it.
  const finals = new Map<number, { final: number; movementsAtClose: number }>();

  async function sync(d: Device) {
    if (!d.queue.length) return;
    const res = await d.client.push(d.queue);
    expect(res.stopped).toBeUndefined();
    for (const r of res.results) {
      const l = d.lines.get(r.id)!;
      if (r.status === "rejected") {
        // Only a closed session refuses a line; the tablet keeps it (to move into a new session).
        expect({ code: r.code, closed }).toEqual({ code: "SESSION_CLOSED", closed: true });
        d.held.push(l.lineId);
        continue;
      }
      expect(["applied", "conflict"]).toContain(r.status);
      const movementsAtPush = moves[l.item]!.length;
      const net = moves[l.item]!.slice(l.movementsSeen).reduce((a, b) => a + b, 0);
      deciding.set(l.item, { quantity: l.quantity, net, onHandAtPush: onHand(l.item), movementsAtPush });
    }
    d.queue = [];
  }

  async function close() {
    const res = await admin.push([admin.mutation("count.complete", { sessionId, resolveAll: choice })]);
    expect(res.results[0]).toMatchObject({ status: "applied" });
    for (const [item, line] of deciding) {
      const sinceSeen = choice === "USE_COUNTED_PLUS_MOVEMENTS" ? line.net : 0;
      const afterPush = onHand(item) - line.onHandAtPush;
      const final = Math.max(0, line.quantity + sinceSeen + afterPush);
      moves[item]!.push(final - onHand(item)); // the COUNT movement, in the model
      finals.set(item, { final, movementsAtClose: moves[item]!.length });
    }
    closed = true;
  }

  for (const e of events) {
    if (e.kind === "look") {
      const row = await t.db.inventory.findFirst({
        where: { practiceId: p.practiceId, locationId: p.locationId, itemId: p.itemIds[e.item]!, batchId: null },
      });
      devices[e.device]!.views.set(e.item, { version: row ? Number(row.version) : null, movementsSeen: moves[e.item]!.length });
    } else if (e.kind === "count") {
      const d = devices[e.device]!;
      const view = d.views.get(e.item) ?? { version: null, movementsSeen: 0 };
      const lineId = randomUUID();
      const m = d.client.mutation("count.recordLine", {
        id: lineId,
        sessionId,
        itemId: p.itemIds[e.item]!,
        locationId: p.locationId,
        countedQuantity: e.quantity,
        seenVersion: view.version,
        seenQuantity: null,
      });
      d.queue.push(m);
      d.lines.set(m.id, { lineId, item: e.item, quantity: e.quantity, movementsSeen: view.movementsSeen });
    } else if (e.kind === "sync") {
      await sync(devices[e.device]!);
    } else if (e.kind === "move") {
      await adjust(e.item, e.delta);
    } else if (!closed) {
      await close();
    }
  }
  for (const d of devices) await sync(d);
  if (!closed) await close();

  // (1) No line lost: every line is in the database, or held by its tablet after a SESSION_CLOSED.
  const stored = new Set((await t.db.countLine.findMany({ where: { sessionId }, select: { id: true } })).map((l) => l.id));
  for (const d of devices) {
    for (const { lineId } of d.lines.values()) expect(stored.has(lineId) !== d.held.includes(lineId)).toBe(true);
  }
  // (2) Each key at its final quantity for the choice, plus whatever moved after completion.
  for (let item = 0; item < ITEMS; item++) {
    const row = await t.db.inventory.findFirst({
      where: { practiceId: p.practiceId, locationId: p.locationId, itemId: p.itemIds[item]!, batchId: null },
    });
    const f = finals.get(item);
    const expected = f ? f.final + moves[item]!.slice(f.movementsAtClose).reduce((a, b) => a + b, 0) : onHand(item);
    expect({ item, quantity: row?.quantity ?? 0 }).toEqual({ item, quantity: expected });
    expect(onHand(item)).toBe(expected);
  }
  // (3) The ledger holds.
  expect(await ledgerViolations(t.db)).toEqual([]);
}

describe("count sessions under random interleavings", () => {
  it("lose no line, end every key at the chosen final quantity, and keep the ledger", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventSpec, { minLength: 1, maxLength: 30 }),
        fc.constantFrom<CountResolution>("USE_COUNTED", "USE_COUNTED_PLUS_MOVEMENTS"),
        scenario,
      ),
      { numRuns: 25 },
    );
  }, 240_000);
});
