import Dexie, { type Table } from "dexie";
import type { InventoryRow } from "../../shared/protocol/entities.js";
import { readAllInSlices } from "./query.js";

/**
 * Stock rows are stored packed: each IndexedDB record of the `stock` table holds up to PACK_ROWS rows,
 * with multi-entry indexes of the row ids it holds (unique: a row is in exactly one pack), their items
 * and their locations. Everything above this file still sees one `inventory` row per location and lot.
 *
 * Why: IndexedDB's cost is per record, not per byte. A large practice's first sync writes 50,000 stock
 * rows; one record each (with two indexes) took 7–10 s on a 2-core tablet-class machine, packed sixteen
 * to a record under three multi-entry indexes 2.4–3.3 s (docs/adr/0008-stock-packed-per-item.md).
 *
 * Packs are formed as rows arrive, a write's rows sorted by item so an item's rows share a pack where
 * they come together; an update rewrites the pack holding its row. A pull sends rows in version order,
 * not by item, so packing strictly by item would rewrite each item's pack once per page it appears in.
 */
export interface StockPack {
  /** Auto-incremented; absent on a pack not yet added. */
  pk?: number;
  rows: InventoryRow[];
  ids: string[];
  itemIds: string[];
  locationIds: string[];
}

/** The `stock` table's Dexie schema. */
export const STOCK_PACK_SCHEMA = "++pk, &*ids, *itemIds, *locationIds";

/** Rows per pack a write forms. A single-row update rewrites a pack this size, about 2 kB. */
export const PACK_ROWS = 16;

/** The ways callers may hint that rows are absent, to spare the look-up (see bulkWrite). */
export interface WriteHints {
  /**
   * True for an id the caller knows no pack holds (a first sync's rows not met before in that run).
   * A wrong guess costs a retry, never a duplicate: the unique ids index refuses the second copy.
   */
  presumedAbsent?: (id: string) => boolean;
}

/** Packs of `rows` (each id once), an item's rows together, at most PACK_ROWS rows per pack. */
export function packRows(rows: readonly InventoryRow[]): StockPack[] {
  const sorted = [...rows].sort((a, b) => compare(a.itemId, b.itemId) || compare(a.locationId, b.locationId) || compare(a.id, b.id));
  const packs: StockPack[] = [];
  for (let i = 0; i < sorted.length; i += PACK_ROWS) packs.push(described(sorted.slice(i, i + PACK_ROWS)));
  return packs;
}

/**
 * The replica's `inventory` rows, read and written as the generic replica code reads and writes any
 * entity table (get, bulkGet, put, bulkPut, delete, bulkDelete, toArray, clear), plus the look-ups the
 * old table's indexes served: by item, by location, by location and item.
 *
 * Writes to one StockRows must not run concurrently with each other in one transaction (two writes could
 * read the same pack and the second would undo the first): callers await each, or use bulkWrite.
 * Every call uses only Dexie promises, so it stays inside the caller's Dexie transaction.
 */
export class StockRows {
  constructor(private readonly db: Dexie) {}

  private get table(): Table<StockPack, number> {
    return this.db.table("stock");
  }

  get(id: string): Promise<InventoryRow | undefined> {
    return this.table
      .where("ids")
      .equals(id)
      .first()
      .then((pack) => pack?.rows.find((r) => r.id === id));
  }

  bulkGet(ids: readonly string[]): Promise<Array<InventoryRow | undefined>> {
    return this.packsHolding(ids).then((byId) => ids.map((id) => byId.get(id)?.rows.find((r) => r.id === id)));
  }

  /** The rows of these items, by item, then id (the order the old itemId index answered an anyOf in). */
  byItems(itemIds: readonly string[]): Promise<InventoryRow[]> {
    const wanted = new Set(itemIds);
    return this.packsBy("itemIds", wanted).then((packs) =>
      rowsOf(packs, (r) => wanted.has(r.itemId)).sort((a, b) => compare(a.itemId, b.itemId) || byId(a, b)),
    );
  }

  /** The rows at these locations: location by location as given, each by item, then id. */
  byLocations(locationIds: readonly string[]): Promise<InventoryRow[]> {
    const order = [...new Set(locationIds)];
    return this.packsBy("locationIds", new Set(order)).then((packs) => {
      const rank = new Map(order.map((id, i) => [id, i]));
      const rows = rowsOf(packs, (r) => rank.has(r.locationId));
      return rows.sort((a, b) => rank.get(a.locationId)! - rank.get(b.locationId)! || compare(a.itemId, b.itemId) || byId(a, b));
    });
  }

  /** Every row, by id. */
  toArray(): Promise<InventoryRow[]> {
    return this.table.toArray().then((packs) => rowsOf(packs).sort(byId));
  }

  /** Every row, by id, read `slice` packs per request (readAllInSlices: no one long task on a large practice). */
  toArrayInSlices(slice = 300): Promise<InventoryRow[]> {
    return readAllInSlices(this.table, slice, (pack) => pack.pk!).then((packs) => rowsOf(packs).sort(byId));
  }

