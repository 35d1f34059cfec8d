/**
 * Group commit (push-chunk.ts runTurn): one-chunk pushes of a practice that queue while a turn is
 * committed go together in the next turn. Each push must still get exactly its own answers, and one
 * push's trouble (a refusal, a gap, a new or foreign client) must never become another's.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PushMutation } from "../../shared/protocol/push.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { ledgerViolations } from "../../test/ledger.js";
import { TestClient, testGroups } from "../../test/sync-client.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import type { PushGroups } from "./push.js";

let t: TestDatabase;
let p: TestPractice;
let groups: PushGroups;
beforeAll(async () => {
  t = await testDatabase(20);
  p = await makePractice(t.db, { items: 3 });
});
afterAll(() => t.drop());

type Who = "STAFF" | "ADMIN";
const client = (who: Who = "STAFF") =>
  new TestClient(t.db, { practiceId: p.practiceId, userId: p.users[who].id, role: who }, "per-batch", DEFAULT_PUSH_CHUNK, true, groups);

const adjust = (c: TestClient, quantity: number, item = 0): PushMutation =>
  c.mutation("stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[item]!, quantity, reason: "FOUND" });

/** Each client's first push on its own (binds the client), as a replica that has synced before. */
async function registered(clients: TestClient[]) {
  for (const c of clients) expect((await c.push([])).lastSeq).toBe(0);
  return clients;
}

async function adjustmentVersions(ids: string[]) {
  const rows = await t.db.stockAdjustment.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, actorId: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

describe("group commit of concurrent pushes", () => {
  beforeAll(() => {
    groups = testGroups(t.db);
  });

  it("pushes that queue during a turn commit together in the next one, each applied exactly once", async () => {
    const clients = await registered(Array.from({ length: 8 }, () => client()));
    const sent = clients.map((c) => adjust(c, 1));
    const answers = await Promise.all(clients.map((c, i) => c.push([sent[i]!])));
    expect(answers.map((a) => [a.lastSeq, a.results[0]?.status])).toEqual(clients.map(() => [1, "applied"]));
    const rows = await adjustmentVersions(sent.map((m) => (m.args as { id: string }).id));
    expect(rows.size).toBe(8);
    // The first push started a turn on its own; the seven that queued meanwhile share the next one.
    const versions = new Set([...rows.values()].map((r) => r.version));
    expect(versions.size).toBe(2);
    // Sent again (the answer was lost): every push is answered from its stored result.
    const again = await Promise.all(clients.map((c, i) => c.push([sent[i]!])));
    expect(again.map((a) => a.results[0]?.status)).toEqual(clients.map(() => "duplicate"));
    expect((await t.db.inventory.findFirst({ where: { locationId: p.locationId, itemId: p.itemIds[0]! } }))?.quantity).toBe(8);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a refusal in a turn is that push's own answer; the others of the turn apply", async () => {
    const [first, ...rest] = await registered(Array.from({ length: 5 }, () => client()));
    // Item 1 holds nothing: in the turn's order, the removals that would go below zero are refused.
    const sent = [-1, 2, -3, 2].map((q, i) => adjust(rest[i]!, q, 1));
    const answers = await Promise.all([first!.push([adjust(first!, 1, 2)]), ...rest.map((c, i) => c.push([sent[i]!]))]);
    expect(answers.slice(1).map((a) => a.results[0]?.status)).toEqual(["rejected", "applied", "rejected", "applied"]);
    expect(answers.slice(1).map((a) => a.lastSeq)).toEqual([1, 1, 1, 1]);
    const replayed = await rest[2]!.push([sent[2]!]);
    expect(replayed.results[0]).toMatchObject({ status: "rejected", code: "INSUFFICIENT_STOCK" });
    expect((await t.db.inventory.findFirst({ where: { locationId: p.locationId, itemId: p.itemIds[1]! } }))?.quantity).toBe(4);
  });

  it("each adjustment of a turn carries its own user, also where two users' runs meet", async () => {
    const [opener, staff, admin] = await registered([client(), client("STAFF"), client("ADMIN")]);
    const mine = [adjust(staff!, 1), adjust(staff!, 1)];
    const theirs = [adjust(admin!, 1), adjust(admin!, 1)];
    await Promise.all([opener!.push([adjust(opener!, 1)]), staff!.push(mine), admin!.push(theirs)]);
    const rows = await adjustmentVersions([...mine, ...theirs].map((m) => (m.args as { id: string }).id));
    expect([...mine, ...theirs].map((m) => rows.get((m.args as { id: string }).id)?.actorId)).toEqual([
      p.users.STAFF.id,
      p.users.STAFF.id,
      p.users.ADMIN.id,
      p.users.ADMIN.id,
    ]);
    const movements = await t.db.stockMovement.findMany({ where: { reference: { in: theirs.map((m) => (m.args as { id: string }).id) } } });
    expect(movements.map((m) => m.actorId)).toEqual([p.users.ADMIN.id, p.users.ADMIN.id]);
  });

  it("a gap stops only its own push", async () => {
    const [opener, ok, gapped] = await registered([client(), client(), client()]);
    const skipped = adjust(gapped!, 1);
    const late = adjust(gapped!, 1);
    void skipped; // seq 1, never sent: seq 2 arrives first
    const [, good, bad] = await Promise.all([opener!.push([adjust(opener!, 1)]), ok!.push([adjust(ok!, 1)]), gapped!.push([late])]);
    expect(good!.results[0]?.status).toBe("applied");
    expect(bad).toMatchObject({ lastSeq: 0, results: [], stopped: { reason: "gap", code: "SEQ_GAP" } });
  });

  it("a new client and a client of another user in a turn: the others apply, the new one is bound, the foreign one refused", async () => {
    const [opener, known] = await registered([client(), client()]);
    const fresh = client();
    const foreign = client();
    await foreign.push([]);
    // The same clientId used by another user of the practice (a leaked or reused id).
    const impostor = new TestClient(
      t.db,
      { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" },
      "per-batch",
      DEFAULT_PUSH_CHUNK,
      true,
      groups,
    );
    Object.defineProperty(impostor, "clientId", { value: foreign.clientId });
    const [, a, b, c] = await Promise.allSettled([
      opener!.push([adjust(opener!, 1)]),
      known!.push([adjust(known!, 1)]),
      fresh.push([adjust(fresh, 1)]),
      impostor.push([adjust(impostor, 1)]),
    ]);
    expect(a).toMatchObject({ status: "fulfilled", value: { lastSeq: 1, results: [{ status: "applied" }] } });
    expect(b).toMatchObject({ status: "fulfilled", value: { lastSeq: 1, results: [{ status: "applied" }] } });
    expect(c).toMatchObject({ status: "rejected", reason: { code: "CLIENT_MISMATCH" } });
  });

  it("two pushes of one client never share a turn: the retry racing its original is answered from it", async () => {
    const [opener, c] = await registered([client(), client()]);
    const m = adjust(c!, 1, 2);
    const before = (await t.db.inventory.findFirst({ where: { locationId: p.locationId, itemId: p.itemIds[2]! } }))?.quantity ?? 0;
    const [, original, retry] = await Promise.all([opener!.push([adjust(opener!, 1)]), c!.push([m]), c!.push([m])]);
    expect([original!.results[0]?.status, retry!.results[0]?.status]).toEqual(["applied", "duplicate"]);
    expect((await t.db.inventory.findFirst({ where: { locationId: p.locationId, itemId: p.itemIds[2]! } }))?.quantity).toBe(before + 1);
  });
});
