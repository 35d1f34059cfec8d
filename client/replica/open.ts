import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { ReplicaDb, replicaName } from "./db.js";
import { getMeta, setMeta } from "./meta.js";

/**
 * Opens (creating if needed) the replica of a practice and makes sure it has a clientId. If the stored
 * rows were written under another REPLICA_SCHEMA_VERSION they are cleared so the next pull rebuilds them;
 * the outbox, rejected list and clientId are kept.
 */
export async function openReplica(practiceId: string, name = replicaName(practiceId)): Promise<ReplicaDb> {
  const db = new ReplicaDb(name);
  await db.open();
  await db.transaction("rw", [db.meta, db.shadows, ...db.replicatedTables()], async () => {
    // Inside one transaction, so two tabs opening at once cannot mint two clientIds.
    if (!(await getMeta(db, "clientId"))) await setMeta(db, "clientId", crypto.randomUUID());
    const stored = await getMeta(db, "replicaSchemaVersion");
    if (stored !== REPLICA_SCHEMA_VERSION) {
      if (stored !== undefined) await clearReplicatedRows(db);
      await setMeta(db, "replicaSchemaVersion", REPLICA_SCHEMA_VERSION);
    }
  });
  return db;
}

/**
 * Empties the replicated tables and shadows and sets the cursor back to 0. Must run inside a transaction
 * covering those tables and meta. Outbox, rejected and clientId are untouched: a rebase re-applies the
 * outbox once the pull from 0 has finished.
 */
export async function clearReplicatedRows(db: ReplicaDb): Promise<void> {
  for (const table of db.replicatedTables()) await table.clear();
  await db.shadows.clear();
  await setMeta(db, "cursor", 0);
}
