import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb, ShadowEntry } from "./db.js";
import type { WriteHints } from "./stockPacks.js";

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

export interface ServerChange {
  entity: EntityName;
  row: EntityRow<EntityName>;
}
export interface ServerDelete {
  entity: EntityName;
  id: string;
}

export interface ApplyPageOptions {
  hints?: WriteHints;
  /**
   * Called once the page's last write has been handed to IndexedDB: the tab's own work for the page is
   * done (each row is cloned as its write is sent), and what is left is the database's, in another
   * process, until the commit.
   */
  lastWriteSent?: () => void;
}

/**
 * A whole pull page at once: exactly applyServerRow for each change in order, then applyServerDelete for
 * each delete in order, but with one bulk read of the shadows and one bulk write per table. Equivalent
 * because applying never creates or removes a shadow (so which rows are shadowed is fixed for the page),
 * and within one table bulkPut/bulkDelete keep the order of their keys (a later write of an id wins, and
 * every delete comes after every put, as before). Bulk writes also spare Dexie's live-query tracking a
 * range per row (it marks the table changed once) and IndexedDB thousands of sequential round trips.
 */
export async function applyServerPage(
  db: ReplicaDb,
  changes: readonly ServerChange[],
  deletes: readonly ServerDelete[],
  options: ApplyPageOptions = {},
): Promise<void> {
  const { hints } = options;
  const shadowed = await shadowedKeys(db, [
    ...changes.map((c) => [c.entity, c.row.id] as const),
    ...deletes.map((d) => [d.entity, d.id] as const),
  ]);
  const shadowWrites: ShadowEntry[] = [];
  const puts = new Map<EntityName, EntityRow<EntityName>[]>();
  const dels = new Map<EntityName, string[]>();
  for (const { entity, row } of changes) {
    if (shadowed.has(shadowKey(entity, row.id))) shadowWrites.push({ entity, id: row.id, row });
    else pushTo(puts, entity, row);
  }
  for (const { entity, id } of deletes) {
    if (shadowed.has(shadowKey(entity, id))) shadowWrites.push({ entity, id, row: null });
    else pushTo(dels, entity, id);
  }
  const writes: Array<() => Promise<unknown>> = [];
  for (const [entity, rows] of puts) {
    // Stock in one call: its 16-row packs make a page's 2,000 rows 125 records, a cost like 500 rows of
    // another table, and under 50 records per call Dexie's live-query tracking would note every row id
    // and item of each pack (3 s of a 50,000-row first sync).
    for (const chunk of entity === "inventory" ? [rows] : chunks(rows)) writes.push(() => db.writeRows(entity, chunk, [], hints));
  }
  for (const [entity, ids] of dels) {
    for (const chunk of chunks(ids)) writes.push(() => db.writeRows(entity, [], chunk));
  }
  if (shadowWrites.length > 0) writes.push(() => db.shadows.bulkPut(shadowWrites));
  if (writes.length === 0) options.lastWriteSent?.();
  for (const [i, write] of writes.entries()) {
    const sent = write();
    if (i === writes.length - 1) options.lastWriteSent?.();
    await sent;
  }
}

/*
 * Rows per bulk call. Queuing a put clones its row on the main thread, so 2,000 at once is one long task
 * (about 200 ms on a busy 2-core machine); awaiting every 500 lets input and rendering run in between at
 * no measurable cost in throughput. Still well above Dexie's 50, below which it tracks every key for
 * live queries.
 */
const BULK_CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  if (list.length <= BULK_CHUNK) return [list];
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BULK_CHUNK) out.push(list.slice(i, i + BULK_CHUNK));
  return out;
}

/**
 * `entity:id` of the given rows that have a shadow. None at all while no row is shadowed; while there are
 * not many more shadows than rows asked about, every shadow's key in one request (a CSV import asks about
 * 1,000 rows per batch: one `get` each cost about 60 µs of main thread apiece, 2.7 s of a 10,000-row import);
 * else one bulk read of those rows.
 */
export async function shadowedKeys(db: ReplicaDb, keys: ReadonlyArray<readonly [EntityName, string]>): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const shadows = await db.shadows.count();
  if (shadows === 0) return new Set();
  if (shadows <= keys.length * ALL_KEYS_FACTOR) {
    const wanted = new Set(keys.map(([entity, id]) => shadowKey(entity, id)));
    const all = (await db.shadows.toCollection().primaryKeys()) as Array<[EntityName, string]>;
    return new Set(all.map(([entity, id]) => shadowKey(entity, id)).filter((key) => wanted.has(key)));
  }
  const found = await db.shadows.bulkGet(keys.map(([entity, id]) => [entity, id] as [string, string]));
  return new Set(found.flatMap((s) => (s ? [shadowKey(s.entity, s.id)] : [])));
}
/** Reading a key is far cheaper than a request: up to this many shadows per row asked about, read them all. */
const ALL_KEYS_FACTOR = 20;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Puts every shadowed row back to its server copy and forgets the shadows. */
export async function restoreShadows(db: ReplicaDb): Promise<void> {
  const all = await db.shadows.toArray();
  if (all.length === 0) return;
  // Shadow keys are unique, so the order of these writes cannot matter: bulk them per table.
  const puts = new Map<EntityName, EntityRow<EntityName>[]>();
  const dels = new Map<EntityName, string[]>();
  for (const shadow of all) {
    if (shadow.row) pushTo(puts, shadow.entity, shadow.row);
    else pushTo(dels, shadow.entity, shadow.id);
  }
  for (const entity of new Set([...puts.keys(), ...dels.keys()]))
    await db.writeRows(entity, puts.get(entity) ?? [], dels.get(entity) ?? []);
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
