import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { stockAdjust } from "../../shared/mutations/index.js";
import type { PullResponse } from "../../shared/protocol/pull.js";
import type { PushRequest, PushResponse } from "../../shared/protocol/push.js";
import { createApiClient } from "../api/http.js";
import type { ReplicaDb } from "../replica/db.js";
import { getMeta } from "../replica/meta.js";
import { enqueueMutation, enqueueMutations } from "../replica/outbox.js";
import { REBASE_BACKLOG_LIMIT } from "../replica/rebase.js";
import { emptyPage, fakeSyncFetch, type Scripted } from "../testing/fakeServer.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../testing/fixtures.js";
import { manualTimers } from "../testing/manualTimers.js";
import { SyncEngine } from "./engine.js";
import { httpTransport } from "./transport.js";

const LOC = uuid(1);
const ITEM = uuid(2);

async function replicaWithOutbox(count: number): Promise<ReplicaDb> {
  const { db } = await freshReplica();
  await db.location.put(locationRow(LOC));
  await db.item.put(itemRow(ITEM));
  await db.inventory.put(inventoryRow(uuid(3), LOC, ITEM, 10));
  for (let n = 0; n < count; n++) {
    await enqueueMutation(db, stockAdjust, { id: crypto.randomUUID(), locationId: LOC, itemId: ITEM, quantity: 1, reason: "FOUND" });
  }
  return db;
}

/** An outbox of `count` changes queued in one bulk call (an import's backlog). */
async function replicaWithBacklog(count: number): Promise<ReplicaDb> {
  const db = await replicaWithOutbox(0);
  const adjust = () => ({ id: crypto.randomUUID(), locationId: LOC, itemId: ITEM, quantity: 1, reason: "FOUND" as const });
  await enqueueMutations(
    db,
    Array.from({ length: count }, () => ({ def: stockAdjust, args: adjust() })),
  );
  return db;
}

function engineFor(
  db: ReplicaDb,
  handlers: { push?: (req: PushRequest) => Scripted<PushResponse>; pull?: () => Scripted<PullResponse> },
  extra: { onSchemaTooOld?: () => void } = {},
) {
  const { fetch, calls } = fakeSyncFetch({ push: handlers.push, pull: handlers.pull ?? (() => emptyPage(0, 0)) });
  const timers = manualTimers();
  const engine = new SyncEngine({
    db,
    transport: httpTransport(createApiClient({ fetch, readCookie: () => undefined })),
    timers,
    random: () => 0, // No jitter: delays are exactly 1 s, 2 s, 4 s...
    ...extra,
  });
  const pushCalls = () => calls.filter((c) => c.url.endsWith("/push")).length;
  return { engine, timers, calls, pushCalls };
}

const allApplied = (req: PushRequest): PushResponse => ({
  lastSeq: req.mutations.at(-1)!.seq,
  results: req.mutations.map((m) => ({ seq: m.seq, id: m.id, status: "applied" as const })),
});

/**
 * An engine over `db` whose push requests each wait for `gate()` before the server applies them all;
 * pulls answer with `pull` (empty by default).
 */
function engineWithGatedPushes(db: ReplicaDb, gate: () => Promise<void>, pull: () => Scripted<PullResponse> = () => emptyPage(0, 0)) {
  const { fetch } = fakeSyncFetch({ pull });
  const gatedFetch: typeof fetch = async (url, init) => {
    if (!url.endsWith("/push")) return fetch(url, init);
    await gate();
    const req = JSON.parse(String(init.body)) as PushRequest;
    return new Response(JSON.stringify(allApplied(req)), { status: 200 });
  };
  return new SyncEngine({
    db,
    transport: httpTransport(createApiClient({ fetch: gatedFetch, readCookie: () => undefined })),
    timers: manualTimers(),
  });
}

