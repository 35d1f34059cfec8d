import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { stockAdjust } from "../../shared/mutations/index.js";
import type { PushRequest, PushResponse } from "../../shared/protocol/push.js";
import { NetworkError } from "../api/errors.js";
import { createApiClient } from "../api/http.js";
import { getMeta, setMeta } from "../replica/meta.js";
import { enqueueMutation } from "../replica/outbox.js";
import { fakeSyncFetch, type Scripted } from "../testing/fakeServer.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../testing/fixtures.js";
import { RetryLaterError, SyncStuckError } from "./failures.js";
import { pushOutbox } from "./push.js";
import { httpTransport } from "./transport.js";

const LOC = uuid(1);
const ITEM = uuid(2);
const INV = uuid(3);

async function withOutbox(count: number) {
  const { db } = await freshReplica();
  await db.location.put(locationRow(LOC));
  await db.item.put(itemRow(ITEM));
  await db.inventory.put(inventoryRow(INV, LOC, ITEM, 10));
  for (let n = 1; n <= count; n++) {
    await enqueueMutation(db, stockAdjust, { id: crypto.randomUUID(), locationId: LOC, itemId: ITEM, quantity: n, reason: "FOUND" });
  }
  return db;
}

function server(answer: (req: PushRequest, call: number) => Scripted<PushResponse>) {
  const requests: PushRequest[] = [];
  const { fetch } = fakeSyncFetch({ push: (req) => (requests.push(req), answer(req, requests.length)) });
  return { transport: httpTransport(createApiClient({ fetch, readCookie: () => undefined })), requests };
}

const applied = (m: PushRequest["mutations"][number]) => ({ seq: m.seq, id: m.id, status: "applied" as const });
const seqs = (req: PushRequest | undefined) => req?.mutations.map((m) => m.seq);

