import Dexie from "dexie";
import type { ReplicaDb } from "./db.js";
import {
  findUserReplica,
  legacyReplicaName,
  listDeviceReplicas,
  rememberReplica,
  userReplicaName,
  forgetReplica,
} from "./deviceReplicas.js";
import { clearReplicatedRows, openReplica } from "./open.js";

export interface ReplicaOwner {
  practiceId: string;
  practiceName: string;
  userId: string;
  userName: string;
}

/**
 * Whether the server bound a replica's clientId to the signed-in user: "mine", "other" (CLIENT_MISMATCH),
 * or "unknown" (offline, server error): asked once, of a replica from before replicas were per user.
 */
export type OwnerProbe = (db: ReplicaDb) => Promise<"mine" | "other" | "unknown">;

/**
 * Opens the signed-in user's own replica of the practice (creating it on first use) and records it in the
 * device list. A replica from before replicas were per user is adopted when the server says its clientId
 * is this user's (its rows are cleared, so they are pulled again under this user's role; its outbox is
 * kept); deleted when it holds nothing anyone is waiting for; otherwise kept, listed as waiting for its
 * unknown owner.
 */
export async function openUserReplica(
  owner: ReplicaOwner,
  storage: Storage,
  probe?: OwnerProbe,
  now = () => new Date(),
): Promise<ReplicaDb> {
  const known = findUserReplica(storage, owner.practiceId, owner.userId);
  const dbName = known?.dbName ?? (await adoptLegacy(owner, storage, probe, now)) ?? userReplicaName(owner.practiceId, owner.userId);
  const db = await openReplica(owner.practiceId, dbName);
  rememberReplica(storage, { dbName, ...owner, lastUsedAt: now().toISOString() });
  return db;
}

async function adoptLegacy(owner: ReplicaOwner, storage: Storage, probe: OwnerProbe | undefined, now: () => Date): Promise<string | null> {
  const name = legacyReplicaName(owner.practiceId);
  const listed = listDeviceReplicas(storage).find((r) => r.dbName === name);
  if (listed?.userId) return null; // already adopted by someone else
  if (!(await Dexie.exists(name))) return null;
  const db = await openReplica(owner.practiceId, name);
  try {
    if ((await db.outbox.count()) === 0 && (await db.rejected.count()) === 0) {
      // Nothing anyone waits for: its rows may have been pulled under another user's role, so the user
      // starts a replica of their own instead.
      db.close();
      await Dexie.delete(name);
      forgetReplica(storage, name);
      return null;
    }
    if (probe && (await probe(db)) === "mine") {
      await db.transaction("rw", [db.meta, db.shadows, ...db.replicatedTables()], () => clearReplicatedRows(db));
      return name;
    }
    const since = (await db.outbox.orderBy("seq").first())?.clientTime ?? now().toISOString();
    rememberReplica(storage, {
      dbName: name,
      practiceId: owner.practiceId,
      practiceName: owner.practiceName,
      userId: null,
      userName: "a user of an earlier app version",
      lastUsedAt: listed?.lastUsedAt ?? since,
    });
    return null;
  } finally {
    db.close();
  }
}
