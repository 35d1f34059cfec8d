import type { ReplicaTx } from "../../shared/mutations/define.js";
import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb } from "./db.js";
import { queryRows, rowMatches } from "./query.js";
import { recordShadow } from "./shadows.js";

export interface PendingWrite {
  entity: EntityName;
  id: string;
  /** null: delete. */
  row: EntityRow<EntityName> | null;
}

/** What a buffered mutation reads beneath its own writes: the stored tables, or a bulk batch's view (bulkReplica.ts). */
export type ReplicaReader = Pick<ReplicaTx, "get" | "where" | "all">;

/** The visible tables as they are. */
export function storedReader(db: ReplicaDb): ReplicaReader {
  return {
    get: (entity, id) => db.entityTable(entity).get(id),
    where: (entity, match) => queryRows(db, entity, match),
    all: (entity) => db.entityTable(entity).toArray(),
  };
}

/**
 * A ReplicaTx over Dexie that buffers writes until `commit()`. Reads see the buffered writes, so a
 * mutation observes its own changes, and a mutation whose applyClient throws halfway leaves no trace
 * (IndexedDB has no savepoints, so buffering is how one mutation stays atomic inside a rebase).
 * `commit()` records each touched row's shadow before overwriting it.
 * Use it inside a Dexie transaction covering the entity tables and `shadows`. Reads beneath the buffer go
 * to `base` (the stored tables unless given).
 */
export class BufferedReplicaTx implements ReplicaTx {
  private readonly writes = new Map<string, PendingWrite>();

  constructor(
    private readonly db: ReplicaDb,
    private readonly makeId: () => string = () => crypto.randomUUID(),
    private readonly base: ReplicaReader = storedReader(db),
  ) {}

  async get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    const pending = this.writes.get(`${entity}:${id}`);
    if (pending) return pending.row ? (structuredClone(pending.row) as EntityRow<E>) : undefined;
    return this.base.get(entity, id);
  }

  async where<E extends EntityName>(entity: E, match: Partial<EntityRow<E>>): Promise<EntityRow<E>[]> {
    return this.merge(entity, await this.base.where(entity, match), match);
  }

  async all<E extends EntityName>(entity: E): Promise<EntityRow<E>[]> {
    return this.merge(entity, await this.base.all(entity), {});
  }

  async put<E extends EntityName>(entity: E, row: EntityRow<E>): Promise<void> {
    this.writes.set(`${entity}:${row.id}`, { entity, id: row.id, row: structuredClone(row) });
  }

  async delete(entity: EntityName, id: string): Promise<void> {
    this.writes.set(`${entity}:${id}`, { entity, id, row: null });
  }

  newId(): string {
    return this.makeId();
  }

  /** The buffered changes, in the order each row was first written (for a batch that writes them later). */
  pendingWrites(): PendingWrite[] {
    return [...this.writes.values()];
  }

  /** Writes the buffered changes to the visible tables, shadowing each row first. */
  async commit(): Promise<void> {
    for (const w of this.writes.values()) {
      await recordShadow(this.db, w.entity, w.id);
      const table = this.db.entityTable(w.entity);
      if (w.row) await table.put(w.row);
      else await table.delete(w.id);
    }
    this.writes.clear();
  }

  /** Stored rows overlaid with buffered writes of the same entity. */
  private merge<E extends EntityName>(entity: E, stored: EntityRow<E>[], match: Partial<EntityRow<E>>): EntityRow<E>[] {
    const mine = [...this.writes.values()].filter((w) => w.entity === entity);
    if (mine.length === 0) return stored;
    const overridden = new Set(mine.map((w) => w.id));
    const result = stored.filter((r) => !overridden.has(r.id));
    for (const w of mine) {
      if (w.row && rowMatches(w.row, match)) result.push(structuredClone(w.row) as EntityRow<E>);
    }
    return result;
  }
}
