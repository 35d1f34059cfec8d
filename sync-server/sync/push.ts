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
import { isMutationName, MUTATION_REGISTRY, type MutationName } from "../../shared/mutations/index.js";
import type { MutationOutcome, PushMutation, PushRequest, PushResponse } from "../../shared/protocol/push.js";
import { MIN_CLIENT_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { DEFAULT_PUSH_CHUNK } from "../config/env.js";
import type { Db, Tx } from "../db/prisma.js";
import { withSavepoint, withTransaction } from "../db/transaction.js";
import type { Logger } from "../log/logger.js";
import type { EmailEnqueuer } from "../email/outbox.js";
import { bindClient } from "./clients.js";
import { asBusinessError } from "./db-errors.js";
import { mutatorContext, type GlobalCatalogueFactory, type MutatorContext, type ServerMutators } from "./mutator-context.js";
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
  /**
   * The domain mutators (domains/server-mutators.ts), passed in by the composition root so this
   * infrastructure does not import the domains it serves.
   */
  mutators: ServerMutators;
  /** Mutations per transaction in per-batch mode (default DEFAULT_PUSH_CHUNK). */
  chunk?: number;
  emails?: EmailEnqueuer;
  /** The audited way into the global product catalogue (system connection); see GlobalCatalogue. */
  catalogue?: GlobalCatalogueFactory;
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
    const step = await processMutation(tx, deps, session, req.clientId, m, requestId);
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

async function processMutation(tx: Tx, deps: PushDeps, session: PushSession, clientId: string, m: PushMutation, requestId: string): Promise<Step> {
  // Lock the client row: two pushes of one client (a retry racing the original) take turns.
  const [client] = await tx.$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "SyncClient" WHERE "id" = ${clientId}::uuid FOR UPDATE`;
  const lastSeq = client?.lastSeq ?? 0;
  if (m.seq <= lastSeq) return { kind: "outcome", outcome: await storedOutcome(tx, clientId, m), changed: false, effects: [] };
  if (m.seq > lastSeq + 1) return { kind: "gap", lastSeq };

  const effects: Effect[] = [];
  const outcome = await applyMutation(tx, deps, session, clientId, m, requestId, effects);
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
  tx: Tx, deps: PushDeps, session: PushSession, clientId: string, m: PushMutation, requestId: string, effects: Effect[],
): Promise<MutationOutcome> {
  const reject = (code: string, message: string): MutationOutcome => ({ seq: m.seq, id: m.id, status: "rejected", code, message });
  if (!isMutationName(m.name)) return reject("UNKNOWN_MUTATION", `Unknown mutation "${m.name}".`);
  const ran = await runNamed(m.name, m.args, deps.mutators, session.role, async () => {
    const version = await nextVersion(tx, session.practiceId);
    return mutatorContext({
      tx, practiceId: session.practiceId, userId: session.userId, role: session.role, clientId, mutationId: m.id, requestId, version,
      afterCommit: (effect: Effect) => void effects.push(effect),
      emails: deps.emails,
      catalogue: deps.catalogue,
    });
  });
  if (ran.kind === "refused") return reject(ran.code, ran.message);
  if (ran.result && "conflict" in ran.result) return { seq: m.seq, id: m.id, status: "conflict", ...ran.result.conflict };
  return { seq: m.seq, id: m.id, status: "applied" };
}

type Ran = { kind: "refused"; code: string; message: string } | { kind: "ran"; result: Awaited<ReturnType<ServerMutators[MutationName]>> };

/**
 * Checks permission and arguments of mutation `name`, then runs its mutator in a savepoint. Generic over
 * N: `MUTATION_REGISTRY[name].args` parses to MutationArgs<N>, exactly what `mutators[name]` takes, so the
 * compiler checks the hand-over (no cast). Business errors become a refusal; anything else propagates.
 */
async function runNamed<N extends MutationName>(
  name: N, rawArgs: unknown, mutators: ServerMutators, role: Role, context: () => Promise<MutatorContext>,
): Promise<Ran> {
  const def = MUTATION_REGISTRY[name];
  if (!can(role, def.permission)) return { kind: "refused", code: "FORBIDDEN", message: "Your role does not allow this change." };
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: "refused", code: "VALIDATION_FAILED", message: issue ? `${issue.path.join(".") || "args"}: ${issue.message}` : "Invalid arguments." };
  }
  const ctx = await context();
  const mutator = mutators[name];
  try {
    return { kind: "ran", result: await withSavepoint(ctx.tx, "mutation", () => mutator(ctx, parsed.data)) };
  } catch (err) {
    const business = isDomainError(err) ? err : asBusinessError(err);
    if (!business) throw err;
    return { kind: "refused", code: business.code, message: business.message };
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
