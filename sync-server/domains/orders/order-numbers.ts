/**
 * Order numbers that work offline. A client creates an order under a UUID it chose and shows it as
 * "draft" (shared/orders/rules.ts); the server gives it the practice's next number when the order
 * first arrives in a push. The counter lives on the practice's PracticeVersion row, which every writer
 * of the practice already locks, so numbers are gap-free in commit order and never taken twice.
 */
import type { Tx } from "../../db/prisma.js";

/** The order's number, assigned now if it has none. Calling it again (a replayed push) changes nothing. */
export async function assignOrderNumber(tx: Tx, practiceId: string, orderId: string): Promise<number> {
  // Locked, so two pushes carrying the same order cannot both take a number for it.
  const [order] = await tx.$queryRaw<{ number: number | null }[]>`
    SELECT "number" FROM "Order" WHERE "id" = ${orderId}::uuid AND "practiceId" = ${practiceId}::uuid FOR UPDATE`;
  if (!order) throw new Error(`Order ${orderId} is not in practice ${practiceId}.`);
  if (order.number !== null) return order.number;
  const rows = await tx.$queryRaw<{ lastOrderNumber: number }[]>`
    UPDATE "PracticeVersion" SET "lastOrderNumber" = "lastOrderNumber" + 1 WHERE "practiceId" = ${practiceId}::uuid RETURNING "lastOrderNumber"`;
  const number = rows[0]?.lastOrderNumber;
  if (number === undefined) throw new Error(`Practice ${practiceId} has no version counter.`);
  await tx.order.updateMany({ where: { id: orderId, practiceId }, data: { number } });
  return number;
}
