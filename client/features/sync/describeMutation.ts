import { isMutationName, type MutationArgs, type MutationName } from "../../../shared/mutations/index.js";

/**
 * A human name per mutation. A record over MutationName: a new mutation without its description is a
 * compile error. Arguments arrive from the outbox or a stored notice, so every field may be missing.
 */
const DESCRIPTIONS: { [N in MutationName]: (a: Partial<MutationArgs<N>>) => string } = {
  "stock.adjust": (a) => {
    const q = typeof a.quantity === "number" ? a.quantity : 0;
    return `Stock adjustment ${q > 0 ? "+" : ""}${q}`;
  },
  "batch.create": (a) => `New lot ${String(a.lot ?? "")}`.trim(),
  "stock.transfer": (a) => `Move ${typeof a.quantity === "number" ? a.quantity : ""} to another location`.replace("  ", " "),
  "stock.consume": (a) => `Used ${typeof a.quantity === "number" ? a.quantity : ""}`.trim(),
  "parLevel.set": () => "Set par levels",
  "stock.setItemLevels": () => "Set reorder point and maximum",
  "stock.setExpiryHorizon": (a) => `Expiring-soon horizon ${typeof a.days === "number" ? `${a.days} days` : ""}`.trim(),
  "location.create": (a) => `New location "${String(a.name ?? "")}"`,
  "location.update": (a) => (typeof a.name === "string" ? `Rename location to "${a.name}"` : "Move location"),
  "location.archive": () => "Archive location",
  "location.unarchive": () => "Restore an archived location",
  "email.retry": () => "Retry a failed email",
  "item.create": (a) => `New item "${String(a.name ?? "")}"`,
  "item.createWithPrices": (a) =>
    `New item "${String(a.name ?? "")}" with ${Array.isArray(a.prices) && a.prices.length > 1 ? `${a.prices.length} supplier prices` : "its supplier price"}`,
  "item.update": (a) => (typeof a.name === "string" ? `Edit item "${a.name}"` : "Edit an item"),
  "item.archive": () => "Archive an item",
  "item.unarchive": () => "Restore an archived item",
  "item.setPreferredSupplier": (a) => (a.supplierId ? "Choose an item's preferred supplier" : "Clear an item's preferred supplier"),
  "supplier.create": (a) => `New supplier "${String(a.name ?? "")}"`,
  "supplier.update": (a) => (typeof a.name === "string" ? `Edit supplier "${a.name}"` : "Edit a supplier"),
  "supplier.archive": () => "Archive a supplier",
  "supplier.unarchive": () => "Restore an archived supplier",
  "supplierItem.set": (a) =>
    typeof a.unitPrice === "string"
      ? `Set a supplier price (${String(a.currency ?? "")} ${a.unitPrice})`.replace("( ", "(")
      : "Set a supplier price",
  "supplierItem.remove": () => "Remove a supplier price",
  "member.invite": (a) => `Invite ${String(a.email ?? "a colleague")}`,
  "invite.revoke": () => "Revoke an invitation",
  "member.changeRole": (a) => `Change a member's role to ${String(a.role ?? "").toLowerCase()}`,
  "member.remove": () => "Remove a member",
  "member.leave": () => "Leave the practice",
  "practice.updateDetails": () => "Update practice details",
  "onboarding.dismiss": () => "Hide the onboarding checklist",
  "onboarding.complete": () => "Mark an onboarding step done",
  "count.start": (a) => (typeof a.name === "string" && a.name ? `Start count "${a.name}"` : "Start a stock count"),
  "count.join": () => "Join a stock count",
  "count.recordLine": (a) => `Count ${typeof a.countedQuantity === "number" ? a.countedQuantity : ""}`.trim(),
  "count.resolveConflict": (a) =>
    a.choice === "USE_COUNTED_PLUS_MOVEMENTS" ? "Resolve a count conflict (counted + movements)" : "Resolve a count conflict (counted)",
  "count.cancel": () => "Cancel a stock count",
  "count.complete": () => "Complete a stock count",
  "order.create": (a) => `New order draft${Array.isArray(a.lines) && a.lines.length ? ` (${a.lines.length} lines)` : ""}`,
  "order.update": () => "Edit an order draft",
  "order.setLine": (a) => `Order ${typeof a.quantity === "number" ? `${a.quantity} ${a.quantity === 1 ? "pack" : "packs"}` : "an item"}`,
  "order.removeLine": () => "Remove an item from an order",
  "order.delete": () => "Delete an order draft",
  "order.send": () => "Send an order to the supplier",
  "order.markSentManually": () => "Mark an order as sent (phoned in)",
  "order.cancel": () => "Cancel an order",
  "order.close": () => "Close a partly received order",
  "order.retryEmail": () => "Retry a failed order email",
  "orderTemplate.create": (a) => `New order template "${String(a.name ?? "")}"`,
  "orderTemplate.update": (a) => (typeof a.name === "string" ? `Edit order template "${a.name}"` : "Edit an order template"),
  "orderTemplate.delete": () => "Delete an order template",
  "orderSettings.set": (a) =>
    typeof a.overReceiptTolerancePercent === "number" ? `Over-receipt tolerance ${a.overReceiptTolerancePercent} %` : "Ordering settings",
  "receipt.post": (a) => {
    const lines = Array.isArray(a.lines) ? a.lines : [];
    const packs = lines.reduce((n, l) => n + (typeof l.accepted === "number" ? l.accepted : 0), 0);
    return a.orderId
      ? `Receive ${packs} ${packs === 1 ? "pack" : "packs"} against an order`
      : `Receive ${packs} ${packs === 1 ? "pack" : "packs"} (no order)`;
  },
};

function describeNamed<N extends MutationName>(name: N, args: Partial<MutationArgs<N>>): string {
  return DESCRIPTIONS[name](args);
}

/** A human name for a queued mutation, for notices ("Stock adjustment", "New location"...). */
export function describeMutation(name: string, args: unknown): string {
  if (!isMutationName(name)) return name; // from a newer or older app version
  // Stored entries hold what this app queued (or nothing usable): each description reads fields defensively.
  const fields = (typeof args === "object" && args !== null ? args : {}) as Partial<MutationArgs<typeof name>>;
  return describeNamed(name, fields);
}
