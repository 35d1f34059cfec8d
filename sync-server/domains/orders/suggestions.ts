/**
 * Suggested orders (GET /api/orders/suggestions): the shared pure code (shared/orders/suggestions.ts,
 * usage.ts) over the server's figures. Why here and not on the tablet: usage comes from the stock
 * ledger, which is not replicated. The ledger is summed per item and kind in SQL over the window (one
 * row each, not every movement), then handed to `usageByItem` so the rule of what counts as usage stays
 * in one place; on order is every open order's unreceived packs × the line's pack size snapshot.
 */
import type { MovementKind } from "../../../shared/stock/movements.js";
import { onOrderByItem, usageByItem, type LedgerLine } from "../../../shared/orders/usage.js";
import { suggestOrders } from "../../../shared/orders/suggestions.js";
import { OPEN_ORDER_STATUSES } from "../../../shared/orders/status-machine.js";
import { USAGE_WINDOW_WEEKS_DEFAULT } from "../../../shared/orders/template-mutations.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";

const DAY_MS = 86_400_000;

export async function orderSuggestions(db: Db, caller: { practiceId: string }, query: { weeks?: number }, asOf = new Date()) {
  const { practiceId } = caller;
  return withTransaction(
    db,
    async (tx) => {
      const settings = await tx.stockSettings.findUnique({ where: { practiceId }, select: { usageWindowWeeks: true } });
      const weeks = query.weeks ?? settings?.usageWindowWeeks ?? USAGE_WINDOW_WEEKS_DEFAULT;
      const since = new Date(asOf.getTime() - weeks * 7 * DAY_MS);
      const items = await tx.item.findMany({
        where: { practiceId, archived: false, reorderPoint: { not: null } },
        select: { id: true, name: true, reorderPoint: true, maxStock: true, defaultSupplierId: true },
      });
      const itemIds = items.map((i) => i.id);
      const [terms, stock, open, used, suppliers] = await Promise.all([
        tx.practiceSupplierItem.findMany({
          where: { practiceId, itemId: { in: itemIds } },
          select: {
            practiceSupplierId: true,
            itemId: true,
            packSize: true,
            minimumOrder: true,
            leadTimeDays: true,
            unitPrice: true,
            currency: true,
          },
        }),
        tx.inventory.groupBy({ by: ["itemId"], where: { practiceId, itemId: { in: itemIds } }, _sum: { quantity: true } }),
        tx.orderItem.findMany({
          where: { practiceId, itemId: { in: itemIds }, order: { status: { in: [...OPEN_ORDER_STATUSES] } } },
          select: { itemId: true, quantity: true, receivedQuantity: true, packSize: true, order: { select: { status: true } } },
        }),
        tx.stockMovement.groupBy({
          by: ["itemId", "kind"],
          where: {
            practiceId,
            itemId: { in: itemIds },
            delta: { lt: 0 },
            kind: { in: ["CONSUMPTION", "ADJUSTMENT"] },
            createdAt: { gt: since, lte: asOf },
          },
          _sum: { delta: true },
        }),
        tx.practiceSupplier.findMany({ where: { practiceId }, select: { id: true, name: true } }),
      ]);
      const ledger: LedgerLine[] = used.map((u) => ({
        itemId: u.itemId,
        kind: u.kind as MovementKind,
        delta: u._sum.delta ?? 0,
        createdAt: asOf,
      }));
      const groups = suggestOrders({
        items,
        terms: terms.map((t) => ({
          supplierId: t.practiceSupplierId,
          itemId: t.itemId,
          packSize: t.packSize,
          minimumOrder: t.minimumOrder,
          leadTimeDays: t.leadTimeDays,
          unitPrice: t.unitPrice.toFixed(4),
          currency: t.currency,
        })),
        onHand: new Map(stock.map((s) => [s.itemId, s._sum.quantity ?? 0])),
        onOrder: onOrderByItem(open.map((l) => ({ ...l, status: l.order.status }))),
        usage: usageByItem(ledger, asOf, weeks),
      });
      const names = new Map(suppliers.map((s) => [s.id, s.name]));
      return {
        asOf: asOf.toISOString(),
        weeks,
        groups: groups.map((g) => ({ ...g, supplierName: g.supplierId ? (names.get(g.supplierId) ?? null) : null })),
      };
    },
    { practiceId, readOnly: true },
  );
}
