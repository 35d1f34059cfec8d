import { isDomainError } from "../../shared/errors.js";
import type { MutationDef } from "../../shared/mutations/define.js";
import { MUTATIONS } from "../../shared/mutations/index.js";
import type { OutboxEntry, ReplicaDb } from "./db.js";
import { getMeta, setMeta } from "./meta.js";
import { BufferedReplicaTx } from "./replicaTx.js";
import { restoreShadows } from "./shadows.js";

type ApplyError = NonNullable<OutboxEntry["applyError"]>;

export interface RebaseResult {
  reapplied: number;
  /** Pending mutations whose optimistic apply failed; they stay queued, marked "may be rejected". */
  failed: number;
}

/**
 * Rebuilds the optimistic view: every shadowed row goes back to its server copy, then each pending
 * mutation is re-applied in seq order (re-recording shadows). Must run inside a transaction covering
 * all replica tables, so readers never see the half-way state.
 */
export async function rebaseInTx(db: ReplicaDb, registry: Record<string, MutationDef> = MUTATIONS): Promise<RebaseResult> {
  await restoreShadows(db);
  const pending = await db.outbox.orderBy("seq").toArray();
  const result: RebaseResult = { reapplied: 0, failed: 0 };
  for (const entry of pending) {
    // Own keys only: an outbox name such as "constructor" must read as unknown, not as Object.
    const error = await reapply(db, entry, Object.hasOwn(registry, entry.name) ? registry[entry.name] : undefined);
    if (error) result.failed++;
    else result.reapplied++;
    if (!sameError(error, entry.applyError ?? null)) await db.outbox.update(entry.seq, { applyError: error });
  }
  await setMeta(db, "outboxApplyErrors", result.failed);
  return result;
}

/**
 * Queued changes beyond which a rebase waits. A rebase re-applies every queued change, and while a
 * 10,000-row import (20,000 changes) is being sent, every pull and every refusal would do it again:
 * quadratic work that kept the import from even finishing queueing. Until the backlog is this small
 * again, rows a queued change touched may lag behind the server (their changes are still on top), and
 * a refused change's effect stays visible while its notice is already listed.
 */
export const REBASE_BACKLOG_LIMIT = 500;

/**
 * rebaseInTx, or (while more than REBASE_BACKLOG_LIMIT changes are queued) a note to do it once the
 * backlog is small: the next pull then rebases even when nothing moved. Inside a transaction covering
 * all replica tables, like rebaseInTx.
 */
export async function rebaseUnlessBacklog(db: ReplicaDb): Promise<void> {
  if ((await db.outbox.count()) > REBASE_BACKLOG_LIMIT) {
    await setMeta(db, "rebaseOwed", true);
    return;
  }
  await rebaseInTx(db);
  if (await getMeta(db, "rebaseOwed")) await setMeta(db, "rebaseOwed", false);
}

/** Runs rebaseInTx in its own transaction. */
export async function rebase(db: ReplicaDb, registry?: Record<string, MutationDef>): Promise<RebaseResult> {
  return db.transaction("rw", db.tables, () => rebaseInTx(db, registry));
}

async function reapply(db: ReplicaDb, entry: OutboxEntry, def: MutationDef | undefined): Promise<ApplyError | null> {
  if (!def) return { code: "UNKNOWN_MUTATION", message: `This app version does not know "${entry.name}".` };
  if (!def.applyClient) return null;
  const parsed = def.args.safeParse(entry.args);
  if (!parsed.success) return { code: "VALIDATION_FAILED", message: parsed.error.issues[0]?.message ?? "Invalid input." };
  // Buffered, so a throw halfway through leaves no partial effect behind.
  const tx = new BufferedReplicaTx(db);
  try {
    await def.applyClient(tx, parsed.data);
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    return { code: "INTERNAL", message: e instanceof Error ? e.message : String(e) };
  }
  await tx.commit();
  return null;
}

function sameError(a: ApplyError | null, b: ApplyError | null): boolean {
  return a?.code === b?.code && a?.message === b?.message;
}
