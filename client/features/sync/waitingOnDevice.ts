import Dexie from "dexie";
import { ReplicaDb } from "../../replica/db.js";
import { forgetReplica, listDeviceReplicas, type DeviceReplica } from "../../replica/deviceReplicas.js";
import { describeInReplica } from "./describeInReplica.js";

/** Changes queued on this device by someone other than the signed-in user (or before anyone signed in). */
export interface WaitingChanges {
  dbName: string;
  userId: string | null;
  userName: string;
  practiceId: string;
  practiceName: string;
  count: number;
  /** clientTime of the oldest queued change. */
  since: string | null;
  /** What they are, oldest first: only for an admin of that practice (see listWaitingOnDevice). */
  changes?: { seq: number; text: string; at: string }[];
}

export interface WaitingQuery {
  /** The signed-in user's own replica, left out. */
  exceptDbName?: string;
  /** An admin of this practice also gets what each waiting change is. */
  detailsForPractice?: string;
}

/**
 * Every other replica on this device with queued changes: whose, how many, since when. Opening another
 * user's replica reads only its outbox (and, for an admin of its practice, the names its changes refer
 * to); nothing is changed and nothing is pushed: only its own user can send it (docs/adr/0007).
 */
export async function listWaitingOnDevice(storage: Storage, query: WaitingQuery = {}): Promise<WaitingChanges[]> {
  const found: WaitingChanges[] = [];
  for (const entry of listDeviceReplicas(storage)) {
    if (entry.dbName === query.exceptDbName) continue;
    const waiting = await readWaiting(storage, entry, query.detailsForPractice === entry.practiceId);
    if (waiting) found.push(waiting);
  }
  return found.sort((a, b) => (a.since ?? "").localeCompare(b.since ?? ""));
}

async function readWaiting(storage: Storage, entry: DeviceReplica, details: boolean): Promise<WaitingChanges | null> {
  if (!(await Dexie.exists(entry.dbName))) {
    forgetReplica(storage, entry.dbName); // cleared by the browser or the user: nothing to list
    return null;
  }
  const db = new ReplicaDb(entry.dbName);
  try {
    await db.open();
    const outbox = await db.outbox.orderBy("seq").toArray();
    if (outbox.length === 0) return null;
    const base: WaitingChanges = {
      dbName: entry.dbName,
      userId: entry.userId,
      userName: entry.userName,
      practiceId: entry.practiceId,
      practiceName: entry.practiceName,
      count: outbox.length,
      since: outbox[0]?.clientTime ?? null,
    };
    if (!details) return base;
    const changes = [];
    for (const e of outbox) changes.push({ seq: e.seq, text: (await describeInReplica(db, e.name, e.args)).text, at: e.clientTime });
    return { ...base, changes };
  } catch {
    return null; // blocked by an upgrade in another tab, say: the list is advisory, the next read retries
  } finally {
    db.close();
  }
}
