/**
 * Push: applies a client's queued mutations in seq order, each exactly once.
 *
 * Per mutation (SYNC-PROTOCOL): seq <= lastSeq → answer the stored result; seq > lastSeq + 1 → stop, gap;
 * otherwise check permission and arguments, run the mutator under the practice's version lock, store the
 * result and advance lastSeq, all in one transaction. A business rejection is stored and consumes the seq
 * (its writes undone by a savepoint); an unexpected error consumes nothing and stops the batch, so the
 * client retries it later.
 *
 * The mutations go in chunks, one transaction each: `per-batch` mode chunks of `chunk` (default
 * DEFAULT_PUSH_CHUNK), `per-mutation` mode chunks of one (the benchmark compares them). What is the
 * same for every mutation of a chunk is done once per chunk (profiled: these fixed costs were most of
 * the statements and of the CPU per mutation): the client row is bound and locked once, the practice
 * version is taken once (every row the chunk writes carries it; pulls page at version bounds, so a
 * chunk's rows arrive together), the stored results go in one multi-row insert and `lastSeq` is
 * written once, together with them. Each mutation still runs in its own savepoint, so a rejection undoes
 * only its own writes (its stored result is written all the same). A run of consecutive mutations of one
 * name that has a batch mutator (a tablet's day of adjustments or count lines) is applied set-based in
 * one savepoint, falling back to one by one when any of it would be refused (push-apply.ts).
 */
