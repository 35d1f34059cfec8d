import type { MutationInput, MutationName, RegisteredMutation } from "../../shared/mutations/index.js";
import type { ReplicaRead, ReplicaTx } from "../../shared/mutations/define.js";
import type { PushMutation } from "../../shared/protocol/push.js";
import type { z } from "zod";
import Dexie from "dexie";
import { DomainError } from "../../shared/errors.js";
import type { OutboxEntry, ReplicaDb } from "./db.js";
import { getMeta, setMeta } from "./meta.js";
import { BulkReplica } from "./bulkReplica.js";
import { BufferedReplicaTx } from "./replicaTx.js";

export interface EnqueueOptions {
  now?: () => Date;
  newId?: () => string;
}

/**
 * Validates `rawArgs`, applies the mutation optimistically and appends it to the outbox, all in one
 * Dexie transaction: either the change is visible AND queued, or nothing happened. Throws DomainError
 * (VALIDATION_FAILED, or whatever the shared rule throws) without touching the replica.
 * Only a registered mutation is accepted, with exactly its input: the compiler checks both.
 */
export async function enqueueMutation<N extends MutationName>(
  db: ReplicaDb,
  def: RegisteredMutation<N>,
  rawArgs: MutationInput<N>,
  options: EnqueueOptions = {},
): Promise<OutboxEntry> {
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DomainError("VALIDATION_FAILED", first?.message ?? "Invalid input.", { issues: parsed.error.issues });
  }
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  return db.transaction("rw", db.tables, async () => {
    if (def.applyClient) {
      const tx = new BufferedReplicaTx(db);
      await def.applyClient(tx, parsed.data);
      await tx.commit();
    }
    // nextSeq lives in meta (not max(outbox.seq)) because confirmed and rejected entries leave the
    // outbox; the counter must never hand out a seq twice or skip one.
    const seq = (await getMeta(db, "nextSeq")) ?? 1;
    const entry: OutboxEntry = { seq, id: newId(), name: def.name, args: parsed.data, clientTime: now().toISOString() };
    await db.outbox.add(entry);
    await setMeta(db, "nextSeq", seq + 1);
    return entry;
  });
}

/** One write for `enqueueMutations`: a registered mutation and exactly its input (checked per name). */
export type QueuedWrite = { [N in MutationName]: { def: RegisteredMutation<N>; args: MutationInput<N> } }[MutationName];

export interface BulkEnqueueResult {
  /** The queued entries in the order given; null where that write was refused. */
  entries: Array<OutboxEntry | null>;
  /** Writes refused before queueing (invalid args or a shared rule): index into the input, and the error. */
  refused: Array<{ index: number; error: unknown }>;
}

/**
 * Queues many writes in ONE Dexie transaction: each is validated and applied optimistically on its own
 * buffer (a refused write leaves no trace and takes no seq, exactly as `enqueueMutation`), and the accepted
 * ones get consecutive seqs in input order. A bulk caller (the CSV import) pays one IndexedDB transaction
 * per chunk instead of one per write, and inside it the stored reads go out together and the writes go
 * in one bulk call per table (BulkReplica): each write sees exactly what it would have seen queued alone.
 */
export async function enqueueMutations(
  db: ReplicaDb,
  writes: readonly QueuedWrite[],
  options: EnqueueOptions = {},
): Promise<BulkEnqueueResult> {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  const parsed = writes.map((w) => (w.def.args as z.ZodType).safeParse(w.args));
  // Widened once here: the QueuedWrite union already tied each def to its own args.
  const defOf = (index: number) =>
    writes[index]!.def as { applyClient?(tx: ReplicaTx, args: unknown): Promise<void>; reads?(args: unknown): ReplicaRead[] };
  const applyOf = (index: number) => defOf(index).applyClient;
  return db.transaction("rw", db.tables, async () => {
    const result: BulkEnqueueResult = { entries: [], refused: [] };
    const queued: OutboxEntry[] = [];
    const batch = new BulkReplica(db);
    await batch.prefetch(
      parsed.flatMap((args, index) => {
        const apply = applyOf(index);
        // A copy: the warm-up's apply must not be able to touch the args that get queued.
        return args.success && apply ? [(tx: ReplicaTx) => apply(tx, structuredClone(args.data))] : [];
      }),
      parsed.flatMap((args, index) => (args.success ? declaredReads(defOf(index), args.data) : [])),
    );
    let seq = (await getMeta(db, "nextSeq")) ?? 1;
    const clientTime = now().toISOString();
    for (const [index, write] of writes.entries()) {
      const args = parsed[index]!;
      if (!args.success) {
        const first = args.error.issues[0];
        const error = new DomainError("VALIDATION_FAILED", first?.message ?? "Invalid input.", { issues: args.error.issues });
        result.refused.push({ index, error });
        result.entries.push(null);
        continue;
      }
      try {
        const apply = applyOf(index);
        if (apply) {
          const tx = batch.begin();
          await apply(tx, args.data);
          batch.accept(tx);
        }
      } catch (error) {
        // Only the shared rule's own refusal is a per-write answer; anything else (IndexedDB) ends the batch.
        if (!(error instanceof DomainError)) throw error;
        result.refused.push({ index, error });
        result.entries.push(null);
        continue;
      }
      const entry: OutboxEntry = { seq, id: newId(), name: write.def.name, args: args.data, clientTime };
      seq++;
      queued.push(entry);
      result.entries.push(entry);
    }
    await batch.flush();
    if (queued.length) await Dexie.Promise.all([db.outbox.bulkAdd(queued), setMeta(db, "nextSeq", seq)]);
    return result;
  });
}

/** The reads a mutation declares for these args; none when it declares none or cannot say (its apply will refuse). */
function declaredReads(def: { reads?(args: unknown): ReplicaRead[] }, args: unknown): ReplicaRead[] {
  try {
    return def.reads?.(args) ?? [];
  } catch {
    return [];
  }
}

/** Removes entries the server has consumed (seq <= lastSeq). Returns how many were removed. */
export async function dropConfirmed(db: ReplicaDb, lastSeq: number): Promise<number> {
  return db.outbox.where("seq").belowOrEqual(lastSeq).delete();
}

/** The wire form of an outbox entry (local bookkeeping stripped). */
export function toWire(entry: OutboxEntry): PushMutation {
  return { id: entry.id, seq: entry.seq, name: entry.name, args: entry.args, clientTime: entry.clientTime };
}
