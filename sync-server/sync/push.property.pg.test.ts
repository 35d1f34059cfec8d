/**
 * Property: whatever the order, overlap and repetition of push requests (duplicates, reordered batches,
 * gaps, retries after lost responses), every queued mutation is applied exactly once or rejected, and
 * the final stock equals a simple model replayed in the order the server applied them.
 *
 * Malformed mutations are mixed in (names that are keys of Object.prototype, text PostgreSQL cannot
 * store, integers no column holds): each is rejected and consumes its seq like any business refusal.
 * Only an infrastructure failure may answer `stopped: retry`, and there is none here, so no answer may.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PushMutation } from "../../shared/protocol/push.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice } from "../../test/factories.js";
import { ledgerViolations } from "../../test/ledger.js";
import { TestClient } from "../../test/sync-client.js";
import type { PushMode } from "./push.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

/** Inherited keys of a plain object: a registry keyed by name must not find them. */
const PROTOTYPE_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
  "toLocaleString",
];
/** Text PostgreSQL refuses (NUL) or cannot store faithfully (unpaired surrogates). */
const BAD_TEXTS = ["\u0000", "a\u0000b", "\ud800", "x\udc00", "\udbff\u0000"];
/** Integers beyond what an int4 column (or a JavaScript safe integer) holds. */
const BAD_INTS = [2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 63];

const malformedSpec = fc.oneof(
  fc.record({ kind: fc.constant("name" as const), value: fc.constantFrom(...PROTOTYPE_NAMES) }),
  fc.record({ kind: fc.constantFrom("note" as const, "locationName" as const), value: fc.constantFrom(...BAD_TEXTS) }),
  fc.record({ kind: fc.constant("quantity" as const), value: fc.constantFrom(...BAD_INTS) }),
);
const mutationSpec = fc.record(
  { client: fc.nat(1), item: fc.nat(1), quantity: fc.integer({ min: -4, max: 5 }), malformed: malformedSpec },
  { requiredKeys: ["client", "item", "quantity"] },
);
const attemptSpec = fc.record({ client: fc.nat(1), from: fc.nat(40), length: fc.integer({ min: 1, max: 6 }), shuffle: fc.boolean() });

type Malformed = { kind: "name"; value: string } | { kind: "note" | "locationName"; value: string } | { kind: "quantity"; value: number };
type MutationSpec = { client: number; item: number; quantity: number; malformed?: Malformed };

/** The refusal a malformed mutation must get: the same stable code whatever its position or mode. */
const EXPECTED_REFUSAL: Record<Malformed["kind"], string> = {
  name: "UNKNOWN_MUTATION",
  note: "VALIDATION_FAILED",
  locationName: "VALIDATION_FAILED",
  quantity: "VALIDATION_FAILED",
};
type AttemptSpec = { client: number; from: number; length: number; shuffle: boolean };

