/**
 * Orders to suppliers: orders, their lines, templates and the practice's suppliers from the replica
 * (drafts work offline), every write as an order mutation, and the two things only the server knows
 * (email state, changed by the email worker; suggestions, computed over the ledger) as online reads.
 * Money stays decimal text throughout; totals come from the shared exact-decimal code.
 */
import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import {
  orderEmailState,
  orderEmailStates,
  orderSuggestions,
  type OrderEmailState,
  type SuggestionLine,
} from "../../../shared/api/orders.js";
import {
  orderCancel,
  orderClose,
  orderCreate,
  orderDelete,
  orderMarkSentManually,
  orderRemoveLine,
  orderRetryEmail,
  orderSend,
  orderSetLine,
  orderUpdate,
} from "../../../shared/orders/mutations.js";
import { orderTemplateCreate, orderTemplateDelete } from "../../../shared/orders/template-mutations.js";
import { orderTotal, type OrderTotal } from "../../../shared/orders/totals.js";
import type {
  LocationRow,
  OrderItemRow,
  OrderRow,
  OrderTemplateRow,
  SupplierItemRow,
  SupplierRow,
} from "../../../shared/protocol/entities.js";
import { api } from "../../api/client.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import type { NoticeEntry } from "../../replica/db.js";

export type { OrderEmailState, OrderItemRow, OrderRow, SuggestionLine, SupplierItemRow, SupplierRow };
export { actionAllowedIn, isClosedShort } from "../../../shared/orders/status-machine.js";
export { lineTotal } from "../../../shared/orders/totals.js";
export { displayPrice } from "../../../shared/suppliers/money.js";

/** An order as the list shows it. */
export interface OrderSummary {
  order: OrderRow;
  supplierName: string;
  lineCount: number;
  total: OrderTotal;
}

/** Every order with its supplier's name and its total, newest first. */
export function useOrderSummaries(): OrderSummary[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const [orders, lines, suppliers] = await Promise.all([db.order.toArray(), db.orderItem.toArray(), db.supplier.toArray()]);
    const names = new Map(suppliers.map((s) => [s.id, s.name]));
    const byOrder = new Map<string, OrderItemRow[]>();
    for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
    return orders
      .map((order) => {
        const own = byOrder.get(order.id) ?? [];
        return {
          order,
          supplierName: names.get(order.supplierId) ?? "(unknown supplier)",
          lineCount: own.length,
          total: orderTotal(own, order.currency),
        };
      })
      .sort((a, b) => b.order.createdAt.localeCompare(a.order.createdAt));
  }, [db]);
}

export interface OrderLineView {
  line: OrderItemRow;
  itemName: string;
  unit: string;
}

export interface OrderView {
  order: OrderRow;
  supplier: SupplierRow | null;
  lines: OrderLineView[];
  total: OrderTotal;
}

/** One order with its supplier and lines (item names), null when the replica has no such order. */
export function useOrder(orderId: string): OrderView | null | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const order = await db.order.get(orderId);
    if (!order) return null;
    const [supplier, lines] = await Promise.all([
      db.supplier.get(order.supplierId),
      db.orderItem.where("orderId").equals(orderId).toArray(),
    ]);
    const items = await db.item.bulkGet(lines.map((l) => l.itemId));
    const views = lines
      .map((line, i) => ({ line, itemName: items[i]?.name ?? "(unknown item)", unit: items[i]?.unit ?? "" }))
      .sort((a, b) => a.itemName.localeCompare(b.itemName));
    return { order, supplier: supplier ?? null, lines: views, total: orderTotal(lines, order.currency) };
  }, [db, orderId]);
}

/** Suppliers an order can go to (not archived), by name. */
export function useOrderableSuppliers(): SupplierRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => (await db.supplier.orderBy("name").toArray()).filter((s) => !s.archived), [db]);
}

export interface SupplierOffer {
  terms: SupplierItemRow;
  itemName: string;
}

/** What a supplier prices (its supplier items), active items only, by item name. */
export function useSupplierOffers(supplierId: string | null): SupplierOffer[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    if (!supplierId) return [];
    const terms = await db.supplierItem.where("supplierId").equals(supplierId).toArray();
    const items = await db.item.bulkGet(terms.map((t) => t.itemId));
    return terms
      .flatMap((t, i) => (items[i] && !items[i].archived ? [{ terms: t, itemName: items[i].name }] : []))
      .sort((a, b) => a.itemName.localeCompare(b.itemName));
  }, [db, supplierId]);
}

/** Active locations (delivery places), by name. */
export function useDeliveryLocations(): LocationRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(
    async () => (await db.location.toArray()).filter((l) => !l.archived).sort((a, b) => a.name.localeCompare(b.name)),
    [db],
  );
}

export interface TemplateView {
  template: OrderTemplateRow;
  supplierName: string;
  lineCount: number;
}