describe("push", () => {
  it("sends a backlog of many requests to the end while each request moves forward (only stalled requests count to the limit)", async () => {
    const db = await withOutbox(8);
    // One change per request, eight requests, with a limit of three: every request consumes one.
    const { transport, requests } = server((req) => ({ lastSeq: req.mutations[0]!.seq, results: [applied(req.mutations[0]!)] }));
    const outcome = await pushOutbox(db, transport, { batchSize: 1, maxRequests: 3 });
    expect(requests).toHaveLength(8);
    expect(outcome.sent).toBe(8);
    expect(await getMeta(db, "pushedSeq")).toBe(8);
    // A server that keeps answering without consuming anything still sends us to backoff.
    await setMeta(db, "pushedSeq", 0);
    const stuck = server((req) => ({
      lastSeq: 0,
      results: [],
      stopped: { reason: "gap", code: "SEQ_GAP", message: `resend ${req.mutations[0]!.seq}` },
    }));
    await expect(pushOutbox(db, stuck.transport, { batchSize: 1, maxRequests: 3 })).rejects.toBeInstanceOf(RetryLaterError);
    expect(stuck.requests).toHaveLength(3);
  });

  it("sends the outbox in seq order and keeps applied entries until a pull confirms them", async () => {
    const db = await withOutbox(3);
    const { transport, requests } = server((req) => ({ lastSeq: 3, results: req.mutations.map(applied) }));
    const outcome = await pushOutbox(db, transport);
    expect(seqs(requests[0])).toEqual([1, 2, 3]);
    expect(requests[0]).toMatchObject({ clientId: await getMeta(db, "clientId"), schemaVersion: REPLICA_SCHEMA_VERSION });
    expect(outcome).toEqual({ sent: 3, rejected: 0, conflicts: 0 });
    expect(await db.outbox.count()).toBe(3);
    expect(await getMeta(db, "pushedSeq")).toBe(3);
    // Nothing left to send: a second push makes no request.
    await pushOutbox(db, transport);
    expect(requests).toHaveLength(1);
  });

  it("moves a rejected mutation to the rejected list with its reason and removes its optimistic effect", async () => {
    const db = await withOutbox(2); // +1 then +2: visible 13
    expect((await db.inventory.get(INV))?.quantity).toBe(13);
    const { transport } = server((req) => ({
      lastSeq: 2,
      results: [
        applied(req.mutations[0]!),
        { seq: 2, id: req.mutations[1]!.id, status: "rejected", code: "ITEM_ARCHIVED", message: "This item is archived." },
      ],
    }));
    const outcome = await pushOutbox(db, transport);
    expect(outcome.rejected).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([1]);
    const [notice] = await db.rejected.toArray();
    expect(notice).toMatchObject({
      seq: 2,
      kind: "rejected",
      code: "ITEM_ARCHIVED",
      message: "This item is archived.",
      name: "stock.adjust",
    });
    expect((await db.inventory.get(INV))?.quantity).toBe(11);
  });

  it("notes a conflict but keeps the mutation until the pull drops it", async () => {
    const db = await withOutbox(1);
    const { transport } = server((req) => ({
      lastSeq: 1,
      results: [{ seq: 1, id: req.mutations[0]!.id, status: "conflict", code: "CONFLICT", message: "Counted stock changed meanwhile." }],
    }));
    await pushOutbox(db, transport);
    expect(await db.outbox.count()).toBe(1);
    expect((await db.rejected.toArray())[0]).toMatchObject({ kind: "conflict", message: "Counted stock changed meanwhile." });
  });

  it("treats a duplicate of an earlier rejection as rejected", async () => {
    const db = await withOutbox(1);
    const { transport } = server((req) => ({
      lastSeq: 1,
      results: [{ seq: 1, id: req.mutations[0]!.id, status: "duplicate", original: "rejected" }],
    }));
    await pushOutbox(db, transport);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.rejected.toArray())[0]?.kind).toBe("rejected");
  });

  it("resends from lastSeq + 1 after a gap", async () => {
    const db = await withOutbox(4);
    await setMeta(db, "pushedSeq", 2); // We believe 1..2 were consumed; the server only has 1.
    const { transport, requests } = server((req, call) =>
      call === 1
        ? { lastSeq: 1, results: [], stopped: { reason: "gap", code: "GAP", message: "Expected seq 2." } }
        : { lastSeq: 4, results: req.mutations.map(applied) },
    );
    await pushOutbox(db, transport);
    expect(requests.map(seqs)).toEqual([
      [3, 4],
      [2, 3, 4],
    ]);
    expect(await getMeta(db, "pushedSeq")).toBe(4);
  });

  it("refuses to loop when the server needs a seq the device no longer has", async () => {
    const db = await withOutbox(3);
    await db.outbox.delete(1);
    await setMeta(db, "pushedSeq", 1);
    const { transport, requests } = server(() => ({
      lastSeq: 0,
      results: [],
      stopped: { reason: "gap", code: "GAP", message: "Expected seq 1." },
    }));
    await expect(pushOutbox(db, transport)).rejects.toBeInstanceOf(SyncStuckError);
    expect(requests).toHaveLength(1);
    expect(await db.outbox.count()).toBe(2);
  });

  it("records results before a `retry` stop and then asks to retry", async () => {
    const db = await withOutbox(3);
    const { transport } = server((req) => ({
      lastSeq: 1,
      results: [applied(req.mutations[0]!)],
      stopped: { reason: "retry", code: "SERVICE_UNAVAILABLE", message: "Busy." },
    }));
    await expect(pushOutbox(db, transport)).rejects.toBeInstanceOf(RetryLaterError);
    expect(await getMeta(db, "pushedSeq")).toBe(1);
    expect(await db.outbox.count()).toBe(3);
  });

  it("keeps everything on a network error", async () => {
    const db = await withOutbox(2);
    const before = await db.outbox.toArray();
    const { transport } = server(() => ({ networkError: true }));
    await expect(pushOutbox(db, transport)).rejects.toBeInstanceOf(NetworkError);
    expect(await db.outbox.toArray()).toEqual(before);
    expect(await getMeta(db, "pushedSeq")).toBeUndefined();
    expect((await db.inventory.get(INV))?.quantity).toBe(13);
  });

  it("takes one IndexedDB transaction per round: the answer is recorded and the next batch read together", async () => {
    const db = await withOutbox(5);
    const { transport, requests } = server((req) => ({ lastSeq: req.mutations.at(-1)!.seq, results: req.mutations.map(applied) }));
    // While an import queues, every transaction waits behind the chunk being queued: count them.
    const opened = vi.spyOn(db.core, "transaction");
    let transactions: number;
    try {
      await pushOutbox(db, transport, { batchSize: 2 });
      transactions = opened.mock.calls.length;
    } finally {
      opened.mockRestore();
    }
    expect(requests).toHaveLength(3);
    // The clientId, the first batch, then one per answer (which also finds the outbox done).
    expect(transactions).toBe(2 + requests.length);
    expect(await getMeta(db, "pushedSeq")).toBe(5);
  });

  it("splits a long outbox into batches", async () => {
    const db = await withOutbox(5);
    const { transport, requests } = server((req) => ({ lastSeq: req.mutations.at(-1)!.seq, results: req.mutations.map(applied) }));
    await pushOutbox(db, transport, { batchSize: 2 });
    expect(requests.map(seqs)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
