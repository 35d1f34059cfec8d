/**
 * How each replicated entity is read for a pull and shaped for the wire (shared/protocol/entities.ts).
 * Adding a replicated entity = a schema in shared/, a reader here, and its table in REPLICATED_TABLES.
 */
import { can, type Role } from "../../shared/auth/roles.js";
import type { EntityName } from "../../shared/protocol/entities.js";
import type { Tx } from "../db/prisma.js";
import { blindCountedInventory } from "./blind-stock.js";
import { ORDER_READERS } from "./order-readers.js";

export interface VersionRange {
  practiceId: string;
  after: bigint;
  upTo: bigint;
  /** The puller's role: some rows are shaped per role (a blind count's expected quantities go to admins only). */
  role: Role;
}

export interface EntityReader {
  entity: EntityName;
  read(tx: Tx, range: VersionRange): Promise<Record<string, unknown>[]>;
}

const where = (r: VersionRange) => ({ practiceId: r.practiceId, version: { gt: r.after, lte: r.upTo } });
const orderBy = { version: "asc" } as const;

/** Whether this role may see a blind count session's expected quantities (the admin override). */
const seesExpected = (role: Role) => can(role, "counts.override");

/**
 * The sessions among `sessionIds` whose expected figures this pull must leave out: the blind ones, unless
 * the puller's role sees expected quantities (then none).
 */
