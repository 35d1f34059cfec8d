import type { MetaKey, MetaValues, ReplicaDb } from "./db.js";

/** Reads one meta value; works inside or outside a transaction that includes `meta`. */
export async function getMeta<K extends MetaKey>(db: ReplicaDb, key: K): Promise<MetaValues[K] | undefined> {
  const entry = await db.meta.get(key);
  return entry?.value as MetaValues[K] | undefined;
}

/** Writes one meta value. */
export async function setMeta<K extends MetaKey>(db: ReplicaDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
