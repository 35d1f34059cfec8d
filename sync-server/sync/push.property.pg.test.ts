/**
 * Property: whatever the order, overlap and repetition of push requests (duplicates, reordered batches,
 * gaps, retries after lost responses), every queued mutation is applied exactly once or rejected, and
 * the final stock equals a simple model replayed in the order the server applied them.
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

const mutationSpec = fc.record({ client: fc.nat(1), item: fc.nat(1), quantity: fc.integer({ min: -4, max: 5 }) });
const attemptSpec = fc.record({ client: fc.nat(1), from: fc.nat(40), length: fc.integer({ min: 1, max: 6 }), shuffle: fc.boolean() });

type MutationSpec = { client: number; item: number; quantity: number };
type AttemptSpec = { client: number; from: number; length: number; shuffle: boolean };

async function runScenario(mode: PushMode, specs: MutationSpec[], attempts: AttemptSpec[]) {
  const p = await makePractice(t.db, { items: 2 });
  const clients = [0, 1].map(() => new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" }, mode, 3));
  const queues: PushMutation[][] = [[], []];
  const meta = new Map<string, { item: number; quantity: number }>();
  for (const s of specs) {
    const m = clients[s.client]!.mutation("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[s.item], quantity: s.quantity, reason: "OTHER" });
    queues[s.client]!.push(m);
    meta.set(m.id, s);
  }

  // The order in which the server first reported each mutation = the order it applied them
  // (the driver is sequential, so no two pushes overlap in time).
  const firstSeen: { id: string; status: string; code?: string }[] = [];
  const seen = new Set<string>();
  const send = async (client: number, batch: PushMutation[]) => {
    const res = await clients[client]!.push(batch);
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
  for (const [i, q] of queues.entries()) {
    for (let guard = 0; guard < 5; guard++) {
      const res = await send(i, q);
      if (res.lastSeq === q.length) break;
    }
  }

  // Every mutation answered exactly once.
  expect(seen.size).toBe(specs.length);
  // Model: replay in server order; a removal that would go negative must have been rejected.
  const model = [0, 0];
  for (const f of firstSeen) {
    const { item, quantity } = meta.get(f.id)!;
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
    (await t.db.mutationResult.findMany({ where: { practiceId: p.practiceId, status: "APPLIED" }, select: { mutationId: true } })).map((r) => r.mutationId).sort(),
  );
  expect(new Set(movements.map((m) => m.mutationId)).size).toBe(applied.length);
}

describe.each<PushMode>(["per-mutation", "per-batch"])("push exactly-once property (%s)", (mode) => {
  it("holds for random duplicates, reorders, gaps and retries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationSpec, { minLength: 1, maxLength: 14 }), fc.array(attemptSpec, { maxLength: 12 }), (specs, attempts) =>
        runScenario(mode, specs, attempts),
      ),
      { numRuns: 12 },
    );
    expect(await ledgerViolations(t.db)).toEqual([]);
  }, 120_000);
});