  put(row: InventoryRow): Promise<void> {
    return this.bulkWrite([row], []);
  }

  bulkPut(rows: readonly InventoryRow[], hints?: WriteHints): Promise<void> {
    return this.bulkWrite(rows, [], hints);
  }

  delete(id: string): Promise<void> {
    return this.bulkWrite([], [id]);
  }

  bulkDelete(ids: readonly string[]): Promise<void> {
    return this.bulkWrite([], ids);
  }

  clear(): Promise<void> {
    return this.table.clear();
  }

  /**
   * Puts `puts` (a later row of an id wins) and deletes `deletes` (after every put, as bulkPut then
   * bulkDelete would): the packs holding those ids are read once, changed and written back (an emptied
   * pack is deleted), and rows no pack held go into new packs.
   */
  bulkWrite(puts: readonly InventoryRow[], deletes: readonly string[], hints: WriteHints = {}): Promise<void> {
    const latest = new Map<string, InventoryRow>();
    for (const row of puts) latest.set(row.id, row);
    for (const id of deletes) latest.delete(id);
    const presumed = hints.presumedAbsent;
    const fresh: InventoryRow[] = [];
    const lookUp: string[] = [...deletes];
    for (const [id, row] of latest) {
      if (presumed?.(id)) fresh.push(row);
      else lookUp.push(id);
    }
    return this.packsHolding(lookUp).then((holding) => {
      const changed = new Map<number, StockPack>();
      for (const id of lookUp) {
        const pack = holding.get(id);
        const row = latest.get(id);
        if (!pack) {
          if (row) fresh.push(row);
          continue;
        }
        const at = pack.rows.findIndex((r) => r.id === id);
        if (row) pack.rows[at] = row;
        else pack.rows.splice(at, 1);
        changed.set(pack.pk!, pack);
      }
      const emptied = [...changed.values()].filter((p) => p.rows.length === 0).map((p) => p.pk!);
      const rewritten = [...changed.values()].filter((p) => p.rows.length > 0).map((p) => described(p.rows, p.pk));
      const sent: Array<Promise<unknown>> = [];
      if (emptied.length > 0) sent.push(this.table.bulkDelete(emptied));
      if (rewritten.length > 0) sent.push(this.table.bulkPut(rewritten));
      if (fresh.length > 0) sent.push(this.addFresh(fresh));
      return Dexie.Promise.all(sent).then(() => undefined);
    });
  }

  /**
   * Adds rows believed absent as new packs. A pack refused because one of its ids is held after all (a
   * presumption that was wrong) is written again through the look-up path; the rest stay added. Dexie
   * leaves the transaction running when a bulkAdd's BulkError is caught.
   */
  private addFresh(rows: InventoryRow[]): Promise<void> {
    const packs = packRows(rows);
    return this.table.bulkAdd(packs).then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof Dexie.BulkError)) throw error;
        const failed = Object.keys(error.failuresByPos).map(Number);
        return this.bulkWrite(
          failed.flatMap((pos) => packs[pos]!.rows),
          [],
        );
      },
    );
  }

  /**
   * The pack holding each id (one object per pack, shared by its ids). One request per id, sent together:
   * IndexedDB answers each from its index, while Dexie's anyOf walks a cursor one key at a time.
   */
  private packsHolding(ids: readonly string[]): Promise<Map<string, StockPack>> {
    const unique = [...new Set(ids)];
    return Dexie.Promise.all(unique.map((id) => this.table.where("ids").equals(id).first())).then((found) => {
      const byPk = new Map<number, StockPack>();
      const byId = new Map<string, StockPack>();
      unique.forEach((id, i) => {
        const pack = found[i];
        if (!pack) return;
        const shared = byPk.get(pack.pk!) ?? pack;
        byPk.set(pack.pk!, shared);
        byId.set(id, shared);
      });
      return byId;
    });
  }

  /** The packs with any of `values` in the multi-entry index `index`, each once. */
  private packsBy(index: "itemIds" | "locationIds", values: ReadonlySet<string>): Promise<StockPack[]> {
    return Dexie.Promise.all([...values].map((v) => this.table.where(index).equals(v).toArray())).then((lists) => {
      const byPk = new Map<number, StockPack>();
      for (const list of lists) for (const pack of list) byPk.set(pack.pk!, pack);
      return [...byPk.values()];
    });
  }
}

/** A pack record for `rows`, its index fields derived from them. */
function described(rows: InventoryRow[], pk?: number): StockPack {
  const pack: StockPack = {
    rows,
    ids: rows.map((r) => r.id),
    itemIds: [...new Set(rows.map((r) => r.itemId))],
    locationIds: [...new Set(rows.map((r) => r.locationId))],
  };
  if (pk !== undefined) pack.pk = pk;
  return pack;
}

function rowsOf(packs: readonly StockPack[], keep: (row: InventoryRow) => boolean = () => true): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const pack of packs) for (const row of pack.rows) if (keep(row)) rows.push(row);
  return rows;
}

const byId = (a: { id: string }, b: { id: string }) => compare(a.id, b.id);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
