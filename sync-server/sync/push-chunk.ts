/**
 * The transaction of a push chunk: one push's chunk on its own (runAlone), or the chunks of several
 * pushes of one practice in one turn of the group commit (runTurn, group-commit.ts).
 *
 * In one transaction: the clients' rows are locked and the practice version taken in one statement
 * (every row the transaction writes carries that version; pulls page at version bounds, so its rows
 * arrive together); each new mutation runs in its savepoint, so a rejection undoes only its own writes
 * (its stored result is written all the same); a run of one name that has a batch mutator is applied
 * set-based, falling back to one by one (push-apply.ts); the stored results, the audit entries and every
 * client's lastSeq go in one statement at the end.
 */
import type { MutationOutcome, PushMutation } from "../../shared/protocol/push.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import type { Db, Tx } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";
import type { AuditEntry } from "../audit/audit.js";
import { beginChunk, beginGroup } from "./clients.js";
import { GroupCommit, type Settled } from "./group-commit.js";
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
  type Pending,
  type PushSession,
  type RunOutcome,
} from "./push-apply.js";
import { replay, storedResults, storeResults, type NewResult, type StoredRow } from "./push-results.js";
import { nextVersion } from "./versions.js";

/** One push's chunk: whose it is and its mutations (in seq order). */
export interface ChunkPart {
  session: PushSession;
  clientId: string;
  schemaVersion: number;
  chunk: PushMutation[];
  requestId: string;
}

/** What one committed chunk produced for its push. */
export interface ChunkResult {
  outcomes: MutationOutcome[];
  changed: boolean;
  effects: Effect[];
  /** The client's lastSeq as this chunk committed it. */
  lastSeq: number;
  /** The chunk stopped at a seq beyond lastSeq + 1. */
  gap: boolean;
}

export type PushGroups = GroupCommit<ChunkPart, ChunkResult>;

/** What a turn's transaction needs besides its pushes. */
export type TurnDeps = ApplyDeps & { db: Db };

/** The group commit of one server process's pushes (per-batch mode), up to `chunk` mutations a turn. */
export function pushGroups(deps: TurnDeps, chunk = DEFAULT_PUSH_CHUNK): PushGroups {
  return new GroupCommit(chunk, (parts) => runTurn(deps, parts));
}

/**
 * One turn: its pushes in one transaction (one client lock each, one version, one statement for all
 * their results). If that transaction fails for any reason (a new or foreign client, a database error,
 * a mutator's bug), nothing of it was committed, and each push is applied on its own, as without
 * grouping: one push's trouble never becomes another's.
 */