async function blindSessions(tx: Tx, r: VersionRange, sessionIds: string[]): Promise<Set<string>> {
  if (seesExpected(r.role) || !sessionIds.length) return new Set();
  const rows = await tx.countSession.findMany({
    where: { practiceId: r.practiceId, id: { in: [...new Set(sessionIds)] }, blind: true },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const REPLICATED_TABLES = [
  "Location",
  "Item",
  "Batch",
  "Inventory",
  "ParLevel",
  "StockSettings",
  "PracticeSupplier",
  "PracticeSupplierItem",
  "CountSession",
  "CountLine",
  "CountConflict",
  "Order",
  "OrderItem",
  "OrderTemplate",
  "OrderTemplateItem",
  "GoodsReceipt",
  "GoodsReceiptLine",
] as const;

export const ENTITY_READERS: EntityReader[] = [
  {
    entity: "location",
    async read(tx, r) {
      const rows = await tx.location.findMany({
        where: where(r),
        orderBy,
        select: { id: true, parentId: true, name: true, archived: true, version: true },
      });
      return rows.map((l) => ({ ...l, version: Number(l.version) }));
    },
  },
  {
    entity: "item",
    async read(tx, r) {
      const rows = await tx.item.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          productId: true,
          name: true,
          sku: true,
          unit: true,
          packSize: true,
          reorderPoint: true,
          reorderQuantity: true,
          maxStock: true,
          defaultSupplierId: true,
          batchTracked: true,
          archived: true,
          category: true,
          notes: true,
          version: true,
          product: { select: { gtin: true } },
        },
      });
      return rows.map(({ product, ...i }) => ({ ...i, gtin: product?.gtin ?? null, version: Number(i.version) }));
    },
  },
  {
    entity: "batch",
    async read(tx, r) {
      const rows = await tx.batch.findMany({
        where: where(r),
        orderBy,
        select: { id: true, itemId: true, lot: true, expiryDate: true, expiryRaw: true, version: true },
      });
      return rows.map((b) => ({
        ...b,
        expiryDate: b.expiryDate ? b.expiryDate.toISOString().slice(0, 10) : null,
        version: Number(b.version),
      }));
    },
  },
  {
    entity: "inventory",
    async read(tx, r) {
      const rows = await tx.inventory.findMany({
        where: where(r),
        orderBy,
        select: { id: true, locationId: true, itemId: true, batchId: true, quantity: true, version: true },
      });
      // A blind count's expected quantity is the on-hand quantity of its keys: counters get those rows without it.
      const hidden = seesExpected(r.role)
        ? new Set<string>()
        : await blindCountedInventory(
            tx,
            r.practiceId,
            rows.map((i) => i.id),
          );
      return rows.map((i) => ({ ...i, quantity: hidden.has(i.id) ? null : i.quantity, version: Number(i.version) }));
    },
  },
  {
    entity: "parLevel",
    async read(tx, r) {
      const rows = await tx.parLevel.findMany({
        where: where(r),
        orderBy,
        select: { id: true, itemId: true, locationId: true, minQuantity: true, maxQuantity: true, version: true },
      });
      return rows.map((p) => ({ ...p, version: Number(p.version) }));
    },
  },
  {
    entity: "stockSettings",
    async read(tx, r) {
      const rows = await tx.stockSettings.findMany({
        where: where(r),
        orderBy,
        select: { id: true, expiryHorizonDays: true, overReceiptTolerancePercent: true, usageWindowWeeks: true, version: true },
      });
      return rows.map((s) => ({ ...s, version: Number(s.version) }));
    },
  },
  {
    entity: "supplier",
    async read(tx, r) {
      const rows = await tx.practiceSupplier.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          globalSupplierId: true,
          name: true,
          accountNumber: true,
          orderEmail: true,
          phone: true,
          notes: true,
          archived: true,
          version: true,
        },
      });
      return rows.map((s) => ({ ...s, version: Number(s.version) }));
    },
  },
  {
    entity: "supplierItem",
    async read(tx, r) {
      const rows = await tx.practiceSupplierItem.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          practiceSupplierId: true,
          itemId: true,
          supplierSku: true,
          unitPrice: true,
          currency: true,
          packSize: true,
          minimumOrder: true,
          leadTimeDays: true,
          version: true,
        },
      });
      // Decimal → its exact text with the column's four decimals ("12.3400"): money never becomes a float.
      return rows.map(({ practiceSupplierId, unitPrice, ...q }) => ({
        ...q,
        supplierId: practiceSupplierId,
        unitPrice: unitPrice.toFixed(4),
        version: Number(q.version),
      }));
    },
  },
  {
    entity: "countSession",
    async read(tx, r) {
      const rows = await tx.countSession.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          locationId: true,
          includeSubLocations: true,
          status: true,
          blind: true,
          recountThresholdUnits: true,
          recountThresholdPct: true,
          name: true,
          note: true,
          startedById: true,
          completedById: true,
          completedAt: true,
          cancelledAt: true,
          zeroedUncounted: true,
          createdAt: true,
          version: true,
          items: { select: { itemId: true } },
        },
      });
      return rows.map(({ items, ...s }) => ({
        ...s,
        itemIds: items.map((i) => i.itemId),
        completedAt: iso(s.completedAt),
        cancelledAt: iso(s.cancelledAt),
        createdAt: s.createdAt.toISOString(),
        version: Number(s.version),
      }));
    },
  },
  {
    entity: "countLine",
    async read(tx, r) {
      const rows = await tx.countLine.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          sessionId: true,
          clientId: true,
          userId: true,
          itemId: true,
          locationId: true,
          batchId: true,
          countedQuantity: true,
          seenVersion: true,
          seenQuantity: true,
          onHandAtPush: true,
          movementSinceSeen: true,
          needsRecount: true,
          supersededById: true,
          createdAt: true,
          version: true,
        },
      });
      const blind = await blindSessions(
        tx,
        r,
        rows.map((l) => l.sessionId),
      );
      return rows.map((l) => {
        const hidden = blind.has(l.sessionId);
        return {
          ...l,
          seenVersion: l.seenVersion === null ? null : Number(l.seenVersion),
          createdAt: l.createdAt.toISOString(),
          version: Number(l.version),
          seenQuantity: hidden ? null : l.seenQuantity,
          onHandAtPush: hidden ? null : l.onHandAtPush,
          movementSinceSeen: hidden ? null : l.movementSinceSeen,
        };
      });
    },
  },
  {
    entity: "countConflict",
    async read(tx, r) {
      const rows = await tx.countConflict.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          sessionId: true,
          itemId: true,
          locationId: true,
          batchId: true,
          kind: true,
          details: true,
          resolution: true,
          resolvedById: true,
          resolvedAt: true,
          createdAt: true,
          version: true,
        },
      });
      const blind = await blindSessions(
        tx,
        r,
        rows.map((c) => c.sessionId),
      );
      return rows.map((c) => {
        const details = (c.details ?? {}) as Record<string, unknown>;
        // A stock-moved conflict's lines carry the on-hand and movement figures: a blind counter gets the lines without them.
        const shown =
          blind.has(c.sessionId) && Array.isArray(details.lines)
            ? {
                ...details,
                lines: (details.lines as Record<string, unknown>[]).map(({ lineId, clientId, countedQuantity }) => ({
                  lineId,
                  clientId,
                  countedQuantity,
                })),
              }
            : details;
        return { ...c, details: shown, resolvedAt: iso(c.resolvedAt), createdAt: c.createdAt.toISOString(), version: Number(c.version) };
      });
    },
  },
  ...ORDER_READERS,
];
