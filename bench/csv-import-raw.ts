/**
 * In the page (serialised by playwright: self-contained, no imports): the least IndexedDB work an import
 * of these rows needs, timed. Reads the rows the import left in the replica (items, suppliers, prices),
 * then writes each into a scratch database with the replica's own stores and indexes (copied from it, so
 * the index work is the same), together with one shadow row and one outbox row per change, `chunk`
 * changes per transaction with plain `put`s and no awaits in between.
 */
export async function rawEnqueueLimit(args: { dbName: string; chunk: number }) {
  const openDb = (name: string, upgrade?: (db: IDBDatabase) => void) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
      if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  const tables = ["supplier", "item", "supplierItem"];
  const stores = [...tables, "shadows", "outbox"];
  const replica = await openDb(args.dbName);
  const rows: Record<string, Array<{ id: string }>> = {};
  const shapes: Record<
    string,
    {
      keyPath: string | string[];
      autoIncrement: boolean;
      indexes: { name: string; keyPath: string | string[]; multiEntry: boolean; unique: boolean }[];
    }
  > = {};
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
    if (!tables.includes(name)) continue;
    const req = source.getAll();
    rows[name] = await new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result as Array<{ id: string }>);
      req.onerror = () => reject(req.error);
    });
  }
  replica.close();

  const scratchName = `venzory-bench-scratch-${Math.random().toString(36).slice(2)}`;
  const scratch = await openDb(scratchName, (db) => {
    for (const [name, { keyPath, autoIncrement, indexes }] of Object.entries(shapes)) {
      const store = db.createObjectStore(name, { keyPath, autoIncrement });
      for (const i of indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique });
    }
  });
  const clientTime = new Date().toISOString();
  let seq = 1;
  let written = 0;
  const started = performance.now();
  for (const name of tables) {
    const all = rows[name]!;
    for (let i = 0; i < all.length; i += args.chunk) {
      const tx = scratch.transaction([name, "shadows", "outbox"], "readwrite");
      const table = tx.objectStore(name);
      const shadows = tx.objectStore("shadows");
      const outbox = tx.objectStore("outbox");
      for (const row of all.slice(i, i + args.chunk)) {
        table.put(row);
        shadows.put({ entity: name, id: row.id, row: null });
        outbox.put({ seq: seq++, id: crypto.randomUUID(), name: `${name}.set`, args: row, clientTime });
      }
      await done(tx);
      written += Math.min(args.chunk, all.length - i);
    }
  }
  const ms = performance.now() - started;
  scratch.close();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(scratchName);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  return { ms, rows: written, counts: Object.fromEntries(tables.map((t) => [t, rows[t]!.length])) };
}
