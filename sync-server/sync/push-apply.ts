/**
 * Applying the new mutations of a push chunk: one at a time in its own savepoint, or a run of
 * consecutive mutations of one name set-based through its batch mutator (ServerBatchMutators).
 *
 * Why runs: a tablet back from a day offline pushes hundreds of the same mutation (stock.adjust,
 * count lines). Profiled, each mutation's own statements (savepoint, checks, ledger upsert, movement,
 * row insert) were most of the push's round trips and CPU. A batch mutator does the whole run in a few
 * statements. Exactly-once and "a refusal touches only its own mutation" stay intact: the run shares
 * one savepoint, and if the batch mutator finds any entry it must refuse, the run is rolled back and
 * applied one by one, so each entry gets exactly the single mutator's result.
 */
import type { Role } from "../../shared/auth/roles.js";
import { can } from "../../shared/auth/roles.js";
import { isDomainError } from "../../shared/errors.js";
import { isMutationName, MUTATION_REGISTRY, type MutationArgs, type MutationName } from "../../shared/mutations/index.js";
import type { MutationOutcome, PushMutation } from "../../shared/protocol/push.js";
import type { AuditEntry } from "../audit/audit.js";
import type { Tx } from "../db/prisma.js";
import type { EmailEnqueuer } from "../email/outbox.js";
import { asBusinessError } from "./db-errors.js";
import {
  mutatorContext,
  type BatchEntry,
  type GlobalCatalogueFactory,
  type MutatorContext,
  type MutatorResult,
  type ServerBatchMutators,
  type ServerMutators,
} from "./mutator-context.js";

export type Effect = () => Promise<unknown> | void;

/** What one mutation leaves for after its chunk: effects to run after commit, audit entries to store. */
export interface Collected {
  effects: Effect[];
  audits: AuditEntry[];
}

export interface PushSession {
  practiceId: string;
  userId: string;
  role: Role;
}

export interface ApplyDeps {
  /**
   * The domain mutators (domains/server-mutators.ts), passed in by the composition root so this
   * infrastructure does not import the domains it serves.
   */
  mutators: ServerMutators;
  /** Set-based forms of the hottest mutators (domains/server-mutators.ts); push falls back to `mutators`. */
  batchMutators?: ServerBatchMutators;
  emails?: EmailEnqueuer;
  /** The audited way into the global product catalogue (system connection); see GlobalCatalogue. */
  catalogue?: GlobalCatalogueFactory;
}

/** What every mutation of one push's chunk shares (tx, version and savepoint: with the other pushes of its turn). */
export interface ChunkScope {
  tx: Tx;
  deps: ApplyDeps;
  session: PushSession;
  clientId: string;
  requestId: string;
  /** The chunk's practice version, taken (with the practice lock) on first use. */
  chunkVersion: () => Promise<bigint>;
  savepoint: MutationSavepoint;
}

/**
 * The savepoint each mutation (or run) works in, kept with as few round trips as possible: after one
 * that applied, the next one releases and re-creates it in one simple-protocol call; after one that was
 * rolled back to it, it is already in the right place. It is left open at the end (COMMIT takes it).
 */
