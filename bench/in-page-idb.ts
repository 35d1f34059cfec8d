/**
 * IndexedDB helpers for the benchmarks' raw-write limits, installed into the page as an init script
 * (`context.addInitScript(installIdbHelpers)`): functions handed to page.evaluate are serialised alone and
 * cannot import, so the limits in browser-sync.ts and csv-import-raw.ts reach these through
 * `globalThis.benchIdb`.
 *
 * The scratch database copies the replica's own stores and indexes at run time, so a limit is measured
 * against exactly the index work the replica does.
 */
export interface StoreShape {
  keyPath: string | string[];
  autoIncrement: boolean;
  indexes: { name: string; keyPath: string | string[]; multiEntry: boolean; unique: boolean }[];
}

export interface BenchIdb {
  /** Waits for a transaction to complete (rejects on error or abort). */
  done(tx: IDBTransaction): Promise<void>;
  /** The shapes of `stores` in database `dbName`, and all rows of those in `readRows`. */
  snapshot(
    dbName: string,
    stores: string[],
    readRows: string[],
  ): Promise<{ shapes: Record<string, StoreShape>; rows: Record<string, unknown[]> }>;
  /** A new empty database with these stores and indexes. */
  scratch(shapes: Record<string, StoreShape>): Promise<{ db: IDBDatabase; drop(): Promise<void> }>;
}

/** In the page (self-contained: serialised by playwright). */
export function installIdbHelpers() {
  const request = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const openDb = (name: string, upgrade?: (db: IDBDatabase) => void) => {
    const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
    if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
    return request(req);
  };
  const helpers: BenchIdb = {
    done: (tx) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
    async snapshot(dbName, stores, readRows) {
      const replica = await openDb(dbName);
      const shapes: Record<string, StoreShape> = {};
      const rows: Record<string, unknown[]> = {};
      for (const name of stores) {
        const source = replica.transaction(name, "readonly").objectStore(name);
        shapes[name] = {
          keyPath: source.keyPath ?? "id",
          autoIncrement: source.autoIncrement,
          indexes: [...source.indexNames].map((index) => {
            const i = source.index(index);
            return { name: index, keyPath: i.keyPath, multiEntry: i.multiEntry, unique: i.unique };
          }),
        };
        if (readRows.includes(name)) rows[name] = await request(source.getAll());
      }
      replica.close();
      return { shapes, rows };
    },
    async scratch(shapes) {
      const name = `venzory-bench-scratch-${Math.random().toString(36).slice(2)}`;
      const db = await openDb(name, (created) => {
        for (const [store, { keyPath, autoIncrement, indexes }] of Object.entries(shapes)) {
          const s = created.createObjectStore(store, { keyPath, autoIncrement });
          for (const i of indexes) s.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique });
        }
      });
      return {
        db,
        drop: () =>
          new Promise<void>((resolve) => {
            db.close();
            const req = indexedDB.deleteDatabase(name);
            req.onsuccess = req.onerror = req.onblocked = () => resolve();
          }),
      };
    },
  };
  (globalThis as unknown as { benchIdb: BenchIdb }).benchIdb = helpers;
}
