import type { MetaKey, MetaValues, ReplicaDb } from "./db.js";

/*
 * Both return Dexie's own promises, not an async function's: inside a transaction a caller may send
 * several requests before awaiting any (a pull page sends its cursor with its rows), and an async
 * function's promise, awaited after other requests of the transaction, let Chromium commit it early
 * (Dexie's PrematureCommitError).
 */

/** Reads one meta value; works inside or outside a transaction that includes `meta`. */
export function getMeta<K extends MetaKey>(db: ReplicaDb, key: K): Promise<MetaValues[K] | undefined> {
  return db.meta.get(key).then((entry) => entry?.value as MetaValues[K] | undefined);
}

/** Writes one meta value. */
export function setMeta<K extends MetaKey>(db: ReplicaDb, key: K, value: MetaValues[K]): Promise<void> {
  return db.meta.put({ key, value }).then(() => undefined);
}