async function runTurn(deps: TurnDeps, parts: ChunkPart[]): Promise<Settled<ChunkResult>[]> {
  if (parts.length > 1) {
    try {
      const values = await withTransaction(deps.db, (tx) => runChunk(tx, deps, parts, true), txOptions(parts[0]!.session.practiceId));
      return values.map((value) => ({ ok: true, value }));
    } catch {
      // Each push alone below: the one at fault meets its error again there and answers it.
    }
  }
  const answers: Settled<ChunkResult>[] = [];
  for (const part of parts) {
    answers.push(
      await runAlone(deps, part).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
  }
  return answers;
}

/** One push's chunk in its own transaction. */
export function runAlone(deps: TurnDeps, part: ChunkPart): Promise<ChunkResult> {
  const attempt = (savepoints: boolean) =>
    withTransaction(deps.db, (tx) => runChunk(tx, deps, [part], savepoints), txOptions(part.session.practiceId)).then((r) => r[0]!);
  // A lone mutation goes without a savepoint (one round trip fewer, under the practice lock); if it
  // is refused, its chunk is rolled back and applied again with one, so the refusal is still stored.
  return attempt(part.chunk.length > 1).catch((err: unknown) => {
    if (err instanceof SavepointNeeded) return attempt(true);
    throw err;
  });
}

function txOptions(practiceId: string) {
  return { practiceId, timeoutMs: 60_000, practiceContextByCaller: true }; // app_push_begin(_group) sets it
}

/** What each mutation of a push's chunk is: answered from a stored result, or new (applied now); a gap ends it. */
type Step = { kind: "replay"; m: PushMutation } | { kind: "fresh"; m: PushMutation };

/** The chunk read against the client's lastSeq: every new seq is consumed (applied or refused), in order. */
function planChunk(chunk: readonly PushMutation[], lastSeq: number): { steps: Step[]; lastSeq: number; gap: boolean } {
  const steps: Step[] = [];
  for (const m of chunk) {
    if (m.seq <= lastSeq)
      steps.push({ kind: "replay", m }); // stored before, or earlier in this chunk (the same seq twice)
    else if (m.seq > lastSeq + 1) return { steps, lastSeq, gap: true };
    else {
      steps.push({ kind: "fresh", m });
      lastSeq = m.seq;
    }
  }
  return { steps, lastSeq, gap: false };
}

/**
 * One transaction for the chunks of one or more pushes of a practice (one push, or a turn): lock the
 * clients' rows and take the practice version in one statement, apply every new mutation under that
 * version, each in its savepoint (`savepoints` false: a lone mutation, see runAlone), a run of one name
 * set-based; then store all the results and each client's new lastSeq in one statement. The pushes'
 * mutations are applied one push after another, each push's in seq order: as if the pushes had
 * committed one after another.
 */
async function runChunk(tx: Tx, deps: TurnDeps, parts: ChunkPart[], savepoints: boolean): Promise<ChunkResult[]> {
  const practiceId = parts[0]!.session.practiceId;
  const begun =
    parts.length === 1
      ? await beginChunk(
          tx,
          parts[0]!.clientId,
          parts[0]!.session,
          parts[0]!.schemaVersion,
          parts[0]!.chunk.map((m) => m.seq),
        ).then((b) => ({
          lastSeqs: [b.lastSeq],
          version: b.version,
        }))
      : await beginGroup(
          tx,
          practiceId,
          parts.map((p) => ({ clientId: p.clientId, practiceId, userId: p.session.userId, seqs: p.chunk.map((m) => m.seq) })),
        );
  let version: bigint | undefined = begun.version ?? undefined;
  const chunkVersion = async () => (version ??= await nextVersion(tx, practiceId));
  const savepoint = new MutationSavepoint(tx, savepoints);
  const plans = parts.map((p, i) => planChunk(p.chunk, begun.lastSeqs[i]!));
  const scopes = parts.map((p): ChunkScope => ({
    tx,
    deps,
    session: p.session,
    clientId: p.clientId,
    requestId: p.requestId,
    chunkVersion,
    savepoint,
  }));

  const stored: Array<Map<number, StoredRow>> = [];
  for (const [i, part] of parts.entries()) {
    const replays = part.chunk.filter((m) => m.seq <= begun.lastSeqs[i]!).map((m) => m.seq);
    stored.push(replays.length ? await storedResults(tx, part.clientId, replays) : new Map());
  }

  const pending: Pending[] = plans.flatMap((plan, i) =>
    plan.steps.flatMap((s) => (s.kind === "fresh" ? [{ scope: scopes[i]!, m: s.m }] : [])),
  );
  // Keyed by client and seq: a turn never holds two pushes of one client.
  const applied = new Map<string, RunOutcome>();
  const key = (clientId: string, m: PushMutation) => `${clientId}|${m.seq}`;
  // Index before which no batch is tried again: a run that fell back goes one by one.
  let singlesUntil = 0;
  for (let k = 0; k < pending.length;) {
    if (k >= singlesUntil) {
      const run = batchableRun(pending, k, deps.batchMutators);
      if (run) {
        const outcomes = await applyRun(run);
        if (outcomes) {
          outcomes.forEach((o, i) => applied.set(key(run.entries[i]!.scope.clientId, run.entries[i]!.m), o));
          k += run.entries.length;
          continue;
        }
        singlesUntil = k + run.entries.length;
      }
    }
    const p = pending[k]!;
    const collected: Collected = { effects: [], audits: [] };
    applied.set(key(p.scope.clientId, p.m), { outcome: await applyMutation(p.scope, p.m, collected), collected });
    k++;
  }

  const results = parts.map((part, i) => resultOf(part, plans[i]!, (m) => applied.get(key(part.clientId, m))!, stored[i]!));
  const fresh = results.flatMap((r) => r.fresh);
  if (fresh.length) {
    const advanced = results.flatMap((r, i) => (r.fresh.length ? [{ clientId: parts[i]!.clientId, lastSeq: r.result.lastSeq }] : []));
    await storeResults(
      tx,
      practiceId,
      advanced,
      fresh,
      results.flatMap((r) => r.audits),
    );
  }
  return results.map((r) => r.result);
}

/** A push's answers in its chunk's order, and what its new mutations leave to store. */
function resultOf(
  part: ChunkPart,
  plan: ReturnType<typeof planChunk>,
  appliedOf: (m: PushMutation) => RunOutcome,
  stored: Map<number, StoredRow>,
): { result: ChunkResult; fresh: NewResult[]; audits: AuditEntry[] } {
  const fresh: NewResult[] = [];
  const audits: AuditEntry[] = [];
  const result: ChunkResult = { outcomes: [], changed: false, effects: [], lastSeq: plan.lastSeq, gap: plan.gap };
  for (const { kind, m } of plan.steps) {
    if (kind === "replay") {
      result.outcomes.push(replay(m, fresh.find((r) => r.seq === m.seq) ?? stored.get(m.seq)));
      continue;
    }
    const { outcome, collected } = appliedOf(m);
    fresh.push({
      clientId: part.clientId,
      seq: m.seq,
      mutationId: m.id,
      name: m.name.slice(0, 100),
      status: outcome.status === "applied" ? "APPLIED" : outcome.status === "conflict" ? "CONFLICT" : "REJECTED",
      code: "code" in outcome ? outcome.code : null,
      message: "message" in outcome ? outcome.message : null,
    });
    result.outcomes.push(outcome);
    if (outcome.status !== "rejected") {
      result.changed = true;
      result.effects.push(...collected.effects);
      audits.push(...collected.audits);
    }
  }
  return { result, fresh, audits };
}
