/**
 * Readers of the ordering and receiving entities (issue 13): orders and their lines, templates, goods
 * receipts and their lines. Decimal prices travel as their exact four-decimal text, dates as ISO text.
 */
import type { EntityReader } from "./entity-readers.js";
import { as, cols, day, isoTz, isoUtc, money, ROW } from "./wire-sql.js";

export const ORDER_READERS: EntityReader[] = [
  {
    entity: "order",
    table: "Order",
    columns: [
      ...cols("id", "deliveryLocationId", "number", "currency", "status", "notes", "createdById", "sentById", "sentManually"),
      ...cols("cancelReason", "closeReason", "version"),
      as(`${ROW}."practiceSupplierId"`, "supplierId"),
      as(`${ROW}."emailOutboxId" IS NOT NULL`, "emailed"),
      isoTz("sentAt"),
      isoTz("receivedAt"),
      isoTz("cancelledAt"),
      isoTz("closedAt"),
      isoUtc("createdAt"),
    ],
  },
  {
    entity: "orderItem",
    table: "OrderItem",
    columns: [
      ...cols("id", "orderId", "itemId", "quantity", "receivedQuantity", "supplierSku", "packSize", "version"),
      money(`${ROW}."unitPrice"`, "unitPrice"),
    ],
  },
  {
    entity: "orderTemplate",
    table: "OrderTemplate",
    columns: [...cols("id", "name", "version"), as(`${ROW}."practiceSupplierId"`, "supplierId")],
  },
  { entity: "orderTemplateItem", table: "OrderTemplateItem", columns: cols("id", "templateId", "itemId", "quantity", "version") },
  {
    entity: "goodsReceipt",
    table: "GoodsReceipt",
    columns: [
      ...cols("id", "orderId", "locationId", "status", "notes", "receivedById", "overReceiptReason", "conflictReason", "version"),
      isoTz("postedAt"),
      isoUtc("createdAt"),
    ],
  },
  {
    entity: "goodsReceiptLine",
    table: "GoodsReceiptLine",
    columns: [
      ...cols("id", "receiptId", "itemId", "orderItemId", "locationId", "batchId", "lot", "expiryRaw", "quantity", "packSize"),
      ...cols("damagedQuantity", "damageReason", "version"),
      day("expiryDate"),
    ],
  },
];
