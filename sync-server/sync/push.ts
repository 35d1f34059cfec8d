/**
 * Push: applies a client's queued mutations in seq order, each exactly once.
 *
 * Per mutation (SYNC-PROTOCOL): seq <= lastSeq → answer the stored result; seq > lastSeq + 1 → stop, gap;
 * otherwise check permission and arguments, run the mutator under the practice's version lock, store the
 * result and advance lastSeq, all in one transaction. A business rejection is stored and consumes the seq
 * (its writes undone by a savepoint); an unexpected error consumes nothing and stops the batch, so the
 * client retries it later.
 *
 * Two transaction shapes, chosen by `mode` (the benchmark compares them): one transaction per mutation,
 * or one per batch with a savepoint per mutation.
 */
import type { Role } from "../../shared/auth/roles.js";
import { can } from "../../shared/auth/roles.js";
import { DomainError, isDomainError } from "../../shared/errors.js";
import { mutationNamed } from "../../shared/mutations/index.js";
import type { MutationOutcome, PushMutation, PushRequest, PushResponse } from "../../shared/protocol/push.js";
import { MIN_CLIENT_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import type { Db, Tx } from "../db/prisma.js";
import { withSavepoint, withTransaction } from "../db/transaction.js";
import type { Logger } from "../log/logger.js";
import type { EmailEnqueuer } from "../email/outbox.js";
import { bindClient } from "./clients.js";
import { asBusinessError } from "./db-errors.js";
import { serverMutatorNamed } from "../domains/server-mutators.js";
import { nextVersion } from "./versions.js";

export type PushMode = "per-mutation" | "per-batch";

export interface PushSession {
  practiceId: string;
  userId: string;
  role: Role;
}

export interface PushDeps {
  db: Db;
  log: Logger;
  mode: PushMode;
  /** Mutations per transaction in per-batch mode (default DEFAULT_PUSH_CHUNK). */
  chunk?: number;
  emails?: EmailEnqueuer;
  /** Called after commit when something changed, to poke other clients of the practice. */
  onCommitted?: (practiceId: string) => void;
}

type Effect = () => Promise<unknown> | void;
type Step = { kind: "outcome"; outcome: MutationOutcome; changed: boolean; effects: Effect[] } | { kind: "gap"; lastSeq: number };

export async function push(deps: PushDeps, session: PushSession, req: PushRequest, requestId: string): Promise<PushResponse> {
  if (req.schemaVersion < MIN_CLIENT_SCHEMA_VERSION) {
    throw new DomainError("SCHEMA_TOO_OLD", "This version of the app is too old to sync. Update the app; your pending changes are kept.");
  }
  await bindClient(deps.db, req.clientId, session, req.schemaVersion);
  const mutations = [...req.mutations].sort((a, b) => a.seq - b.seq);
  const results: MutationOutcome[] = [];
  let changed = false;
  let stopped: PushResponse["stopped"];
  let pendingEffects: Effect[] = [];
  const committedEffects: Effect[] = [];

  const runOne = async (tx: Tx, m: PushMutation) => {
    const step = await processMutation(tx, session, req.clientId, m, requestId, deps.emails);
    if (step.kind === "outcome") {
      results.push(step.outcome);
      changed ||= step.changed;
      pendingEffects.push(...step.effects);
    }
    return step;
  };
  const commitEffects = () => {
    committedEffects.push(...pendingEffects);
    pendingEffects = [];
  };

  try {
    if (deps.mode === "per-batch") {
      // Chunks bound how long this push holds the practice's version lock (other tablets wait on it).
      const size = deps.chunk ?? DEFAULT_PUSH_CHUNK;
      for (let i = 0; i < mutations.length && !stopped; i += size) {
        const chunkResults = results.length;
        try {
          await withTransaction(deps.db, async (tx) => {
            for (const m of mutations.slice(i, i + size)) {
              const step = await runOne(tx, m);
              if (step.kind === "gap") return void (stopped = gapStop(step.lastSeq));
            }
          }, { practiceId: session.practiceId, timeoutMs: 60_000 });
        } catch (err) {
          results.length = chunkResults; // the failed chunk committed nothing
          pendingEffects = [];
          throw err;
        }
        commitEffects();
      }
    } else {
      for (const m of mutations) {
        const step = await withTransaction(deps.db, (tx) => runOne(tx, m), { practiceId: session.practiceId });
        commitEffects();
        if (step.kind === "gap") {
          stopped = gapStop(step.lastSeq);
          break;
        }
      }
    }
  } catch (err) {
    // Unexpected (database down, deadlock, bug): nothing of the failed transaction was consumed.
    deps.log.error({ err, clientId: req.clientId }, "push stopped by an unexpected error; the client will retry");
    stopped = { reason: "retry", code: "SERVICE_UNAVAILABLE", message: "The server could not save your changes right now; they stay queued and will be retried." };
  }

  await runEffects(deps.log, committedEffects);
  if (changed && deps.onCommitted) deps.onCommitted(session.practiceId);
  const lastSeq = await readLastSeq(deps.db, session.practiceId, req.clientId);
  return stopped ? { lastSeq, results, stopped } : { lastSeq, results };
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

async function readLastSeq(db: Db, practiceId: string, clientId: string): Promise<number> {
  const row = await withTransaction(db, (tx) => tx.syncClient.findUnique({ where: { id: clientId }, select: { lastSeq: true } }), { practiceId });
  return row?.lastSeq ?? 0;
}

async function processMutation(tx: Tx, session: PushSession, clientId: string, m: PushMutation, requestId: string, emails?: EmailEnqueuer): Promise<Step> {
  // Lock the client row: two pushes of one client (a retry racing the original) take turns.
  const [client] = await tx.$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "SyncClient" WHERE "id" = ${clientId}::uuid FOR UPDATE`;
  const lastSeq = client?.lastSeq ?? 0;
  if (m.seq <= lastSeq) return { kind: "outcome", outcome: await storedOutcome(tx, clientId, m), changed: false, effects: [] };
  if (m.seq > lastSeq + 1) return { kind: "gap", lastSeq };

  const effects: Effect[] = [];
  const outcome = await applyMutation(tx, session, clientId, m, requestId, effects, emails);
  await tx.mutationResult.create({
    data: {
      clientId,
      seq: m.seq,
      practiceId: session.practiceId,
      mutationId: m.id,
      name: m.name.slice(0, 100),
      status: outcome.status === "applied" ? "APPLIED" : outcome.status === "conflict" ? "CONFLICT" : "REJECTED",
      code: "code" in outcome ? outcome.code : null,
      message: "message" in outcome ? outcome.message : null,
    },
  });
  await tx.syncClient.update({ where: { id: clientId }, data: { lastSeq: m.seq, lastPushAt: new Date() } });
  if (outcome.status === "rejected") effects.length = 0;
  return { kind: "outcome", outcome, changed: outcome.status !== "rejected", effects };
}

async function applyMutation(
  tx: Tx, session: PushSession, clientId: string, m: PushMutation, requestId: string, effects: Effect[], emails?: EmailEnqueuer,
): Promise<MutationOutcome> {
  const reject = (code: string, message: string): MutationOutcome => ({ seq: m.seq, id: m.id, status: "rejected", code, message });
  const def = mutationNamed(m.name);
  const mutator = serverMutatorNamed(m.name);
  if (!def || !mutator) return reject("UNKNOWN_MUTATION", `Unknown mutation "${m.name}".`);
  if (!can(session.role, def.permission)) return reject("FORBIDDEN", "Your role does not allow this change.");
  const parsed = def.args.safeParse(m.args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject("VALIDATION_FAILED", issue ? `${issue.path.join(".") || "args"}: ${issue.message}` : "Invalid arguments.");
  }

  const version = await nextVersion(tx, session.practiceId);
  const ctx = {
    tx, practiceId: session.practiceId, userId: session.userId, role: session.role, clientId, mutationId: m.id, requestId, version,
    afterCommit: (effect: Effect) => void effects.push(effect),
    emails,
  };
  try {
    const result = await withSavepoint(tx, "mutation", () => mutator(ctx, parsed.data as never));
    if (result && "conflict" in result) return { seq: m.seq, id: m.id, status: "conflict", ...result.conflict };
    return { seq: m.seq, id: m.id, status: "applied" };
  } catch (err) {
    const business = isDomainError(err) ? err : asBusinessError(err);
    if (!business) throw err;
    return reject(business.code, business.message);
  }
}

async function storedOutcome(tx: Tx, clientId: string, m: PushMutation): Promise<MutationOutcome> {
  const stored = await tx.mutationResult.findUnique({ where: { clientId_seq: { clientId, seq: m.seq } } });
  const original = stored?.status === "REJECTED" ? "rejected" : stored?.status === "CONFLICT" ? "conflict" : "applied";
  if (stored?.status === "REJECTED") {
    // Replaying a rejection must keep telling the client why, so it can show the reason.
    return { seq: m.seq, id: stored.mutationId, status: "rejected", code: stored.code ?? "REJECTED", message: stored.message ?? "Rejected." };
  }
  return { seq: m.seq, id: stored?.mutationId ?? m.id, status: "duplicate", original };
}
