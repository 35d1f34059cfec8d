/**
 * Suggested orders: for each item whose stock position (on hand + on order) is below its reorder point,
 * the packs that bring it to its maximum, plus what it will use while the order travels (average daily
 * usage over the window × the supplier's lead time); rounded up to whole packs, then up to the supplier's
 * minimum order; grouped by the item's preferred supplier. Every suggestion says why, in words.
 *
 * Quantities are item units until the last step (packs). The usage term is computed exactly as a
 * fraction (used × lead days / window days) and the total is rounded up once, so a suggestion never
 * falls short by a rounding; the daily figure in the "why" is shown to two decimals.
 */
import type { UsageWindow } from "./usage.js";

export interface SuggestionItem {
  id: string;
  name: string;
  /** Below this (on hand + on order) the item is suggested; null = no reorder policy, never suggested. */
  reorderPoint: number | null;
  /** What an order fills up to; null = fill to the reorder point. */
  maxStock: number | null;
  defaultSupplierId: string | null;
  archived?: boolean;
}

/** The preferred supplier's terms for the item (a practice supplier item row). */
export interface SupplierTerms {
  supplierId: string;
  itemId: string;
  /** Item units per pack. */
  packSize: number;
  /** The fewest packs the supplier takes on one line. */
  minimumOrder: number;
  leadTimeDays: number | null;
  unitPrice: string | null;
  currency: string;
}

export interface SuggestionInput {
  items: readonly SuggestionItem[];
  terms: readonly SupplierTerms[];
  /** Units on hand per item (all locations). */
  onHand: ReadonlyMap<string, number>;
  /** Units on open orders not yet received, per item (`onOrderByItem`). */
  onOrder: ReadonlyMap<string, number>;
  /** Usage per item over the window (`usageByItem`); an item without an entry has no history. */
  usage: ReadonlyMap<string, UsageWindow>;
}

export interface Suggestion {
  itemId: string;
  itemName: string;
  /** The preferred supplier; null when the item has none (listed apart: someone must choose one). */
  supplierId: string | null;
  onHand: number;
  onOrder: number;
  reorderPoint: number;
  /** What the order fills up to, and whether that is the item's maximum or (without one) its reorder point. */
  target: number;
  targetKind: "max" | "reorderPoint";
  /** Units to reach the target from the current position. */
  shortfall: number;
  /** Average units a day over the window; null without history. */
  usagePerDay: number | null;
  leadTimeDays: number;
  /** Units needed: shortfall + usage over the lead time, rounded up. */
  unitsNeeded: number;
  packSize: number;
  minimumOrder: number;
  /** Packs to order (the order line's quantity). */
  packs: number;
  raisedToMinimum: boolean;
  unitPrice: string | null;
  currency: string | null;
  why: string;
}

export interface SupplierSuggestions {
  supplierId: string | null;
  lines: Suggestion[];
}

/** Up to two decimals, trailing zeros dropped: 2.5, 0.33, 7. */
function figure(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function ceilDiv(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator - 1) / denominator);
}

/** One item's suggestion, or null when it is not below its reorder point (or has no policy, or is archived). */
export function suggestItem(item: SuggestionItem, input: Omit<SuggestionInput, "items">): Suggestion | null {
  if (item.archived || item.reorderPoint === null) return null;
  const onHand = input.onHand.get(item.id) ?? 0;
  const onOrder = input.onOrder.get(item.id) ?? 0;
  const position = onHand + onOrder;
  if (position >= item.reorderPoint) return null;

  const supplierId = item.defaultSupplierId;
  const terms = supplierId === null ? undefined : input.terms.find((t) => t.supplierId === supplierId && t.itemId === item.id);
  const packSize = Math.max(1, terms?.packSize ?? 1);
  const minimumOrder = Math.max(1, terms?.minimumOrder ?? 1);
  const leadTimeDays = Math.max(0, terms?.leadTimeDays ?? 0);

  const targetKind = item.maxStock === null ? "reorderPoint" : "max";
  const target = item.maxStock ?? item.reorderPoint;
  const shortfall = Math.max(0, target - position);

  const window = input.usage.get(item.id);
  const hasHistory = window !== undefined && window.used > 0;
  // Exact: (shortfall × days + used × lead) / days, rounded up once.
  const days = hasHistory ? window.days : 1;
  const used = hasHistory ? window.used : 0;
  const unitsNeeded = ceilDiv(shortfall * days + used * leadTimeDays, days);
  const usagePerDay = hasHistory ? used / days : null;

  const packsForUnits = ceilDiv(unitsNeeded, packSize);
  // minimumOrder is at least 1, so below the reorder point something is always ordered, even when the
  // maximum is set oddly low (at or under the reorder point).
  const packs = Math.max(packsForUnits, minimumOrder);
  const raisedToMinimum = packsForUnits < minimumOrder;

  const parts: string[] = [];
  parts.push(`On hand ${onHand} + on order ${onOrder} = ${position} < reorder point ${item.reorderPoint}`);
  const fill =
    targetKind === "max" ? `to reach max ${target}: ${shortfall}` : `no maximum set, to reach reorder point ${target}: ${shortfall}`;
  let sum = fill;
  if (usagePerDay !== null && leadTimeDays > 0) {
    sum += `, plus usage ${figure(usagePerDay)}/day × lead time ${leadTimeDays} days = ${figure(usagePerDay * leadTimeDays)}`;
  } else if (usagePerDay !== null) {
    sum += ` (usage ${figure(usagePerDay)}/day, no lead time set)`;
  } else {
    sum += " (no usage in the window)";
  }
  sum += ` → ${unitsNeeded} → ${packsForUnits} ${packsForUnits === 1 ? "pack" : "packs"} of ${packSize}`;
  if (raisedToMinimum) sum += `, raised to the minimum order of ${minimumOrder}`;
  parts.push(sum);
  if (supplierId === null) parts.push("No preferred supplier: choose one to order");
  else if (terms === undefined) parts.push("The preferred supplier has no terms for this item: packs of 1, no lead time");

  return {
    itemId: item.id,
    itemName: item.name,
    supplierId,
    onHand,
    onOrder,
    reorderPoint: item.reorderPoint,
    target,
    targetKind,
    shortfall,
    usagePerDay,
    leadTimeDays,
    unitsNeeded,
    packSize,
    minimumOrder,
    packs,
    raisedToMinimum,
    unitPrice: terms?.unitPrice ?? null,
    currency: terms?.currency ?? null,
    why: `${parts.join("; ")}.`,
  };
}

/**
 * Suggestions grouped by preferred supplier (each group one draft), lines by item name; the group of
 * items without a supplier comes last.
 */
export function suggestOrders(input: SuggestionInput): SupplierSuggestions[] {
  const groups = new Map<string | null, Suggestion[]>();
  for (const item of input.items) {
    const s = suggestItem(item, input);
    if (!s) continue;
    const lines = groups.get(s.supplierId) ?? [];
    lines.push(s);
    groups.set(s.supplierId, lines);
  }
  const byName = (a: Suggestion, b: Suggestion) => a.itemName.localeCompare(b.itemName) || a.itemId.localeCompare(b.itemId);
  return [...groups.entries()]
    .map(([supplierId, lines]) => ({ supplierId, lines: lines.sort(byName) }))
    .sort((a, b) => (a.supplierId === null ? 1 : b.supplierId === null ? -1 : a.supplierId.localeCompare(b.supplierId)));
}
