import Dexie from "dexie";
import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb, ShadowEntry } from "./db.js";
import { getRead, loadStored, push, whereRead, type StoredRead } from "./bulkRead.js";
import { readPath, rowMatches } from "./query.js";
import { BufferedReplicaTx, storedReader, type PendingWrite, type ReplicaReader } from "./replicaTx.js";

/**
 * The replica as a batch of mutations sees it inside one Dexie transaction (`enqueueMutations`): the
 * stored rows, read once and kept, under the writes of the batch's accepted mutations, which reach
 * IndexedDB only in `flush()`, one bulk write per table. Each mutation still runs on its own
 * BufferedReplicaTx over this view (so it sees every earlier accepted write of the batch, and one that
 * throws leaves no trace); `accept` moves its writes into the batch.
 *
 * Why: applied one at a time, every read and every write of every mutation is a round trip to
 * IndexedDB (in Chromium, to another process), and a mutation's commit is four of them per row
 * (shadow read, row read, shadow write, row write). A 10,000-row import spent most of its time waiting
 * on those. Here the stored reads of a whole batch go out together (`prefetch`) and the writes go in
 * bulk, and what each mutation sees is what it saw before: nothing else writes these tables while the
 * transaction is open.
 */
export class BulkReplica implements ReplicaReader {
  /** Stored (pre-batch) answers by StoredRead key. Never handed out uncloned. */
  private readonly stored = new Map<string, unknown>();
  /** The accepted mutations' writes: entity → id → the row's latest value (null: deleted). */
  private readonly writes = new Map<EntityName, Map<string, PendingWrite>>();
  private readonly base: ReplicaReader;

  constructor(private readonly db: ReplicaDb) {
    this.base = storedReader(db);
  }

  /** A buffer for one mutation over this view. */
  begin(): BufferedReplicaTx {
    return new BufferedReplicaTx(this.db, undefined, this);
  }

  /** A mutation's buffer that ran to the end: its writes become part of the batch (seen by later mutations). */
  accept(tx: BufferedReplicaTx): void {
    for (const w of tx.pendingWrites()) {
      let table = this.writes.get(w.entity);
      if (!table) this.writes.set(w.entity, (table = new Map()));
      table.set(w.id, w);
    }
  }

  /**
   * Warms the stored reads in rounds: every apply runs against what is known so far (an unknown read
   * answers "nothing" and is noted; writes and refusals are thrown away), then all the noted reads go to
   * IndexedDB together (bulkGet per table, one anyOf query per indexed field), and again with the
   * answers, until no apply asks for anything new. The real, one-by-one pass then finds its answers here;
   * a read the warm-up did not foresee (a write that depends on an earlier one of the batch) simply goes
   * to IndexedDB then. The applies run one after another: Dexie keeps its transaction only through
   * awaits it can follow, and hundreds of interleaved async applies lost it ("committed too early").
   */
  async prefetch(applies: ReadonlyArray<(tx: BufferedReplicaTx) => Promise<void>>, rounds = 4): Promise<void> {
    for (let round = 0; round < rounds; round++) {
      const misses = new Map<string, StoredRead>();
      const known = <T>(read: StoredRead, empty: T): Promise<T> => {
        if (this.stored.has(read.key)) return Dexie.Promise.resolve(structuredClone(this.stored.get(read.key)) as T);
        misses.set(read.key, read);
        return Dexie.Promise.resolve(empty);
      };
      const probe: ReplicaReader = {
        get: (entity, id) => known(getRead(entity, id), undefined),
        where: (entity, match) => known(whereRead(entity, match), []),
        all: (entity) => known({ key: `all|${entity}`, entity, kind: "all" }, []),
      };
      for (const apply of applies) {
        try {
          await apply(new BufferedReplicaTx(this.db, undefined, probe));
        } catch {
          // The real pass meets the same refusal (or not, with the batch's writes in view).
        }
      }
      if (misses.size === 0) return;
      for (const [key, value] of await loadStored(this.db, [...misses.values()])) this.stored.set(key, value);
    }
  }