export class MutationSavepoint {
  private state: "none" | "ready" | "behind" = "none";
  /** `enabled` false: no savepoint; a business refusal throws SavepointNeeded (push redoes the chunk with one). */
  constructor(
    private readonly tx: Tx,
    private readonly enabled = true,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.enabled) {
      try {
        return await fn();
      } catch (err) {
        // Its writes cannot be undone alone: the whole chunk is rolled back and done again with savepoints.
        if (businessError(err)) throw new SavepointNeeded();
        throw err;
      }
    }
    if (this.state === "none") await this.tx.$executeRawUnsafe(`SAVEPOINT "push_mutation"`);
    else if (this.state === "behind") await this.tx.$executeRawUnsafe(`RELEASE SAVEPOINT "push_mutation"; SAVEPOINT "push_mutation"`);
    this.state = "ready";
    try {
      const result = await fn();
      this.state = "behind";
      return result;
    } catch (err) {
      await this.tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT "push_mutation"`);
      throw err;
    }
  }
}

/** A mutation run without a savepoint was refused: its chunk must be rolled back and applied with savepoints. */
export class SavepointNeeded extends Error {
  constructor() {
    super("A mutation without a savepoint was refused; the chunk is applied again with savepoints.");
  }
}

/** The context of mutation `m`: its own id, and its effects and audit entries collected apart. */
function contextFor(scope: ChunkScope, m: PushMutation, version: bigint, collect: Collected): MutatorContext {
  return mutatorContext({
    tx: scope.tx,
    practiceId: scope.session.practiceId,
    userId: scope.session.userId,
    role: scope.session.role,
    clientId: scope.clientId,
    mutationId: m.id,
    requestId: scope.requestId,
    version,
    afterCommit: (effect: Effect) => void collect.effects.push(effect),
    // Written with the chunk's results (one statement), only if this mutation applies.
    auditSink: (entry) => void collect.audits.push(entry),
    emails: scope.deps.emails,
    catalogue: scope.deps.catalogue,
  });
}

function outcomeOf(m: PushMutation, result: MutatorResult): MutationOutcome {
  if (result && "conflict" in result) return { seq: m.seq, id: m.id, status: "conflict", ...result.conflict };
  return { seq: m.seq, id: m.id, status: "applied" };
}

type Checked<N extends MutationName> = { ok: true; args: MutationArgs<N> } | { ok: false; code: string; message: string };

/** Permission, then arguments, of mutation `name` for `role`. */
function check<N extends MutationName>(name: N, rawArgs: unknown, role: Role): Checked<N> {
  const def = MUTATION_REGISTRY[name];
  if (!can(role, def.permission)) return { ok: false, code: "FORBIDDEN", message: "Your role does not allow this change." };
  const parsed = def.args.safeParse(rawArgs);
  if (parsed.success) return { ok: true, args: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    code: "VALIDATION_FAILED",
    message: issue ? `${issue.path.join(".") || "args"}: ${issue.message}` : "Invalid arguments.",
  };
}

/** A business refusal (DomainError, or a constraint the database refused), or undefined for anything unexpected. */
function businessError(err: unknown) {
  return isDomainError(err) ? err : asBusinessError(err);
}

/** One mutation in its savepoint. Business errors become a refusal; anything else propagates (nothing is consumed). */
export async function applyMutation(scope: ChunkScope, m: PushMutation, collect: Collected): Promise<MutationOutcome> {
  const reject = (code: string, message: string): MutationOutcome => ({ seq: m.seq, id: m.id, status: "rejected", code, message });
  if (!isMutationName(m.name)) return reject("UNKNOWN_MUTATION", `Unknown mutation "${m.name}".`);
  return applyNamed(scope, m.name, m, collect, reject);
}

/**
 * Generic over N: `MUTATION_REGISTRY[name].args` parses to MutationArgs<N>, exactly what
 * `mutators[name]` takes, so the compiler checks the hand-over (no cast).
 */
async function applyNamed<N extends MutationName>(
  scope: ChunkScope,
  name: N,
  m: PushMutation,
  collect: Collected,
  reject: (code: string, message: string) => MutationOutcome,
): Promise<MutationOutcome> {
  const checked = check(name, m.args, scope.session.role);
  if (!checked.ok) return reject(checked.code, checked.message);
  const ctx = contextFor(scope, m, await scope.chunkVersion(), collect);
  const mutator = scope.deps.mutators[name];
  try {
    return outcomeOf(m, await scope.savepoint.run(() => mutator(ctx, checked.args)));
  } catch (err) {
    const business = businessError(err);
    if (!business) throw err;
    return reject(business.code, business.message);
  }
}

/** A new mutation of a transaction, with the scope of the push it came in. */
export interface Pending {
  scope: ChunkScope;
  m: PushMutation;
}

/** A run of new mutations for one batch mutator: at least two, consecutive, one name, one user. */
export interface Run {
  name: MutationName;
  entries: Pending[];
}

/**
 * The batchable run starting at pending[k], or undefined. A run may go on into the next push of a turn
 * (group commit) when that push is the same user's (so the same role): a batch mutator's entries share
 * one actor (e.g. the adjustments' actorId, the catalogue's caller), as they did when a run was one push's.
 */
export function batchableRun(pending: readonly Pending[], k: number, batchMutators: ServerBatchMutators | undefined): Run | undefined {
  const first = pending[k]!;
  if (!batchMutators || !isMutationName(first.m.name) || !batchMutators[first.m.name]) return undefined;
  let end = k + 1;
  while (end < pending.length && pending[end]!.m.name === first.m.name && pending[end]!.scope.session.userId === first.scope.session.userId)
    end++;
  return end - k > 1 ? { name: first.m.name, entries: pending.slice(k, end) } : undefined;
}

export interface RunOutcome {
  outcome: MutationOutcome;
  collected: Collected;
}

/**
 * The run through its batch mutator in one savepoint; undefined when it must go one by one instead
 * (an entry not allowed or not valid, or one the batch mutator would refuse: its writes are rolled back).
 */
export function applyRun(run: Run): Promise<RunOutcome[] | undefined> {
  return applyRunNamed(run.name, run.entries);
}

async function applyRunNamed<N extends MutationName>(name: N, run: Pending[]): Promise<RunOutcome[] | undefined> {
  const scope = run[0]!.scope; // what the run's entries share: transaction, deps, version, savepoint
  const batch = scope.deps.batchMutators?.[name];
  if (!batch) return undefined;
  const entries: BatchEntry<MutationArgs<N>>[] = [];
  const collected: Collected[] = [];
  const version = await scope.chunkVersion();
  for (const { scope: own, m } of run) {
    const checked = check(name, m.args, own.session.role);
    if (!checked.ok) return undefined;
    const collect: Collected = { effects: [], audits: [] };
    collected.push(collect);
    entries.push({ ctx: contextFor(own, m, version, collect), args: checked.args });
  }
  let results: MutatorResult[];
  try {
    results = await scope.savepoint.run(() => batch(entries));
  } catch (err) {
    if (!businessError(err)) throw err;
    return undefined;
  }
  if (results.length !== run.length) throw new Error(`Batch mutator ${name} answered ${results.length} of ${run.length} entries.`);
  return run.map(({ m }, i) => ({ outcome: outcomeOf(m, results[i]), collected: collected[i]! }));
}
