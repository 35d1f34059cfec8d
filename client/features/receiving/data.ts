/**
 * Receiving on the device: open orders and their lines, locations, items and the practice's settings
 * from the replica (so a tablet at the door works offline), the GTIN look-up for scans, and posting a
 * receipt (`receipt.post`, optimistic, queued, pushed) with its sync state afterwards.
 */
import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import type { ItemRow, LocationRow, OrderItemRow, OrderRow, SupplierRow } from "../../../shared/protocol/entities.js";
import { receiptPost, type ReceiptPostArgs } from "../../../shared/receiving/mutations.js";
import { DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT } from "../../../shared/receiving/tolerance.js";
import { EXPIRY_HORIZON_DEFAULT } from "../../../shared/stock/mutations.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import type { NoticeEntry } from "../../replica/db.js";
import { linesToPost, type DraftLine } from "./receipt.js";

export const RECEIVABLE_STATUSES: readonly OrderRow["status"][] = ["SENT", "PARTIALLY_RECEIVED"];

export interface OpenOrder {
  order: OrderRow;
  supplier: SupplierRow | undefined;
  lines: OrderItemRow[];
  /** Packs ordered, received so far, still to come (over the order's lines). */
  ordered: number;
  received: number;
  outstanding: number;
}

/** Orders a delivery can be received against (sent or partly received), oldest sent first. */
export function useOpenOrders(): OpenOrder[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const orders = await db.order
      .where("status")
      .anyOf([...RECEIVABLE_STATUSES])
      .toArray();
    const [lines, suppliers] = await Promise.all([
      db.orderItem
        .where("orderId")
        .anyOf(orders.map((o) => o.id))
        .toArray(),
      db.supplier.bulkGet([...new Set(orders.map((o) => o.supplierId))]),
    ]);
    const supplierById = new Map(suppliers.filter((s): s is SupplierRow => !!s).map((s) => [s.id, s]));
    return orders
      .map((order) => {
        const own = lines.filter((l) => l.orderId === order.id);
        const ordered = own.reduce((n, l) => n + l.quantity, 0);
        const received = own.reduce((n, l) => n + l.receivedQuantity, 0);
        const outstanding = own.reduce((n, l) => n + Math.max(0, l.quantity - l.receivedQuantity), 0);
        return { order, supplier: supplierById.get(order.supplierId), lines: own, ordered, received, outstanding };
      })
      .sort((a, b) => (a.order.sentAt ?? a.order.createdAt).localeCompare(b.order.sentAt ?? b.order.createdAt));
  }, [db]);
}

export interface ReceivingData {
  order: OrderRow | null;
  supplier: SupplierRow | undefined;
  orderLines: OrderItemRow[];
  locations: LocationRow[];
  /** Every item of the practice (archived too: an order line may name one), by id. */
  items: Map<string, ItemRow>;
  tolerancePercent: number;
  horizonDays: number;
}

/** What the receipt screen reads, live; `order` null for a delivery nobody ordered; undefined while loading. */
export function useReceivingData(orderId: string | null): ReceivingData | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const [order, orderLines, locations, items, settings] = await Promise.all([
      orderId ? db.order.get(orderId) : undefined,
      orderId ? db.orderItem.where("orderId").equals(orderId).toArray() : [],
      db.location.toArray(),
      db.item.toArray(),
      db.stockSettings.toCollection().first(),
    ]);
    const supplier = order ? await db.supplier.get(order.supplierId) : undefined;
    return {
      order: order ?? null,
      supplier,
      orderLines,
      locations: locations.filter((l) => !l.archived).sort((a, b) => a.name.localeCompare(b.name)),
      items: new Map(items.map((i) => [i.id, i])),
      tolerancePercent: settings?.overReceiptTolerancePercent ?? DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT,
      horizonDays: settings?.expiryHorizonDays ?? EXPIRY_HORIZON_DEFAULT,
    };
  }, [db, orderId]);
}

/** The practice's item for a scanned 14-digit GTIN (items may hold it as 8, 12, 13 or 14 digits), or null. */
export function findItemByGtin(items: ReadonlyMap<string, ItemRow>, gtin: string): ItemRow | null {
  let found: ItemRow | null = null;
  for (const item of items.values()) {
    if (!item.gtin || item.gtin.padStart(14, "0") !== gtin) continue;
    if (!item.archived) return item;
    found ??= item;
  }
  return found;
}