  get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined> {
    const written = this.writes.get(entity)?.get(id);
    if (written) return Dexie.Promise.resolve(written.row ? (structuredClone(written.row) as EntityRow<E>) : undefined);
    return this.storedRead(getRead(entity, id).key, () => this.base.get(entity, id));
  }

  where<E extends EntityName>(entity: E, match: Partial<EntityRow<E>>): Promise<EntityRow<E>[]> {
    return this.storedRead(whereRead(entity, match).key, () => this.base.where(entity, match)).then((stored) =>
      this.overlay(entity, stored, match),
    );
  }

  all<E extends EntityName>(entity: E): Promise<EntityRow<E>[]> {
    return this.storedRead(`all|${entity}`, () => this.base.all(entity)).then((stored) => this.overlay(entity, stored, {}));
  }

  /**
   * Writes the batch: for each row it changed, the shadow of its pre-batch value unless one exists (as
   * recordShadow does for each mutation, and the first mutation to touch a row saw it unchanged), then
   * the rows, one bulkPut and one bulkDelete per table.
   */
  async flush(): Promise<void> {
    const all = [...this.writes.values()].flatMap((table) => [...table.values()]);
    if (all.length === 0) return;
    const existing = await this.db.shadows.bulkGet(all.map((w) => [w.entity, w.id] as [string, string]));
    const unshadowed = all.filter((_, i) => !existing[i]);
    const shadows: ShadowEntry[] = [];
    for (const [entity, list] of groupBy(unshadowed, (w) => w.entity)) {
      const before = await this.db.entityTable(entity).bulkGet(list.map((w) => w.id));
      list.forEach((w, i) => shadows.push({ entity, id: w.id, row: before[i] ?? null }));
    }
    if (shadows.length > 0) await this.db.shadows.bulkPut(shadows);
    for (const [entity, table] of this.writes) {
      const puts: EntityRow<EntityName>[] = [];
      const deletes: string[] = [];
      for (const w of table.values()) {
        if (w.row) puts.push(w.row);
        else deletes.push(w.id);
      }
      if (puts.length > 0) await this.db.entityTable(entity).bulkPut(puts);
      if (deletes.length > 0) await this.db.entityTable(entity).bulkDelete(deletes);
    }
    this.writes.clear();
  }

  /**
   * A stored answer, read from IndexedDB once per batch; each caller gets its own copy. Dexie promises
   * throughout, never a bare native one: Dexie follows its transaction through those, and an apply that
   * awaited only native promises for a while came back outside it (the transaction then committed early).
   */
  private storedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (this.stored.has(key)) return Dexie.Promise.resolve(structuredClone(this.stored.get(key)) as T);
    return Dexie.Promise.resolve(read()).then((answer) => {
      this.stored.set(key, answer);
      return structuredClone(answer);
    });
  }

  /** Stored rows with the batch's writes of that entity laid over them (as BufferedReplicaTx merges its own). */
  private overlay<E extends EntityName>(entity: E, stored: EntityRow<E>[], match: Partial<EntityRow<E>>): EntityRow<E>[] {
    const mine = this.writes.get(entity);
    if (!mine || mine.size === 0) return stored;
    const result = stored.filter((r) => !mine.has(r.id));
    let added = false;
    for (const w of mine.values()) {
      if (w.row && rowMatches(w.row, match)) {
        result.push(structuredClone(w.row) as EntityRow<E>);
        added = true;
      }
    }
    // In the order IndexedDB would have answered had the batch's rows been written already (as they
    // were when each mutation committed on its own): an apply that takes the first match stays the same.
    return added ? result.sort(storedOrder(entity, match)) : result;
  }
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

function groupBy<T, K>(list: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of list) push(groups, key(item), item);
  return groups;
}