/** An engine over `db` whose first push request is held until `release()`; pulls answer empty and are counted. */
function heldFirstPush(db: ReplicaDb) {
  let pushStarted = false;
  let release: () => void = () => {};
  let pulls = 0;
  const engine = engineWithGatedPushes(
    db,
    async () => {
      if (pushStarted) return;
      pushStarted = true;
      await new Promise<void>((r) => (release = r));
    },
    () => (pulls++, emptyPage(0, 0)),
  );
  return { engine, pushStarted: () => pushStarted, pulls: () => pulls, release: () => release() };
}

describe("sync engine", () => {
  it("keeps everything on network errors and backs off 1 s, 2 s, 4 s, then recovers", async () => {
    const db = await replicaWithOutbox(2);
    let online = false;
    const { engine, timers, pushCalls } = engineFor(db, { push: (req) => (online ? allApplied(req) : { networkError: true }) });

    await engine.requestPush();
    expect(timers.pending()).toEqual([1000]);
    expect(engine.getState().lastError).toBe("Cannot reach the server.");
    expect((await getMeta(db, "lastError"))?.message).toBe("Cannot reach the server.");
    timers.runAll();
    await vi.waitFor(() => expect(timers.pending()).toEqual([2000]));
    timers.runAll();
    await vi.waitFor(() => expect(timers.pending()).toEqual([4000]));
    expect(pushCalls()).toBe(3);
    expect(await db.outbox.count()).toBe(2);
    expect((await db.inventory.get(uuid(3)))?.quantity).toBe(12);

    online = true;
    timers.runAll();
    await vi.waitFor(() => expect(pushCalls()).toBe(4));
    await vi.waitFor(() => expect(engine.getState().lastError).toBeNull());
    expect(timers.pending()).toEqual([]);
    expect(await getMeta(db, "pushedSeq")).toBe(2);
  });

  it("retries 5xx answers with backoff", async () => {
    const db = await replicaWithOutbox(1);
    const { engine, timers } = engineFor(db, {
      push: () => ({ status: 503, body: { error: { code: "SERVICE_UNAVAILABLE", message: "Down." } } }),
    });
    await engine.requestPush();
    expect(timers.pending()).toEqual([1000]);
    expect(engine.getState().lastError).toBe("Down.");
  });

  it("keeps saying pushes fail while pulls succeed, and does not call that a sync", async () => {
    const db = await replicaWithOutbox(1);
    const { engine } = engineFor(db, {
      push: () => ({ status: 503, body: { error: { code: "SERVICE_UNAVAILABLE", message: "Down." } } }),
      pull: () => emptyPage(5, 0),
    });
    await engine.requestPush();
    await engine.requestPull();
    expect(engine.getState().pushError).toBe("Down.");
    expect(engine.getState().lastError).toBe("Down.");
    expect(await getMeta(db, "cursor")).toBe(5);
    expect(await getMeta(db, "lastSyncAt")).toBeUndefined();
  });

  it("pulls after a successful push so confirmed entries leave the outbox", async () => {
    const db = await replicaWithOutbox(1);
    const { engine, calls } = engineFor(db, { push: allApplied, pull: () => emptyPage(9, 1) });
    await engine.requestPush();
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    expect(calls.map((c) => c.url)).toEqual(["/api/sync/push", "/api/sync/pull"]);
  });

  it("pauses on 401 without retrying or losing the outbox, and resumes after sign-in", async () => {
    const db = await replicaWithOutbox(1);
    let signedIn = false;
    const { engine, timers, pushCalls } = engineFor(db, {
      push: (req) => (signedIn ? allApplied(req) : { status: 401, body: { error: { code: "UNAUTHENTICATED", message: "Sign in." } } }),
    });
    await engine.requestPush();
    expect(engine.getState().blocked?.kind).toBe("auth");
    expect(timers.pending()).toEqual([]);
    await engine.requestPush();
    expect(pushCalls()).toBe(1);
    expect(await db.outbox.count()).toBe(1);

    signedIn = true;
    await engine.resume();
    expect(engine.getState().blocked).toBeNull();
    expect(pushCalls()).toBe(2);
  });

  it("keeps the outbox and the clientId when the replica belongs to another user", async () => {
    const db = await replicaWithOutbox(1);
    const clientId = await getMeta(db, "clientId");
    const { engine } = engineFor(db, {
      push: () => ({ status: 403, body: { error: { code: "CLIENT_MISMATCH", message: "Other user." } } }),
    });
    await engine.requestPush();
    expect(engine.getState().blocked?.kind).toBe("clientMismatch");
    expect(await getMeta(db, "clientId")).toBe(clientId);
    expect(await db.outbox.count()).toBe(1);
  });

  it("takes a fresh clientId on a mismatch when nothing is pending", async () => {
    const db = await replicaWithOutbox(0);
    const clientId = await getMeta(db, "clientId");
    const seen: string[] = [];
    const mismatchOnce = fakeSyncFetch({
      pull: (req) => {
        seen.push(req.clientId);
        return seen.length === 1 ? { status: 403, body: { error: { code: "CLIENT_MISMATCH", message: "Other user." } } } : emptyPage(1, 0);
      },
    });
    const rotating = new SyncEngine({
      db,
      transport: httpTransport(createApiClient({ fetch: mismatchOnce.fetch, readCookie: () => undefined })),
      timers: manualTimers(),
    });
    await rotating.requestPull();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[0]).toBe(clientId);
    expect(seen[1]).not.toBe(clientId);
    expect(await getMeta(db, "clientId")).toBe(seen[1]);
    expect(rotating.getState().blocked).toBeNull();
  });

  it("asks for an app update on 426 and stops syncing", async () => {
    const db = await replicaWithOutbox(1);
    const onSchemaTooOld = vi.fn();
    const { engine, timers } = engineFor(
      db,
      { push: () => ({ status: 426, body: { error: { code: "SCHEMA_TOO_OLD", message: "Update." } } }) },
      { onSchemaTooOld },
    );
    await engine.requestPush();
    expect(onSchemaTooOld).toHaveBeenCalledOnce();
    expect(engine.getState().blocked?.kind).toBe("schemaTooOld");
    expect(timers.pending()).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
  });

  it("while a push sends a large backlog, a pull asked for meanwhile waits for the push to end, then runs", async () => {
    const held = heldFirstPush(await replicaWithBacklog(REBASE_BACKLOG_LIMIT + 1)); // the first request (of two) is held
    const push = held.engine.requestPush();
    await vi.waitFor(() => expect(held.pushStarted()).toBe(true));
    await held.engine.requestPull(); // a poke while the backlog is on its way
    expect(held.pulls()).toBe(0);
    held.release();
    await push;
    await vi.waitFor(() => expect(held.pulls()).toBe(1));
  });

  it("pulls at once while a push sends a small backlog", async () => {
    const held = heldFirstPush(await replicaWithOutbox(1));
    const push = held.engine.requestPush();
    await vi.waitFor(() => expect(held.pushStarted()).toBe(true));
    await held.engine.requestPull();
    expect(held.pulls()).toBe(1);
    held.release();
    await push;
  });

  it("never has two pushes in flight, and coalesces requests made meanwhile", async () => {
    const db = await replicaWithOutbox(1);
    let inFlight = 0;
    let maxInFlight = 0;
    let started = 0;
    let release: () => void = () => {};
    const engine = engineWithGatedPushes(db, async () => {
      inFlight++;
      started++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((r) => (release = r));
      inFlight--;
    });
    const first = engine.requestPush();
    await vi.waitFor(() => expect(started).toBe(1));
    await enqueueMutation(db, stockAdjust, { id: crypto.randomUUID(), locationId: LOC, itemId: ITEM, quantity: 1, reason: "FOUND" });
    const second = engine.requestPush();
    const third = engine.requestPush();
    release();
    await vi.waitFor(() => expect(started).toBe(2)); // one follow-up run covers both requests
    release();
    await Promise.all([first, second, third]);
    expect(started).toBe(2);
    expect(maxInFlight).toBe(1);
    expect(await getMeta(db, "pushedSeq")).toBe(2);
  });
});
