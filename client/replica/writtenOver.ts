import Dexie from "dexie";
import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import { INDEXED, readPath, rowMatches } from "./query.js";
import type { BufferedReplicaTx, PendingWrite, ReplicaReader } from "./replicaTx.js";

/**
 * What a reader answers, under the writes of a batch's accepted mutations: a row the batch wrote is
 * answered from the batch (null: deleted), every other read goes to `below`. BulkReplica lays the real
 * batch over the stored tables with it, and its warm-up lays each probe round's throwaway writes over the
 * known answers with it, so both see an earlier write of the batch the same way.
 */
export class WrittenOver implements ReplicaReader {
  /** entity → id → the row's latest value in the batch. */
  readonly writes = new Map<EntityName, Map<string, PendingWrite>>();
  /** entity → "field|value" → ids of written rows with that value, for the fields queryRows looks up by. */
  private readonly byValue = new Map<EntityName, Map<string, Set<string>>>();

  constructor(private readonly below: ReplicaReader) {}

  /** A mutation's buffer that ran to the end: its writes become part of the batch (seen by later reads). */
  accept(tx: BufferedReplicaTx): void {
    for (const w of tx.pendingWrites()) {
      let table = this.writes.get(w.entity);
      if (!table) this.writes.set(w.entity, (table = new Map()));
      const before = table.get(w.id);
      if (before?.row) this.index(w.entity, before.row, (ids) => ids.delete(w.id));
      if (w.row) this.index(w.entity, w.row, (ids) => ids.add(w.id));
      table.set(w.id, w);
    }
  }

  /** Forgets the batch's writes (once they are written). */
  clear(): void {
    this.writes.clear();
    this.byValue.clear();
  }

  get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    const written = this.writes.get(entity)?.get(id);
    if (written) return Dexie.Promise.resolve(written.row ? (structuredClone(written.row) as EntityRow<E>) : undefined);
    return this.below.get(entity, id);
  }

  where<E extends EntityName>(entity: E, match: Partial<EntityRow<E>>): Promise<EntityRow<E>[]> {
    return this.below.where(entity, match).then((stored) => this.overlay(entity, stored, match));
  }

  all<E extends EntityName>(entity: E): Promise<EntityRow<E>[]> {
    return this.below.all(entity).then((stored) => this.overlay(entity, stored, {}));
  }

  /** Rows below with the batch's writes of that entity laid over them (as BufferedReplicaTx merges its own). */
  private overlay<E extends EntityName>(entity: E, stored: EntityRow<E>[], match: Partial<EntityRow<E>>): EntityRow<E>[] {
    const mine = this.writes.get(entity);
    if (!mine || mine.size === 0) return stored;
    const result = stored.filter((r) => !mine.has(r.id));
    let added = false;
    for (const w of this.candidates(entity, mine, match)) {
      if (w.row && rowMatches(w.row, match)) {
        result.push(structuredClone(w.row) as EntityRow<E>);
        added = true;
      }
    }
    // In the order IndexedDB would have answered had the batch's rows been written already (as they
    // were when each mutation committed on its own): an apply that takes the first match stays the same.
    return added ? result.sort(storedOrder(entity, match)) : result;
  }

  /**
   * The written rows that can match: those with the match's value in the field queryRows would look up
   * by, else all of them. A 500-write chunk of item.create asks two such matches per write; testing
   * every written row each time was 250,000 tests a chunk.
   */
  private candidates(entity: EntityName, mine: Map<string, PendingWrite>, match: object): Iterable<PendingWrite> {
    const path = readPath(entity, match);
    if (path.kind !== "field") return mine.values();
    const ids = this.byValue.get(entity)?.get(valueKey(path.field, (match as Record<string, unknown>)[path.field]));
    return [...(ids ?? [])].map((id) => mine.get(id)!);
  }

  private index(entity: EntityName, row: object, change: (ids: Set<string>) => void): void {
    let table = this.byValue.get(entity);
    if (!table) this.byValue.set(entity, (table = new Map()));
    for (const field of INDEXED[entity]) {
      const key = valueKey(field, (row as Record<string, unknown>)[field]);
      let ids = table.get(key);
      if (!ids) table.set(key, (ids = new Set()));
      change(ids);
    }
  }
}

/** One value of one field, typed: rowMatches tells 1 from "1". */
function valueKey(field: string, value: unknown): string {
  return `${field}|${typeof value}|${String(value)}`;
}

/**
 * The order of queryRows' answer: by primary key (an index lookup on one value, or the whole table),
 * except inventory by location alone, read through the [locationId+itemId] index (itemId, then id).
 */
function storedOrder(entity: EntityName, match: object): (a: { id: string }, b: { id: string }) => number {
  const byItem = readPath(entity, match).kind === "inventoryAt";
  return (a, b) => {
    if (byItem) {
      const ai = String((a as Record<string, unknown>).itemId);
      const bi = String((b as Record<string, unknown>).itemId);
      if (ai !== bi) return ai < bi ? -1 : 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
