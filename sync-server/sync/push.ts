/**
 * Push: applies a client's queued mutations in seq order, each exactly once.
 *
 * Per mutation (SYNC-PROTOCOL): seq <= lastSeq → answer the stored result; seq > lastSeq + 1 → stop, gap;
 * otherwise check permission and arguments, run the mutator under the practice's version lock, store the
 * result and advance lastSeq, all in one transaction. A business rejection is stored and consumes the seq
 * (its writes undone by a savepoint); an unexpected error consumes nothing and stops the batch, so the
 * client retries it later.
 *
 * The mutations go in chunks, one transaction each (push-chunk.ts): `per-batch` mode chunks of `chunk`
 * (default DEFAULT_PUSH_CHUNK), `per-mutation` mode chunks of one (the benchmark compares them). What is
 * the same for every mutation of a chunk is done once per chunk (profiled: these fixed costs were most
 * of the statements and of the CPU per mutation): client lock, practice version, stored results and
 * lastSeq. In per-batch mode a push that is a single chunk (a tablet's latest change) is committed
 * together with the other pushes of its practice that queue meanwhile (group commit), so twenty tablets
 * share the fixed costs and the practice lock's turns instead of queueing for them one by one.
 */
import { DomainError, isDomainError } from "../../shared/errors.js";
import type { MutationOutcome, PushMutation, PushRequest, PushResponse } from "../../shared/protocol/push.js";
import { MIN_CLIENT_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../log/logger.js";
import { CLIENT_MISMATCH, readLastSeq } from "./clients.js";
import type { ApplyDeps, Effect, PushSession } from "./push-apply.js";
import { runAlone, type ChunkPart, type PushGroups } from "./push-chunk.js";

export type { PushSession } from "./push-apply.js";
export { pushGroups, type PushGroups } from "./push-chunk.js";

export type PushMode = "per-mutation" | "per-batch";

export interface PushDeps extends ApplyDeps {
  db: Db;
  log: Logger;
  mode: PushMode;
  /** Mutations per transaction in per-batch mode (default DEFAULT_PUSH_CHUNK). */
  chunk?: number;
  /** Called after commit when something changed, to poke other clients of the practice. */
  onCommitted?: (practiceId: string) => void;
  /** The process's group commit (per-batch mode): a one-chunk push takes its practice's next turn. */
  groups?: PushGroups;
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
      const part: ChunkPart = {
        session,
        clientId: req.clientId,
        schemaVersion: req.schemaVersion,
        chunk: mutations.slice(i, end),
        requestId,
      };
      // A push that is one chunk (a tablet's latest change) takes the next turn of its practice with
      // whatever other pushes queue meanwhile (group-commit.ts); a longer one takes turns on its own.
      const r =
        deps.groups && i === 0 && end >= mutations.length
          ? await deps.groups.run(session.practiceId, {
              item: part,
              member: req.clientId,
              weight: chunkWeight(part.chunk, deps.batchMutators),
            })
          : await runAlone(deps, part);
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
    weight += mutationWeight(mutations[end]!, batchMutators);
    end++;
  }
  return Math.max(end, from + 1);
}

function mutationWeight(m: PushMutation, batchMutators: ApplyDeps["batchMutators"]): number {
  return batchMutators && Object.hasOwn(batchMutators, m.name) ? 0.25 : 1;
}

function chunkWeight(chunk: readonly PushMutation[], batchMutators: ApplyDeps["batchMutators"]): number {
  return chunk.reduce((sum, m) => sum + mutationWeight(m, batchMutators), 0);
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
