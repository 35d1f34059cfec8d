import type { ReplicaDb } from "./db.js";
import { setMeta } from "./meta.js";

/**
 * Gives the replica a fresh clientId (seqs restart at 1) when, and only when, the outbox is empty: the
 * server bound the old id to another user, and with nothing queued no one's work can be misattributed.
 * Returns whether it rotated.
 */
export async function rotateClientIdIfOutboxEmpty(db: ReplicaDb): Promise<boolean> {
  return db.transaction("rw", db.outbox, db.meta, async () => {
    if ((await db.outbox.count()) > 0) return false;
    await setMeta(db, "clientId", crypto.randomUUID());
    await setMeta(db, "nextSeq", 1);
    await setMeta(db, "pushedSeq", 0);
    return true;
  });
}
