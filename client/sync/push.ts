import { MAX_PUSH_BATCH, type MutationOutcome, type PushResponse } from "../../shared/protocol/push.js";
import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import type { NoticeEntry, OutboxEntry, ReplicaDb } from "../replica/db.js";
import { getMeta, setMeta } from "../replica/meta.js";
import { toWire } from "../replica/outbox.js";
import { rebaseUnlessBacklog } from "../replica/rebase.js";
import { RetryLaterError, SyncStuckError } from "./failures.js";
import type { SyncTransport } from "./transport.js";

export interface PushOptions {
  batchSize?: number;
  /** Upper bound on requests per call, so a misbehaving server cannot keep us looping. */
  maxRequests?: number;
  now?: () => Date;
}

export interface PushOutcome {
  /** Mutations sent (counting resends). */
  sent: number;
  rejected: number;
  conflicts: number;
}

/**
 * Sends every outbox entry after `pushedSeq`, in seq order and in batches, and records the answers:
 * rejected entries move to the rejected list (and the optimistic view is rebased without them),
 * conflicts are noted, applied/duplicate entries stay queued until a pull confirms them.
 * A gap restarts from the server's lastSeq + 1. Throws RetryLaterError for `stopped: retry`, and lets
 * transport errors through; nothing local is lost in either case.
 */
export async function pushOutbox(db: ReplicaDb, transport: SyncTransport, options: PushOptions = {}): Promise<PushOutcome> {
  const batchSize = Math.min(options.batchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  const maxRequests = options.maxRequests ?? 50;
  const now = options.now ?? (() => new Date());
  const outcome: PushOutcome = { sent: 0, rejected: 0, conflicts: 0 };
  const clientId = await getMeta(db, "clientId");
  if (!clientId) throw new Error("The replica has no clientId.");
  let afterGap = false;
  let next = await db.transaction("r", [db.meta, db.outbox], () => readNext(db, batchSize));

  for (let stalled = 0; ;) {
    const { from, batch } = next;
    if (batch.length === 0) return outcome;
    if (afterGap && batch[0]!.seq !== from + 1) {
      throw new SyncStuckError(`The server needs change #${from + 1}, which this device no longer has.`);
    }
    // Only requests that move nothing forward count towards the limit: a 20,000-change import takes
    // 100 requests of 200 and must not be sent to backoff half-way.
    if (stalled >= maxRequests) throw new RetryLaterError("Push is not making progress; will retry.");

    const response = await transport.push({ clientId, schemaVersion: REPLICA_SCHEMA_VERSION, mutations: batch.map(toWire) });
    outcome.sent += batch.length;
    next = await recordResponse(db, batch, response, outcome, now().toISOString(), batchSize);

    if (response.stopped?.reason === "retry") throw new RetryLaterError(response.stopped.message);
    stalled = response.lastSeq > from ? 0 : stalled + 1;
    afterGap = response.stopped?.reason === "gap";
    if (!afterGap && response.lastSeq < batch[batch.length - 1]!.seq && response.lastSeq <= from) {
      // The server consumed nothing and gave no reason: treat as temporary.
      throw new RetryLaterError("The server did not accept any change; will retry.");
    }
  }
}

/** Where to send from (pushedSeq) and the entries after it; inside a transaction covering meta and outbox. */
async function readNext(db: ReplicaDb, batchSize: number): Promise<{ from: number; batch: OutboxEntry[] }> {
  const from = (await getMeta(db, "pushedSeq")) ?? 0;
  return { from, batch: await db.outbox.where("seq").above(from).limit(batchSize).toArray() };
}

/**
 * Records a push answer and, in the same transaction, reads the next round's batch. One IndexedDB
 * transaction per round, not three: while an import queues, every transaction waits behind the chunk
 * being queued (it covers every table), so pushes crawled at a third of the queueing speed.
 */
async function recordResponse(
  db: ReplicaDb,
  batch: OutboxEntry[],
  response: PushResponse,
  outcome: PushOutcome,
  at: string,
  batchSize: number,
): Promise<{ from: number; batch: OutboxEntry[] }> {
  const bySeq = new Map(batch.map((e) => [e.seq, e]));
  return db.transaction("rw", db.tables, async () => {
    let removed = false;
    for (const result of response.results) {
      const entry = bySeq.get(result.seq);
      if (!entry || entry.id !== result.id) continue; // Not ours (or stale): ignore rather than guess.
      const notice = noticeFor(result, entry, at);
      if (!notice) continue;
      await db.rejected.put(notice);
      if (notice.kind === "rejected") {
        await db.outbox.delete(entry.seq);
        removed = true;
        outcome.rejected++;
      } else {
        outcome.conflicts++;
      }
    }
    // lastSeq is where the server wants us to continue from, also after a gap (it may go down).
    await setMeta(db, "pushedSeq", response.lastSeq);
    // A rejected mutation's optimistic effect must disappear now, not at some later pull (unless a
    // large backlog is being sent: then once it is small, see rebaseUnlessBacklog).
    if (removed) await rebaseUnlessBacklog(db);
    return readNext(db, batchSize);
  });
}

/** The notice a result warrants, or null when the entry is simply confirmed. */
function noticeFor(result: MutationOutcome, entry: OutboxEntry, at: string): NoticeEntry | null {
  const base = { id: entry.id, seq: entry.seq, name: entry.name, args: entry.args, at };
  switch (result.status) {
    case "applied":
      return null;
    case "rejected":
      return { ...base, kind: "rejected", code: result.code, message: result.message };
    case "conflict":
      return { ...base, kind: "conflict", code: result.code, message: result.message };
    case "duplicate":
      // The first answer was lost. Its details are gone, but the outcome still matters to the user.
      if (result.original === "rejected")
        return { ...base, kind: "rejected", code: "REJECTED", message: "The server refused this change." };
      if (result.original === "conflict")
        return { ...base, kind: "conflict", code: "CONFLICT", message: "Applied, but it conflicted with another change." };
      return null;
  }
}