import { DomainError, isDomainError } from "../../shared/errors.js";
import type { MutationOutcome, PushMutation, PushRequest, PushResponse } from "../../shared/protocol/push.js";
import { MIN_CLIENT_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import { Prisma, type Db, type Tx } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";
import type { Logger } from "../log/logger.js";
import type { AuditEntry } from "../audit/audit.js";
import { beginChunk, CLIENT_MISMATCH, readLastSeq } from "./clients.js";
import {
  applyMutation,
  applyRun,
  batchableRun,
  MutationSavepoint,
  SavepointNeeded,
  type ApplyDeps,
  type ChunkScope,
  type Collected,
  type Effect,
  type PushSession,
} from "./push-apply.js";
import { nextVersion } from "./versions.js";

export type { PushSession } from "./push-apply.js";

export type PushMode = "per-mutation" | "per-batch";

export interface PushDeps extends ApplyDeps {
  db: Db;
  log: Logger;
  mode: PushMode;
  /** Mutations per transaction in per-batch mode (default DEFAULT_PUSH_CHUNK). */
  chunk?: number;
  /** Called after commit when something changed, to poke other clients of the practice. */
  onCommitted?: (practiceId: string) => void;
}

/** What one committed chunk produced. */
interface ChunkResult {
  outcomes: MutationOutcome[];
  changed: boolean;
  effects: Effect[];
  /** The client's lastSeq as this chunk committed it. */
  lastSeq: number;
  /** The chunk stopped at a seq beyond lastSeq + 1. */
  gap: boolean;
}

/** A new result, stored at the end of its chunk. */
interface NewResult {
  seq: number;
  mutationId: string;
  name: string;
  status: "APPLIED" | "CONFLICT" | "REJECTED";
  code: string | null;
  message: string | null;
}

export async function push(deps: PushDeps, session: PushSession, req: PushRequest, requestId: string): Promise<PushResponse> {
  if (req.schemaVersion < MIN_CLIENT_SCHEMA_VERSION) {
    throw new DomainError("SCHEMA_TOO_OLD", "This version of the app is too old to sync. Update the app; your pending changes are kept.");
  }
  const mutations = [...req.mutations].sort((a, b) => a.seq - b.seq);
  // Chunks bound how long this push holds the practice's version lock (other tablets wait on it).
  const size = deps.mode === "per-batch" ? (deps.chunk ?? DEFAULT_PUSH_CHUNK) : 1;
  const results: MutationOutcome[] = [];
  const committedEffects: Effect[] = [];
  let changed = false;
  let stopped: PushResponse["stopped"];
  let lastSeq: number | undefined;

  try {
    // At least one chunk, so that an empty push still binds the client and answers its lastSeq.
    for (let i = 0, end = 0; i === 0 || (i < mutations.length && !stopped); i = end) {
      end = chunkEnd(mutations, i, size, deps.batchMutators);
      const chunk = mutations.slice(i, end);
      const attempt = (savepoints: boolean) =>
        withTransaction(deps.db, (tx) => runChunk(tx, deps, session, req, chunk, requestId, savepoints), {
          practiceId: session.practiceId,
          timeoutMs: 60_000,
          practiceContextByCaller: true, // beginChunk's statement sets it
        });
      // A lone mutation goes without a savepoint (one round trip fewer, under the practice lock); if it
      // is refused, its chunk is rolled back and applied again with one, so the refusal is still stored.
      const r = await attempt(chunk.length > 1).catch((err: unknown) => {
        if (err instanceof SavepointNeeded) return attempt(true);
        throw err;
      });
      results.push(...r.outcomes);
      committedEffects.push(...r.effects);
      changed ||= r.changed;
      lastSeq = r.lastSeq;
      if (r.gap) stopped = gapStop(r.lastSeq);
    }
  } catch (err) {
    if (isDomainError(err) && err.code === CLIENT_MISMATCH) throw err;
    // Unexpected (database down, deadlock, bug): nothing of the failed transaction was consumed.
    deps.log.error({ err, clientId: req.clientId }, "push stopped by an unexpected error; the client will retry");
    stopped = {
      reason: "retry",
      code: "SERVICE_UNAVAILABLE",
      message: "The server could not save your changes right now; they stay queued and will be retried.",
    };
  }

  await runEffects(deps.log, committedEffects);
  if (changed && deps.onCommitted) deps.onCommitted(session.practiceId);
  // The last committed chunk knows lastSeq; only a push whose first chunk failed has to ask.
  lastSeq ??= await readLastSeq(deps.db, session.practiceId, req.clientId);
  return stopped ? { lastSeq, results, stopped } : { lastSeq, results };
}

/**
 * Where the chunk starting at `from` ends: `size` mutations, where a mutation that has a batch mutator
 * counts a quarter (a run of them costs a few statements in all, so a chunk can hold four times as many
 * for the same time under the practice lock; a day's count lines then take a quarter of the lock turns).
 */
function chunkEnd(mutations: readonly PushMutation[], from: number, size: number, batchMutators: ApplyDeps["batchMutators"]): number {
  let weight = 0;
  let end = from;
  while (end < mutations.length && weight < size) {
    const name = mutations[end]!.name;
    weight += batchMutators && Object.hasOwn(batchMutators, name) ? 0.25 : 1;
    end++;
  }
  return Math.max(end, from + 1);
}

/** Post-commit effects must not turn a committed push into an error: they have their own recovery (e.g. the outbox sweep). */
async function runEffects(log: Logger, effects: Effect[]) {
  for (const effect of effects) {
    try {
      await effect();
    } catch (err) {
      log.warn({ err }, "post-commit effect failed; its own recovery will pick it up");
    }
  }
}

function gapStop(lastSeq: number): NonNullable<PushResponse["stopped"]> {
  return { reason: "gap", code: "SEQ_GAP", message: `Expected seq ${lastSeq + 1}; resend from there.` };
}

/**
 * One chunk in one transaction: lock the client row (binding it on first use) and take the practice
 * version in one statement, replay stored results, apply the new mutations each in its savepoint under
 * that version (`savepoints` false: a lone mutation, see push), then store their results and the new
 * lastSeq in one statement.
 */
async function runChunk(
  tx: Tx,
  deps: PushDeps,
  session: PushSession,
  req: PushRequest,
  chunk: PushMutation[],
  requestId: string,
  savepoints: boolean,
): Promise<ChunkResult> {
  const clientId = req.clientId;
  // Two pushes of one client (a retry racing the original) take turns on the client lock; the version
  // (and practice lock) comes in the same statement when the chunk holds the next seq.
  const begun = await beginChunk(
    tx,
    clientId,
    session,
    req.schemaVersion,
    chunk.map((m) => m.seq),
  );
  let lastSeq = begun.lastSeq;
  const replays = chunk.filter((m) => m.seq <= lastSeq).map((m) => m.seq);
  const stored = replays.length ? await storedResults(tx, clientId, replays) : new Map<number, StoredRow>();

  const outcomes: MutationOutcome[] = [];
  const effects: Effect[] = [];
  const fresh: NewResult[] = [];
  const audits: AuditEntry[] = [];
  let version: bigint | undefined = begun.version ?? undefined;
  let changed = false;
  let gap = false;
  const scope: ChunkScope = {
    tx,
    deps,
    session,
    clientId,
    requestId,
    chunkVersion: async () => (version ??= await nextVersion(tx, session.practiceId)),
    savepoint: new MutationSavepoint(tx, savepoints),
  };

  const record = (m: PushMutation, outcome: MutationOutcome, collected: Collected) => {
    fresh.push({
      seq: m.seq,
      mutationId: m.id,
      name: m.name.slice(0, 100),
      status: outcome.status === "applied" ? "APPLIED" : outcome.status === "conflict" ? "CONFLICT" : "REJECTED",
      code: "code" in outcome ? outcome.code : null,
      message: "message" in outcome ? outcome.message : null,
    });
    outcomes.push(outcome);
    lastSeq = m.seq;
    if (outcome.status !== "rejected") {
      changed = true;
      effects.push(...collected.effects);
      audits.push(...collected.audits);
    }
  };

  // Index before which no batch is tried again: a run that fell back goes one by one.
  let singlesUntil = 0;
  for (let k = 0; k < chunk.length;) {
    const m = chunk[k]!;
    if (m.seq <= lastSeq) {
      // Stored before this push, or earlier in this chunk (the same seq sent twice).
      const earlier = fresh.find((r) => r.seq === m.seq);
      outcomes.push(replay(m, earlier ?? stored.get(m.seq)));
      k++;
      continue;
    }
    if (m.seq > lastSeq + 1) {
      gap = true;
      break;
    }
    if (k >= singlesUntil) {
      const run = batchableRun(chunk, k, deps.batchMutators);
      if (run) {
        const applied = await applyRun(scope, run);
        if (applied) {
          applied.forEach((a, i) => record(run.mutations[i]!, a.outcome, a.collected));
          k += run.mutations.length;
          continue;
        }
        singlesUntil = k + run.mutations.length;
      }
    }
    const collected: Collected = { effects: [], audits: [] };
    record(m, await applyMutation(scope, m, collected), collected);
    k++;
  }
  if (fresh.length) await storeResults(tx, session.practiceId, clientId, fresh, lastSeq, audits);
  return { outcomes, changed, effects, lastSeq, gap };
}

/** The results, the applied mutations' audit entries and the new lastSeq, in one statement. */
async function storeResults(
  tx: Tx,
  practiceId: string,
  clientId: string,
  fresh: NewResult[],
  lastSeq: number,
  audits: AuditEntry[],
): Promise<void> {
  const rows = fresh.map(
    (r) =>
      Prisma.sql`(${clientId}::uuid, ${r.seq}::int, ${practiceId}::uuid, ${r.mutationId}::uuid, ${r.name}, ${r.status}::"MutationStatus", ${r.code}, ${r.message})`,
  );
  // Without RETURNING, as writeAudit: under row-level security RETURNING would count as reading.
  const audited = audits.length
    ? Prisma.sql`, audited AS (
      INSERT INTO "AuditLog" ("id", "practiceId", "actorId", "action", "entity", "entityId", "changes", "requestId", "mutationId")
      VALUES ${Prisma.join(audits.map((a) => Prisma.sql`(gen_random_uuid(), ${a.practiceId}::uuid, ${a.actorId}::uuid, ${a.action}, ${a.entity ?? null}, ${a.entityId ?? null}, ${JSON.stringify(a.changes ?? {})}::jsonb, ${a.requestId ?? null}, ${a.mutationId ?? null}::uuid)`))}
    )`
    : Prisma.empty;
  await tx.$executeRaw`
    WITH stored AS (
      INSERT INTO "MutationResult" ("clientId", "seq", "practiceId", "mutationId", "name", "status", "code", "message")
      VALUES ${Prisma.join(rows)}
    )${audited}
    UPDATE "SyncClient" SET "lastSeq" = ${lastSeq}::int, "lastPushAt" = now() WHERE "id" = ${clientId}::uuid`;
}

interface StoredRow {
  mutationId: string;
  status: "APPLIED" | "CONFLICT" | "REJECTED";
  code: string | null;
  message: string | null;
}

/** The stored results of `seqs`, in one query. */
async function storedResults(tx: Tx, clientId: string, seqs: number[]): Promise<Map<number, StoredRow>> {
  const rows = await tx.$queryRaw<(StoredRow & { seq: number })[]>`
    SELECT "seq", "mutationId"::text AS "mutationId", "status"::text AS "status", "code", "message"
    FROM "MutationResult" WHERE "clientId" = ${clientId}::uuid AND "seq" = ANY(${seqs}::int[])`;
  return new Map(rows.map((r) => [r.seq, r]));
}

function replay(m: PushMutation, stored: StoredRow | undefined): MutationOutcome {
  const original = stored?.status === "REJECTED" ? "rejected" : stored?.status === "CONFLICT" ? "conflict" : "applied";
  if (stored?.status === "REJECTED") {
    // Replaying a rejection must keep telling the client why, so it can show the reason.
    return {
      seq: m.seq,
      id: stored.mutationId,
      status: "rejected",
      code: stored.code ?? "REJECTED",
      message: stored.message ?? "Rejected.",
    };
  }
  return { seq: m.seq, id: stored?.mutationId ?? m.id, status: "duplicate", original };
}