/** The practice's order templates with their supplier and line count. */
export function useTemplates(): TemplateView[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const [templates, lines, suppliers] = await Promise.all([
      db.orderTemplate.toArray(),
      db.orderTemplateItem.toArray(),
      db.supplier.toArray(),
    ]);
    const names = new Map(suppliers.map((s) => [s.id, s.name]));
    return templates
      .map((template) => ({
        template,
        supplierName: template.supplierId ? (names.get(template.supplierId) ?? "(unknown supplier)") : "(no supplier)",
        lineCount: lines.filter((l) => l.templateId === template.id).length,
      }))
      .sort((a, b) => a.template.name.localeCompare(b.template.name));
  }, [db]);
}

/** Refusals and conflicts the server answered for this order's mutations (shown on the order with their reason). */
export function useOrderNotices(orderId: string): NoticeEntry[] {
  const { db } = useReplica();
  return (
    useLiveQuery(async () => {
      const notices = await db.rejected.orderBy("seq").reverse().toArray();
      return notices.filter((n) => {
        const args = n.args as { orderId?: unknown; id?: unknown } | null;
        return n.name.startsWith("order.") && (args?.orderId === orderId || args?.id === orderId);
      });
    }, [db, orderId]) ?? []
  );
}

/** Email states of the orders a list shows (online only; throws offline). */
export async function loadEmailStates(): Promise<Map<string, OrderEmailState>> {
  const { emails } = await api.call(orderEmailStates);
  return new Map(emails.map((e) => [e.orderId, e]));
}

export async function loadEmailState(orderId: string): Promise<OrderEmailState> {
  return api.call(orderEmailState, { params: { orderId } });
}

export async function loadSuggestions() {
  return api.call(orderSuggestions, { query: {} });
}

export type SuggestionGroup = Awaited<ReturnType<typeof loadSuggestions>>["groups"][number];

export function useOrderActions() {
  const mutate = useMutate();
  const { db } = useReplica();
  return useMemo(() => {
    const newDraft = async (
      supplierId: string,
      lines: { itemId: string; quantity: number }[],
      source: "template" | "suggestion" | "manual",
      templateId: string | null = null,
    ) => {
      const id = crypto.randomUUID();
      const withIds = lines.map((l) => ({ id: crypto.randomUUID(), itemId: l.itemId, quantity: l.quantity }));
      await mutate(orderCreate, { id, supplierId, lines: withIds, source: { kind: source, templateId } });
      return id;
    };
    return {
      createDraft: (supplierId: string) => newDraft(supplierId, [], "manual"),
      createFromSuggestion: (supplierId: string, lines: SuggestionLine[]) =>
        newDraft(
          supplierId,
          lines.map((l) => ({ itemId: l.itemId, quantity: l.packs })),
          "suggestion",
        ),
      createFromTemplate: async (templateId: string) => {
        const template = await db.orderTemplate.get(templateId);
        if (!template?.supplierId) throw new Error("This template has no supplier: it cannot be ordered from.");
        const lines = await db.orderTemplateItem.where("templateId").equals(templateId).toArray();
        return newDraft(template.supplierId, lines, "template", templateId);
      },
      saveAsTemplate: async (orderId: string, name: string) => {
        const order = await db.order.get(orderId);
        if (!order) throw new Error("This order is not on this device.");
        const lines = await db.orderItem.where("orderId").equals(orderId).toArray();
        const id = crypto.randomUUID();
        await mutate(orderTemplateCreate, {
          id,
          name,
          supplierId: order.supplierId,
          lines: lines.map((l) => ({ id: crypto.randomUUID(), itemId: l.itemId, quantity: l.quantity })),
        });
        return id;
      },
      deleteTemplate: (templateId: string) => mutate(orderTemplateDelete, { templateId }),
      update: (orderId: string, fields: { deliveryLocationId?: string | null; notes?: string | null }) =>
        mutate(orderUpdate, { orderId, ...fields }),
      setLine: (orderId: string, itemId: string, quantity: number) =>
        mutate(orderSetLine, { orderId, id: crypto.randomUUID(), itemId, quantity }),
      removeLine: (orderId: string, itemId: string) => mutate(orderRemoveLine, { orderId, itemId }),
      deleteDraft: (orderId: string) => mutate(orderDelete, { orderId }),
      send: (orderId: string) => mutate(orderSend, { orderId }),
      markSentManually: (orderId: string, note: string | null) => mutate(orderMarkSentManually, { orderId, note }),
      cancel: (orderId: string, reason: string) => mutate(orderCancel, { orderId, reason }),
      close: (orderId: string, reason: string) => mutate(orderClose, { orderId, reason }),
      retryEmail: (orderId: string) => mutate(orderRetryEmail, { orderId }),
      dismissNotice: (id: string) => db.rejected.delete(id),
    };
  }, [mutate, db]);
}
