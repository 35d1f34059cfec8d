import Dexie, { type Table } from "dexie";
import type {
  BatchRow,
  CountConflictRow,
  CountLineRow,
  CountSessionRow,
  EntityName,
  EntityRow,
  GoodsReceiptLineRow,
  GoodsReceiptRow,
  InventoryRow,
  ItemRow,
  LocationRow,
  OrderItemRow,
  OrderRow,
  OrderTemplateItemRow,
  OrderTemplateRow,
  ParLevelRow,
  StockSettingsRow,
  SupplierItemRow,
  SupplierRow,
} from "../../shared/protocol/entities.js";
import { packRows, STOCK_PACK_SCHEMA, StockRows, type StockPack, type WriteHints } from "./stockPacks.js";

/** One queued write, exactly as it will be pushed, plus local bookkeeping the server never sees. */
export interface OutboxEntry {
  seq: number;
  id: string;
  name: string;
  args: unknown;
  clientTime: string;
  /** Set when a rebase could not re-apply it: it stays queued (the server decides) but "may be rejected". */
  applyError?: { code: string; message: string } | null;
}

/** A mutation the server refused (kind "rejected") or applied with a warning (kind "conflict"). */
export interface NoticeEntry {
  id: string;
  seq: number;
  name: string;
  args: unknown;
  kind: "rejected" | "conflict";
  code: string;
  message: string;
  at: string;
}

/** The server copy of a row that pending mutations changed; `row: null` means the server has no such row. */
export interface ShadowEntry<E extends EntityName = EntityName> {
  entity: E;
  id: string;
  row: EntityRow<E> | null;
}

/** Replica bookkeeping, stored as key/value rows so new keys never need a schema upgrade. */
export interface MetaValues {
  clientId: string;
  /** The practice version of the newest change applied; 0 for an empty replica. */
  cursor: number;
  /** The seq the next local mutation gets; seqs are gap-free from 1. */
  nextSeq: number;
  /** The highest seq the server said it consumed; the next push starts after it. */
  pushedSeq: number;
  /** REPLICA_SCHEMA_VERSION of the rows stored; a mismatch clears the replica tables (never the outbox). */
  replicaSchemaVersion: number;
  lastSyncAt: string;
  lastError: { message: string; at: string } | null;
  /** A rebase was put off while a large backlog was being sent (rebase.ts rebaseUnlessBacklog). */
  rebaseOwed: boolean;
  /**
   * How many outbox entries the last rebase left with an applyError (only a rebase sets one; entries
   * leaving the outbox can make it too high, never too low). 0 lets the sync status skip reading a
   * 20,000-entry outbox after every change of a large import.
   */
  outboxApplyErrors: number;
}
export type MetaKey = keyof MetaValues;
export interface MetaEntry {
  key: MetaKey;
  value: unknown;
}

/** The Dexie database of one practice's replica. */
export class ReplicaDb extends Dexie {
  location!: Table<LocationRow, string>;
  item!: Table<ItemRow, string>;
  batch!: Table<BatchRow, string>;
  /** Stock rows, stored packed in `stock` (stockPacks.ts); read and written through this. */
  readonly inventory: StockRows = new StockRows(this);
  stock!: Table<StockPack, number>;
  parLevel!: Table<ParLevelRow, string>;
  stockSettings!: Table<StockSettingsRow, string>;
  supplier!: Table<SupplierRow, string>;
  supplierItem!: Table<SupplierItemRow, string>;
  countSession!: Table<CountSessionRow, string>;
  countLine!: Table<CountLineRow, string>;
  countConflict!: Table<CountConflictRow, string>;
  order!: Table<OrderRow, string>;
  orderItem!: Table<OrderItemRow, string>;
  orderTemplate!: Table<OrderTemplateRow, string>;
  orderTemplateItem!: Table<OrderTemplateItemRow, string>;
  goodsReceipt!: Table<GoodsReceiptRow, string>;
  goodsReceiptLine!: Table<GoodsReceiptLineRow, string>;
  outbox!: Table<OutboxEntry, number>;
  rejected!: Table<NoticeEntry, string>;
  shadows!: Table<ShadowEntry, [string, string]>;
  meta!: Table<MetaEntry, MetaKey>;

