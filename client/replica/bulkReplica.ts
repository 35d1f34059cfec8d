import Dexie from "dexie";
import type { ReplicaRead } from "../../shared/mutations/define.js";
import type { EntityName, EntityRow } from "../../shared/protocol/entities.js";
import type { ReplicaDb, ShadowEntry } from "./db.js";
import { getRead, loadStored, push, whereRead, type StoredRead } from "./bulkRead.js";
import { BufferedReplicaTx, storedReader } from "./replicaTx.js";
import { WrittenOver } from "./writtenOver.js";
import { shadowedKeys, shadowKey } from "./shadows.js";

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
export class BulkReplica {
  /** Stored (pre-batch) answers by StoredRead key. Never handed out uncloned. */
  private readonly stored = new Map<string, unknown>();
  /** The stored tables (each answer read once per batch) under the accepted mutations' writes. */
  private readonly view: WrittenOver;

  constructor(private readonly db: ReplicaDb) {
    const base = storedReader(db);
    this.view = new WrittenOver({
      get: (entity, id) => this.storedRead(getRead(entity, id).key, () => base.get(entity, id)),
      where: (entity, match) => this.storedRead(whereRead(entity, match).key, () => base.where(entity, match)),
      all: (entity) => this.storedRead(`all|${entity}`, () => base.all(entity)),
    });
  }

  /** A buffer for one mutation over this view. */
  begin(): BufferedReplicaTx {
    return new BufferedReplicaTx(this.db, undefined, this.view);
  }

  /** A mutation's buffer that ran to the end: its writes become part of the batch (seen by later mutations). */
  accept(tx: BufferedReplicaTx): void {
    this.view.accept(tx);
  }

  /**
   * Warms the stored reads: first the ones the mutations declare (`declared`, MutationDef.reads), all
   * together; then in rounds: every apply runs against what is known so far (an unknown read
   * answers "nothing" and is noted), over the writes of the round's earlier applies (thrown away with
   * the round; a refusal's never count), then all the noted reads go to IndexedDB together (bulkGet per
   * table, one anyOf query per indexed field), and again with the answers, until no apply asks for
   * anything new. The real, one-by-one pass then finds its answers here. Laying the round's writes over
   * the answers is what lets a write that depends on an earlier one of the batch (an item's price after
   * the item) get past its checks and ask for the reads that follow; a read the warm-up still did not
   * foresee simply goes to IndexedDB in the real pass. The applies run one after another: Dexie keeps its
   * transaction only through awaits it can follow, and hundreds of interleaved async applies lost it
   * ("committed too early").
   */
  async prefetch(
    applies: ReadonlyArray<(tx: BufferedReplicaTx) => Promise<void>>,
    declared: readonly ReplicaRead[] = [],
    rounds = 4,
  ): Promise<void> {
    await this.load(declared.map((r) => ("id" in r ? getRead(r.entity, r.id) : whereRead(r.entity, r.match))));
    for (let round = 0; round < rounds; round++) {
      const misses = new Map<string, StoredRead>();
      const known = <T>(read: StoredRead, empty: T): Promise<T> => {
        if (this.stored.has(read.key)) return Dexie.Promise.resolve(structuredClone(this.stored.get(read.key)) as T);
        misses.set(read.key, read);
        return Dexie.Promise.resolve(empty);
      };
      const probe = new WrittenOver({
        get: (entity, id) => known(getRead(entity, id), undefined),
        where: (entity, match) => known(whereRead(entity, match), []),
        all: (entity) => known({ key: `all|${entity}`, entity, kind: "all" }, []),
      });
      for (const apply of applies) {
        const tx = new BufferedReplicaTx(this.db, undefined, probe);
        try {
          await apply(tx);
          probe.accept(tx);
        } catch {
          // The real pass meets the same refusal (or not, with the batch's real writes in view).
        }
      }
      if (misses.size === 0) return;
      await this.load(misses.values());
    }
  }

  /** Reads the stored answers not known yet, together. */
  private async load(reads: Iterable<StoredRead>): Promise<void> {
    const unknown = new Map<string, StoredRead>();
    for (const read of reads) if (!this.stored.has(read.key)) unknown.set(read.key, read);
    if (unknown.size === 0) return;
    for (const [key, value] of await loadStored(this.db, [...unknown.values()])) this.stored.set(key, value);
  }

  /**
   * Writes the batch: for each row it changed, the shadow of its pre-batch value unless one exists (as
   * recordShadow does for each mutation, and the first mutation to touch a row saw it unchanged), then
   * the rows, one bulkPut and one bulkDelete per table. A pre-batch value the batch already read (a get
   * of that row) is taken from there, not read again. The reads go out together and then the writes
   * (IndexedDB runs them in the order sent): waiting for each bulk call before sending the next left the
   * page idle while the browser wrote, and the browser idle while the page prepared the next call.
   */
  async flush(): Promise<void> {
    const writes = this.view.writes;
    const all = [...writes.values()].flatMap((table) => [...table.values()]);
    if (all.length === 0) return;
    const unread = [...groupBy(all, (w) => w.entity)]
      .map(([entity, list]) => ({ entity, list: list.filter((w) => !this.stored.has(getRead(entity, w.id).key)) }))
      .filter(({ list }) => list.length > 0);
    const [shadowed, read] = await Dexie.Promise.all([
      shadowedKeys(
        this.db,
        all.map((w) => [w.entity, w.id] as const),
      ),
      Dexie.Promise.all(unread.map(({ entity, list }) => this.db.entityTable(entity).bulkGet(list.map((w) => w.id)))),
    ]);
    const before = new Map<string, unknown>();
    unread.forEach(({ entity, list }, t) => list.forEach((w, i) => before.set(getRead(entity, w.id).key, read[t]![i])));
    const shadows: ShadowEntry[] = all
      .filter((w) => !shadowed.has(shadowKey(w.entity, w.id)))
      .map((w) => {
        const key = getRead(w.entity, w.id).key;
        const row = (before.has(key) ? before.get(key) : this.stored.get(key)) as EntityRow<EntityName> | undefined;
        return { entity: w.entity, id: w.id, row: row ?? null };
      });
    const sent: Array<Promise<unknown>> = [];
    if (shadows.length > 0) sent.push(this.db.shadows.bulkPut(shadows));
    for (const [entity, table] of writes) {
      const puts: EntityRow<EntityName>[] = [];
      const deletes: string[] = [];
      for (const w of table.values()) {
        if (w.row) puts.push(w.row);
        else deletes.push(w.id);
      }
      sent.push(this.db.writeRows(entity, puts, deletes));
    }
    await Dexie.Promise.all(sent);
    this.view.clear();
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
}

function groupBy<T, K>(list: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of list) push(groups, key(item), item);
  return groups;
}
