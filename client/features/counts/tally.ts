/**
 * Tally mode: every scan adds one to this device's standing count of a key. A clinic tallies dozens of
 * identical packs, so every scan must count exactly once, however quickly the next one follows.
 *
 * Why it reads the replica and queues: the screen used to add one to the count it had last drawn. A scan
 * that arrived before the previous line had come back through the live query (or while the previous scan
 * was still being written) read the same count, and two scans made one (3 scans → 2). Here each tally
 * reads the device's standing count from the replica when its turn comes, and tallies run one at a time
 * per replica, so each reads the line the previous one wrote.
 *
 * What is not counted twice is the scanner's business, not this module's: the camera reports a code held
 * in view once (client/scan/dedupe.ts); a hardware scanner or a typed code is one read per trigger.
 */
import { countKey } from "../../../shared/counts/rules.js";
import type { ReplicaDb } from "../../replica/db.js";
import { getMeta } from "../../replica/meta.js";
import { ownStandingLine } from "./view.js";

export interface TallyKey {
  sessionId: string;
  itemId: string;
  locationId: string;
  batchId: string | null;
}

/** This device's standing count of `key` as the replica holds it now (0 when it has not counted the key). */
export async function ownCountNow(db: ReplicaDb, key: TallyKey): Promise<number> {
  const [lines, clientId] = await Promise.all([
    db.countLine.where("[sessionId+itemId+locationId]").equals([key.sessionId, key.itemId, key.locationId]).toArray(),
    getMeta(db, "clientId"),
  ]);
  return ownStandingLine(lines, clientId ?? null, countKey(key))?.countedQuantity ?? 0;
}

const queues = new WeakMap<ReplicaDb, Promise<unknown>>();

/**
 * One more of `key`: waits for the tallies before it on this replica, reads the standing count, and hands
 * count + 1 to `record` (which writes the line to the replica and the outbox). Resolves to that count; a
 * refused tally rejects and the next one reads the count as it stands.
 */
export function tallyOnce(db: ReplicaDb, key: TallyKey, record: (countedQuantity: number) => Promise<unknown>): Promise<number> {
  const turn = async () => {
    const next = (await ownCountNow(db, key)) + 1;
    await record(next);
    return next;
  };
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(turn, turn);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
