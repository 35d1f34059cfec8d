/**
 * How each replicated entity is read for a pull and shaped for the wire (shared/protocol/entities.ts):
 * the wire row's columns as select-list expressions over `t`, the table's row. pull-page.ts turns them
 * into one statement in which PostgreSQL writes the page as JSON.
 * Adding a replicated entity = a schema in shared/ and a reader here.
 */
import type { EntityName } from "../../shared/protocol/entities.js";
import { blindCountedStock, blindSession } from "./blind-stock.js";
import { ORDER_READERS } from "./order-readers.js";
import { as, cols, day, isoTz, isoUtc, money, ROW, WIRE } from "./wire-sql.js";

export interface EntityReader {
  entity: EntityName;
  /** Its table, as PostgreSQL names it (one reader per table). */
  table: string;
  /** The wire row's fields, as expressions over `t` (wire-sql.ts); parameters $1 practice, $4 sees expected quantities. */
  columns: string[];
  /**
   * An expression over the wire row (WIRE): true for a row that leaves out a figure an app from before
   * blind counts cannot do without (a stock row's quantity); pull.ts then tells such an app to update.
   */
  withheld?: string;
}

/** A figure a blind counter may not see (the session's expected quantities), as null for them. */
const unlessBlind = (name: string) => as(`CASE WHEN ${blindSession(`${ROW}."sessionId"`)} THEN NULL ELSE ${ROW}."${name}" END`, name);

export const ENTITY_READERS: EntityReader[] = [
  { entity: "location", table: "Location", columns: cols("id", "parentId", "name", "archived", "version") },
  {
    entity: "item",
    table: "Item",
    columns: [
      ...cols("id", "productId", "name", "sku", "unit", "packSize", "reorderPoint", "reorderQuantity", "maxStock"),
      ...cols("defaultSupplierId", "batchTracked", "archived", "category", "notes", "version"),
      as(`(SELECT p."gtin" FROM "Product" p WHERE p."id" = ${ROW}."productId")`, "gtin"),
    ],
  },
  { entity: "batch", table: "Batch", columns: [...cols("id", "itemId", "lot", "expiryRaw", "version"), day("expiryDate")] },
  {
    entity: "inventory",
    table: "Inventory",
    // A blind count's expected quantity is the on-hand quantity of its keys: counters get those rows without it.
    columns: [
      ...cols("id", "locationId", "itemId", "batchId", "version"),
      as(`CASE WHEN ${blindCountedStock(ROW)} THEN NULL ELSE ${ROW}."quantity" END`, "quantity"),
    ],
    // The column is NOT NULL: null on the wire is a hidden quantity.
    withheld: `${WIRE}."quantity" IS NULL`,
  },
  { entity: "parLevel", table: "ParLevel", columns: cols("id", "itemId", "locationId", "minQuantity", "maxQuantity", "version") },
  {
    entity: "stockSettings",
    table: "StockSettings",
    columns: cols("id", "expiryHorizonDays", "overReceiptTolerancePercent", "usageWindowWeeks", "version"),
  },
  {
    entity: "supplier",
    table: "PracticeSupplier",
    columns: cols("id", "globalSupplierId", "name", "accountNumber", "orderEmail", "phone", "notes", "archived", "version"),
  },
  {
    entity: "supplierItem",
    table: "PracticeSupplierItem",
    columns: [
      ...cols("id", "itemId", "supplierSku", "currency", "packSize", "minimumOrder", "leadTimeDays", "version"),
      as(`${ROW}."practiceSupplierId"`, "supplierId"),
      money(`${ROW}."unitPrice"`, "unitPrice"),
    ],
  },
  {
    entity: "countSession",
    table: "CountSession",
    columns: [
      ...cols("id", "locationId", "includeSubLocations", "status", "blind", "recountThresholdUnits", "recountThresholdPct"),
      ...cols("name", "note", "startedById", "completedById", "zeroedUncounted", "version"),
      isoTz("completedAt"),
      isoTz("cancelledAt"),
      isoUtc("createdAt"),
      as(
        `ARRAY(SELECT ci."itemId" FROM "CountSessionItem" ci WHERE ci."practiceId" = $1::uuid AND ci."sessionId" = ${ROW}."id" ORDER BY ci."itemId")`,
        "itemIds",
      ),
    ],
  },
  {
    entity: "countLine",
    table: "CountLine",
    columns: [
      ...cols("id", "sessionId", "clientId", "userId", "itemId", "locationId", "batchId", "countedQuantity", "seenVersion"),
      ...cols("needsRecount", "supersededById", "version"),
      isoUtc("createdAt"),
      unlessBlind("seenQuantity"),
      unlessBlind("onHandAtPush"),
      unlessBlind("movementSinceSeen"),
    ],
  },
  {
    entity: "countConflict",
    table: "CountConflict",
    columns: [
      ...cols("id", "sessionId", "itemId", "locationId", "batchId", "kind", "resolution", "resolvedById", "version"),
      isoTz("resolvedAt"),
      isoUtc("createdAt"),
      // A stock-moved conflict's lines carry the on-hand and movement figures: a blind counter gets the lines without them.
      as(
        `CASE WHEN ${blindSession(`${ROW}."sessionId"`)} AND jsonb_typeof(${ROW}."details"->'lines') = 'array'
          THEN jsonb_set(${ROW}."details", '{lines}', (
            SELECT coalesce(jsonb_agg(coalesce(
              (SELECT jsonb_object_agg(f.key, f.value) FROM jsonb_each(l) f WHERE f.key IN ('lineId', 'clientId', 'countedQuantity')),
              '{}'::jsonb) ORDER BY n), '[]'::jsonb)
            FROM jsonb_array_elements(${ROW}."details"->'lines') WITH ORDINALITY AS e(l, n)))
          ELSE ${ROW}."details" END`,
        "details",
      ),
    ],
  },
  ...ORDER_READERS,
];