  constructor(name: string) {
    super(name);
    // Version 1. A later version must only add indexes or tables, or migrate rows in place: the outbox
    // and rejected tables hold user work that exists nowhere else and must survive every upgrade.
    this.version(1).stores({
      location: "id, parentId, name",
      item: "id, name, gtin",
      batch: "id, itemId",
      // Null is not indexable, so batchId is filtered in JS after the [locationId+itemId] lookup.
      inventory: "id, locationId, itemId, [locationId+itemId]",
      outbox: "seq, &id",
      rejected: "id, seq",
      shadows: "[entity+id]",
      meta: "key",
    });
    // Version 2 (issue 10, stock): expiry and lot lookups read indexes instead of scanning 50,000 rows;
    // par levels and the practice's stock settings are replicated.
    this.version(2).stores({
      batch: "id, itemId, expiryDate, lot",
      inventory: "id, locationId, itemId, batchId, [locationId+itemId]",
      parLevel: "id, itemId, locationId, [itemId+locationId]",
      stockSettings: "id",
      // Catalogue: the items list searches by name, SKU and GTIN prefix on 10,000 items through these
      // indexes; supplier prices are read per item and per supplier.
      item: "id, name, gtin, sku, defaultSupplierId",
      supplier: "id, name",
      supplierItem: "id, itemId, supplierId, [itemId+supplierId]",
    });
    // Version 3 (issue 12, counts): a tablet lists sessions by location and status, a session's lines
    // per key and per location (progress), and a session's conflicts.
    this.version(3).stores({
      countSession: "id, status, locationId",
      countLine: "id, sessionId, [sessionId+itemId+locationId], [sessionId+locationId]",
      countConflict: "id, sessionId, [sessionId+itemId+locationId]",
    });
    // Version 4 (issue 13, orders and receiving): orders by status and supplier, an order's lines, what is
    // on order per item, a template's lines, an order's receipts and a receipt's lines.
    this.version(4).stores({
      order: "id, status, supplierId",
      orderItem: "id, orderId, itemId, [orderId+itemId]",
      orderTemplate: "id, supplierId, name",
      orderTemplateItem: "id, templateId",
      goodsReceipt: "id, orderId",
      goodsReceiptLine: "id, receiptId, orderItemId",
    });
    // Version 5 (first sync speed): inventory drops its locationId index. Reads by location use the
    // [locationId+itemId] index's prefix (query.ts inventoryAt); every index is one more entry written
    // for each of a large practice's 50,000 stock rows on a new tablet.
    this.version(5).stores({
      inventory: "id, itemId, batchId, [locationId+itemId]",
    });
    // Version 6 (first sync speed): inventory drops its batchId index too. A lot's stock is read through
    // its item (query.ts inventoryOfBatches): an item has a handful of stock rows, while the index was
    // one more entry written per stock row, about 2 s of a 50,000-row first sync on a 2-core machine.
    this.version(6).stores({
      inventory: "id, itemId, [locationId+itemId]",
    });
    // Version 7 (first sync speed): stock rows move into packs of up to 16 per record (stockPacks.ts,
    // ADR 0008). The stored rows move as they are, shadows and outbox untouched, so a tablet updated
    // while offline keeps its stock.
    this.version(7)
      .stores({ inventory: null, stock: STOCK_PACK_SCHEMA })
      .upgrade(async (tx) => {
        const rows = (await tx.table("inventory").toArray()) as InventoryRow[];
        await tx.table("stock").bulkAdd(packRows(rows));
      });
  }

  /**
   * The replicated rows of `entity`, as the generic replica code reads and writes them: the Dexie table,
   * or for inventory the packed store behind the same calls. Index look-ups go through query.ts.
   */
  entityTable<E extends EntityName>(entity: E): EntityRows<EntityRow<E>> {
    if (entity === "inventory") return this.inventory as unknown as EntityRows<EntityRow<E>>;
    return this.table(entity);
  }

  /**
   * Puts `puts` then deletes `deletes` (distinct ids) of one entity: inventory as one pass over its packs
   * (two separate calls could rewrite the same pack from the same read), any other table as a bulkPut
   * and a bulkDelete sent together. `hints` spare inventory look-ups (stockPacks.ts WriteHints).
   */
  writeRows(entity: EntityName, puts: readonly EntityRow<EntityName>[], deletes: readonly string[], hints?: WriteHints): Promise<unknown> {
    if (entity === "inventory") return this.inventory.bulkWrite(puts as InventoryRow[], deletes, hints);
    const table = this.table(entity);
    const sent: Array<Promise<unknown>> = [];
    if (puts.length > 0) sent.push(table.bulkPut([...puts]));
    if (deletes.length > 0) sent.push(table.bulkDelete([...deletes]));
    return Dexie.Promise.all(sent);
  }

  /** The Dexie table of an entity other than inventory, for its index look-ups (query.ts). */
  indexedTable<E extends Exclude<EntityName, "inventory">>(entity: E): Table<EntityRow<E>, string> {
    return this.table(entity);
  }

  /** The Dexie tables the replicated rows live in, for a transaction's scope. */
  replicatedTables(): Table[] {
    return this.tables.filter((t) => !BOOKKEEPING_TABLES.has(t.name));
  }
}

/** Tables of the device's own bookkeeping; every other table holds replicated rows. */
const BOOKKEEPING_TABLES = new Set(["outbox", "rejected", "shadows", "meta"]);

/** What the generic replica code (shadows, buffers, bulk reads and writes) does with an entity's rows. */
export interface EntityRows<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  bulkGet(ids: string[]): Promise<Array<T | undefined>>;
  toArray(): Promise<T[]>;
  put(row: T): Promise<unknown>;
  bulkPut(rows: readonly T[]): Promise<unknown>;
  delete(id: string): Promise<unknown>;
  bulkDelete(ids: string[]): Promise<unknown>;
  clear(): Promise<unknown>;
}

/** The database name of a practice's replica. One per practice so switching practices never mixes data. */
export function replicaName(practiceId: string): string {
  return `venzory-${practiceId}`;
}
