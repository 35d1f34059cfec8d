/** An order's supplier email as people see it: queued, sending, sent when, or failed and why (GET /api/orders/:orderId/email). */
import type { OrderEmailState } from "../../../shared/api/orders.js";
import { can, type Role } from "../../../shared/auth/roles.js";
import { DomainError } from "../../../shared/errors.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";

const STATE = { PENDING: "QUEUED", SENDING: "SENDING", SENT: "SENT", DEAD: "FAILED" } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function orderEmailState(db: Db, caller: { practiceId: string; role: Role }, orderId: string): Promise<OrderEmailState> {
  return withTransaction(
    db,
    async (tx) => {
      const order = await tx.order.findFirst({
        where: { practiceId: caller.practiceId, id: orderId },
        select: { emailOutboxId: true, sentManually: true },
      });
      if (!order) throw new DomainError("NOT_FOUND", "Order not found.");
      const email = order.emailOutboxId
        ? await tx.emailOutbox.findFirst({
            where: { practiceId: caller.practiceId, id: order.emailOutboxId },
            select: { status: true, recipient: true, createdAt: true, sentAt: true, deadAt: true, lastError: true, attempts: true },
          })
        : null;
      const state = email ? STATE[email.status] : "NOT_EMAILED";
      return {
        orderId,
        state,
        sentManually: order.sentManually,
        recipient: email?.recipient ?? null,
        queuedAt: iso(email?.createdAt ?? null),
        sentAt: iso(email?.sentAt ?? null),
        failedAt: iso(email?.deadAt ?? null),
        lastError: email?.lastError ?? null,
        attempts: email?.attempts ?? 0,
        canRetry: state === "FAILED" && can(caller.role, "orders.manage"),
      };
    },
    { practiceId: caller.practiceId, readOnly: true },
  );
}