async function runScenario(mode: PushMode, specs: MutationSpec[], attempts: AttemptSpec[]) {
  const p = await makePractice(t.db, { items: 2 });
  const clients = [0, 1].map(() => new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" }, mode, 3));
  const queues: PushMutation[][] = [[], []];
  const meta = new Map<string, MutationSpec>();
  for (const s of specs) {
    const args = { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[s.item]!, quantity: s.quantity, reason: "OTHER" as const };
    const bad = s.malformed;
    const m =
      bad?.kind === "name"
        ? clients[s.client]!.rawMutation(bad.value, args)
        : bad?.kind === "note"
          ? clients[s.client]!.mutation("stock.adjust", { ...args, quantity: Math.abs(s.quantity) + 1, note: `note ${bad.value}` })
          : bad?.kind === "locationName"
            ? clients[s.client]!.mutation("location.create", { id: randomUUID(), name: `Shelf ${bad.value}`, parentId: null })
            : bad?.kind === "quantity"
              ? clients[s.client]!.mutation("stock.adjust", { ...args, quantity: bad.value })
              : clients[s.client]!.mutation("stock.adjust", args);
    queues[s.client]!.push(m);
    meta.set(m.id, s);
  }

  // The order in which the server first reported each mutation = the order it applied them
  // (the driver is sequential, so no two pushes overlap in time).
  const firstSeen: { id: string; status: string; code?: string }[] = [];
  const seen = new Set<string>();
  const send = async (client: number, batch: PushMutation[]) => {
    const res = await clients[client]!.push(batch);
    // No infrastructure failed, so nothing may be answered "temporary, retry": that would jam the queue.
    expect(res.stopped?.reason).not.toBe("retry");
    for (const r of res.results) {
      if (seen.has(r.id)) {
        expect(["duplicate", "rejected"]).toContain(r.status); // a replay never applies again
        continue;
      }
      expect(r.status).not.toBe("duplicate"); // a first answer is never "duplicate"
      seen.add(r.id);
      firstSeen.push({ id: r.id, status: r.status, code: "code" in r ? r.code : undefined });
    }
    return res;
  };

  for (const a of attempts) {
    const q = queues[a.client]!;
    if (q.length === 0) continue;
    const start = a.from % q.length;
    const batch = q.slice(start, start + a.length);
    await send(a.client, a.shuffle ? [...batch].reverse() : batch);
  }
  // Finally each client flushes its whole queue, as a reconnecting tablet would.
  const finalLastSeq = [0, 0];
  for (const [i, q] of queues.entries()) {
    for (let guard = 0; guard < 5; guard++) {
      const res = await send(i, q);
      finalLastSeq[i] = res.lastSeq;
      if (res.lastSeq === q.length) break;
    }
  }
  // Every seq consumed, the malformed ones included: nothing stays stuck behind a bad mutation.
  expect(finalLastSeq).toEqual(queues.map((q) => q.length));

  // Every mutation answered exactly once.
  expect(seen.size).toBe(specs.length);
  // Model: replay in server order; a removal that would go negative must have been rejected.
  const model = [0, 0];
  for (const f of firstSeen) {
    const { item, quantity, malformed } = meta.get(f.id)!;
    if (malformed) {
      // Rejected with its stable code and stored, so a replay answers the same refusal.
      expect(f).toMatchObject({ status: "rejected", code: EXPECTED_REFUSAL[malformed.kind] });
      expect(
        await t.db.mutationResult.findFirst({ where: { mutationId: f.id, status: "REJECTED", code: EXPECTED_REFUSAL[malformed.kind] } }),
      ).toBeTruthy();
      continue;
    }
    if (quantity === 0) expect(f.code).toBe("VALIDATION_FAILED");
    else if (model[item]! + quantity < 0) expect(f.code).toBe("INSUFFICIENT_STOCK");
    else {
      expect(f.status).toBe("applied");
      model[item]! += quantity;
    }
  }
  for (const [i, itemId] of p.itemIds.entries()) {
    const row = await t.db.inventory.findFirst({ where: { practiceId: p.practiceId, itemId } });
    expect(row?.quantity ?? 0).toBe(model[i]);
  }
  // Exactly one ledger movement per applied mutation.
  const applied = firstSeen.filter((f) => f.status === "applied").map((f) => f.id);
  const movements = await t.db.stockMovement.findMany({ where: { practiceId: p.practiceId }, select: { mutationId: true } });
  expect(movements.map((m) => m.mutationId).sort()).toEqual(
    (await t.db.mutationResult.findMany({ where: { practiceId: p.practiceId, status: "APPLIED" }, select: { mutationId: true } }))
      .map((r) => r.mutationId)
      .sort(),
  );
  expect(new Set(movements.map((m) => m.mutationId)).size).toBe(applied.length);
}

describe.each<PushMode>(["per-mutation", "per-batch"])("push exactly-once property (%s)", (mode) => {
  it("holds for random duplicates, reorders, gaps and retries", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationSpec, { minLength: 1, maxLength: 14 }),
        fc.array(attemptSpec, { maxLength: 12 }),
        (specs, attempts) => runScenario(mode, specs, attempts),
      ),
      { numRuns: 12 },
    );
    expect(await ledgerViolations(t.db)).toEqual([]);
  }, 120_000);
});
