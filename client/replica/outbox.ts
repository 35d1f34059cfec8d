import type { MutationInput, MutationName, RegisteredMutation } from "../../shared/mutations/index.js";
import type { PushMutation } from "../../shared/protocol/push.js";
import { DomainError } from "../../shared/errors.js";
import type { OutboxEntry, ReplicaDb } from "./db.js";
import { getMeta, setMeta } from "./meta.js";
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

/** Removes entries the server has consumed (seq <= lastSeq). Returns how many were removed. */
export async function dropConfirmed(db: ReplicaDb, lastSeq: number): Promise<number> {
  return db.outbox.where("seq").belowOrEqual(lastSeq).delete();
}

/** The wire form of an outbox entry (local bookkeeping stripped). */
export function toWire(entry: OutboxEntry): PushMutation {
  return { id: entry.id, seq: entry.seq, name: entry.name, args: entry.args, clientTime: entry.clientTime };
}
