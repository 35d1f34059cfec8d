/**
 * The supplier email of an order, as outbox data (validated by the template's schema when it is queued):
 * the practice and its address, where to deliver, the practice's account number with the supplier, and
 * the lines with the supplier's SKUs, pack sizes and the price snapshots.
 */
import { DomainError } from "../../../shared/errors.js";
import { orderNumberLabel } from "../../../shared/orders/rules.js";
import type { Tx } from "../../db/prisma.js";
import type { EmailDataInput } from "../../email/templates/index.js";

export async function orderEmailData(
  tx: Tx,
  caller: { practiceId: string; userId: string },
  order: {
    id: string;
    number: number;
    currency: string;
    notes: string | null;
    deliveryLocationId: string | null;
    practiceSupplierId: string;
  },
): Promise<{ recipient: string; data: EmailDataInput<"order"> }> {
  const { practiceId } = caller;
  const [practice, user, supplier, location, lines] = await Promise.all([
    tx.practice.findFirstOrThrow({ where: { id: practiceId }, select: { name: true, addressLine: true } }),
    tx.user.findFirstOrThrow({ where: { id: caller.userId }, select: { name: true, email: true } }),
    tx.practiceSupplier.findFirstOrThrow({
      where: { practiceId, id: order.practiceSupplierId },
      select: { name: true, accountNumber: true, orderEmail: true },
    }),
    order.deliveryLocationId
      ? tx.location.findFirst({ where: { practiceId, id: order.deliveryLocationId }, select: { name: true } })
      : Promise.resolve(null),
    tx.orderItem.findMany({
      where: { practiceId, orderId: order.id, quantity: { gt: 0 } },
      select: { quantity: true, packSize: true, unitPrice: true, supplierSku: true, item: { select: { name: true, unit: true } } },
      orderBy: { item: { name: "asc" } },
    }),
  ]);
  const recipient = supplier.orderEmail?.trim();
  if (!recipient)
    throw new DomainError("SUPPLIER_NO_ORDER_EMAIL", "This supplier has no order email: phone the order in and mark it as sent.");
  return {
    recipient,
    data: {
      orderId: order.id,
      reference: orderNumberLabel(order.number),
      practice: { name: practice.name, addressLine: practice.addressLine },
      deliveryLocation: location ? { name: location.name } : null,
      supplier: { name: supplier.name, accountNumber: supplier.accountNumber },
      lines: lines.map((l) => ({
        supplierSku: l.supplierSku,
        name: l.item.name,
        quantity: l.quantity,
        packSize: l.packSize,
        unit: l.item.unit,
        unitPrice: l.unitPrice === null ? null : l.unitPrice.toFixed(4),
        currency: order.currency,
      })),
      notes: order.notes,
      orderedBy: { name: user.name, email: user.email },
    },
  };
}