/** The practice's item whose SKU is a scanned internal code, or null. */
export function findItemBySku(items: ReadonlyMap<string, ItemRow>, code: string): ItemRow | null {
  const wanted = code.trim().toLowerCase();
  for (const item of items.values()) if (!item.archived && item.sku?.toLowerCase() === wanted) return item;
  return null;
}

/**
 * Where this device keeps a receipt being taken (per replica, i.e. practice and user, and per order), so
 * a reload or a wrong tap on the navigation does not lose the packs scanned so far.
 */
export function useDraftStore<T>(orderId: string | null): { load: () => T | null; save: (draft: T) => void; clear: () => void } {
  const { db } = useReplica();
  return useMemo(() => {
    const key = `venzory.receiving.draft:${db.name}:${orderId ?? "none"}`;
    return {
      load: () => {
        try {
          const text = localStorage.getItem(key);
          return text ? (JSON.parse(text) as T) : null;
        } catch {
          return null; // storage blocked or unreadable: start afresh
        }
      },
      save: (draft: T) => {
        try {
          localStorage.setItem(key, JSON.stringify(draft));
        } catch {
          // storage blocked or full: the draft lasts while the screen is open
        }
      },
      clear: () => localStorage.removeItem(key),
    };
  }, [db, orderId]);
}

export interface PostInput {
  id: string;
  orderId: string | null;
  locationId: string;
  notes: string;
  overReason: string;
  lines: readonly DraftLine[];
  /** The order's lines as the replica shows them now (their received quantities go with the receipt). */
  orderLines: readonly OrderItemRow[];
}

/** The mutation's arguments for a receipt (lines taken down to nothing left out). */
export function receiptArgs(input: PostInput): ReceiptPostArgs {
  return {
    id: input.id,
    orderId: input.orderId,
    locationId: input.locationId,
    notes: input.notes.trim() || null,
    overReceiptReason: input.overReason.trim() || null,
    seenReceived: Object.fromEntries(input.orderLines.map((l) => [l.id, l.receivedQuantity])),
    lines: linesToPost(input.lines).map((l) => ({
      id: l.id,
      itemId: l.itemId,
      orderItemId: l.orderItemId,
      accepted: l.accepted,
      damaged: l.damaged,
      damageReason: l.damaged > 0 ? l.damageReason.trim() || null : null,
      packSize: 1,
      lot: l.lot.trim() || null,
      expiry: l.expiry.trim() || null,
    })),
  };
}

/** Posts the receipt: applied to the replica and queued in one step (works offline). Throws DomainError. */
export function usePostReceipt(): (input: PostInput) => Promise<void> {
  const mutate = useMutate();
  return useMemo(
    () => async (input: PostInput) => {
      await mutate(receiptPost, receiptArgs(input));
    },
    [mutate],
  );
}

export interface PostedState {
  /** Still in the outbox: not confirmed by the server yet. */
  pending: boolean;
  /** The server's refusal (or conflict warning) for it. */
  notice: NoticeEntry | null;
  /** The order's status as the replica now holds it. */
  orderStatus: OrderRow["status"] | null;
  /** Whether the receipt row is on the device (gone after a refusal, once the server's state came back). */
  present: boolean;
}

/** A posted receipt's sync state, live. */
export function usePostedState(receiptId: string | null, orderId: string | null): PostedState | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    if (!receiptId) return undefined;
    const [outbox, notices, order, receipt] = await Promise.all([
      db.outbox.toArray(),
      db.rejected.toArray(),
      orderId ? db.order.get(orderId) : undefined,
      db.goodsReceipt.get(receiptId),
    ]);
    const ofReceipt = (args: unknown) => (args as { id?: unknown } | null)?.id === receiptId;
    return {
      pending: outbox.some((e) => e.name === receiptPost.name && ofReceipt(e.args)),
      notice: notices.find((n) => n.name === receiptPost.name && ofReceipt(n.args)) ?? null,
      orderStatus: order?.status ?? null,
      present: !!receipt,
    };
  }, [db, receiptId, orderId]);
}
