import type { BenchIdb } from "./in-page-idb.js";

/**
 * In the page (serialised by playwright: self-contained but for the helpers installIdbHelpers puts on the
 * page, in-page-idb.ts): the least IndexedDB work an import
 * of these rows needs, timed. Reads the rows the import left in the replica (items, suppliers, prices),
 * then writes each into a scratch database with the replica's own stores and indexes (copied from it, so
 * the index work is the same), each with one shadow row, and one outbox row per change (`changes`: a
 * new item and its price are one change, so the first `changes` rows in store order carry one each),
 * `chunk` rows per transaction with plain `put`s and no awaits in between.
 */
export async function rawEnqueueLimit(args: { dbName: string; chunk: number; changes: number }) {
  const idb = (globalThis as unknown as { benchIdb: BenchIdb }).benchIdb; // installIdbHelpers
  const tables = ["supplier", "item", "supplierItem"];
  const { shapes, rows: read } = await idb.snapshot(args.dbName, [...tables, "shadows", "outbox"], tables);
  const rows = read as Record<string, Array<{ id: string }>>;
  const scratch = await idb.scratch(shapes);
  const clientTime = new Date().toISOString();
  let seq = 1;
  let written = 0;
  const started = performance.now();
  for (const name of tables) {
    const all = rows[name]!;
    for (let i = 0; i < all.length; i += args.chunk) {
      const tx = scratch.db.transaction([name, "shadows", "outbox"], "readwrite");
      const table = tx.objectStore(name);
      const shadows = tx.objectStore("shadows");
      const outbox = tx.objectStore("outbox");
      for (const row of all.slice(i, i + args.chunk)) {
        table.put(row);
        shadows.put({ entity: name, id: row.id, row: null });
        if (seq <= args.changes) outbox.put({ seq: seq++, id: crypto.randomUUID(), name: `${name}.set`, args: row, clientTime });
      }
      await idb.done(tx);
      written += Math.min(args.chunk, all.length - i);
    }
  }
  const ms = performance.now() - started;
  await scratch.drop();
  return { ms, rows: written, outbox: seq - 1, counts: Object.fromEntries(tables.map((t) => [t, rows[t]!.length])) };
}
