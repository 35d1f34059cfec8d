import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb } from "./db.js";
import { queryRows, readPath, rowMatches, rowsWhereAnyOf } from "./query.js";

/** One read of the stored tables, as BulkReplica caches it: its key says which answer it is. */
export type StoredRead =
  | { key: string; entity: EntityName; kind: "get"; id: string }
  | { key: string; entity: EntityName; kind: "where"; match: Record<string, unknown> }
  | { key: string; entity: EntityName; kind: "all" };

export function getRead(entity: EntityName, id: string): StoredRead {
  return { key: `get|${entity}|${id}`, entity, kind: "get", id };
}

/** Defined fields only, in name order: matches that rowMatches treats alike share a key. */
export function whereRead(entity: EntityName, match: object): StoredRead {
  const fields = Object.entries(match)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { key: `where|${entity}|${JSON.stringify(fields)}`, entity, kind: "where", match: Object.fromEntries(fields) };
}

/**
 * The answers to many reads with few IndexedDB requests, each exactly what queryRows (or a get) would
 * answer alone, in the same order: gets as one bulkGet per table; matches on a field queryRows would look
 * up by index as one anyOf query per (table, field), split by value (anyOf answers by value, then id, the
 * order of an equals look-up); the few other shapes one by one through queryRows itself.
 * One request at a time on purpose (see BulkReplica.prefetch).
 */
export async function loadStored(db: ReplicaDb, reads: readonly StoredRead[]): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  const gets = new Map<EntityName, StoredRead[]>();
  const byIndex = new Map<string, { entity: EntityName; field: string; reads: StoredRead[] }>();
  for (const read of reads) {
    if (read.kind === "get") push(gets, read.entity, read);
    else if (read.kind === "all") answers.set(read.key, await db.entityTable(read.entity).toArray());
    else {
      const field = indexedField(read.entity, read.match);
      if (field === null) answers.set(read.key, await queryRows(db, read.entity, read.match as Partial<EntityRow<EntityName>>));
      else {
        const group = byIndex.get(`${read.entity}|${field}`) ?? { entity: read.entity, field, reads: [] };
        group.reads.push(read);
        byIndex.set(`${read.entity}|${field}`, group);
      }
    }
  }
  for (const [entity, list] of gets) {
    const rows = await db.entityTable(entity).bulkGet(list.map((r) => (r as { id: string }).id));
    list.forEach((r, i) => answers.set(r.key, rows[i]));
  }
  for (const { entity, field, reads: list } of byIndex.values()) {
    const values = [...new Set(list.map((r) => (r as { match: Record<string, unknown> }).match[field] as string | number))];
    const rows = await rowsWhereAnyOf(db, entity, field, values);
    const byValue = new Map<unknown, EntityRow<EntityName>[]>();
    for (const row of rows) push(byValue, (row as Record<string, unknown>)[field], row);
    for (const r of list) {
      const match = (r as { match: Record<string, unknown> }).match;
      answers.set(
        r.key,
        (byValue.get(match[field]) ?? []).filter((row) => rowMatches(row, match)),
      );
    }
  }
  return answers;
}

/** The single-field index queryRows would use for this match, or null when it reads another way. */
function indexedField(entity: EntityName, match: Record<string, unknown>): string | null {
  const path = readPath(entity, match);
  return path.kind === "field" ? path.field : null;
}

/** Appends `value` to the list under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
