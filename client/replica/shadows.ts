import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb, ShadowEntry } from "./db.js";

/*
 * Shadows hold the server's copy of every row a pending mutation changed. Invariant: a visible row with
 * no shadow IS the server copy; one with a shadow is the server copy plus optimistic effects. All of
 * these functions must run inside a transaction that covers `shadows` and the entity tables.
 */

/** Saves the server copy of a row before its first optimistic change (no-op when already shadowed). */
export async function recordShadow(db: ReplicaDb, entity: EntityName, id: string): Promise<void> {
  if (await db.shadows.get([entity, id])) return;
  const current = await db.entityTable(entity).get(id);
  await db.shadows.put({ entity, id, row: current ?? null });
}

/** Stores a row the server sent: into the shadow when the row has pending changes, else into the table. */
export async function applyServerRow<E extends EntityName>(db: ReplicaDb, entity: E, row: EntityRow<E>): Promise<void> {
  if (await db.shadows.get([entity, row.id])) {
    await db.shadows.put({ entity, id: row.id, row });
  } else {
    await db.entityTable(entity).put(row);
  }
}

/** Applies a server delete: the shadow becomes "absent" when the row has pending changes. */
export async function applyServerDelete(db: ReplicaDb, entity: EntityName, id: string): Promise<void> {
  if (await db.shadows.get([entity, id])) {
    await db.shadows.put({ entity, id, row: null });
  } else {
    await db.entityTable(entity).delete(id);
  }
}

/** Puts every shadowed row back to its server copy and forgets the shadows. */
export async function restoreShadows(db: ReplicaDb): Promise<void> {
  const all = await db.shadows.toArray();
  for (const shadow of all) {
    const table = db.entityTable(shadow.entity);
    if (shadow.row) await table.put(shadow.row);
    else await table.delete(shadow.id);
  }
  await db.shadows.clear();
}

/** Keys `entity:id` of rows with unsynced changes, for "pending" badges. */
export function shadowKey(entity: EntityName, id: string): string {
  return `${entity}:${id}`;
}

/** The shadow of one row, typed by entity (undefined when the row has no pending changes). */
export async function getShadow<E extends EntityName>(db: ReplicaDb, entity: E, id: string): Promise<ShadowEntry<E> | undefined> {
  return (await db.shadows.get([entity, id])) as ShadowEntry<E> | undefined;
}
