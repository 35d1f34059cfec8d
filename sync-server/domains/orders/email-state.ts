/**
 * An order's supplier email as people see it: queued, sending, sent when, or failed and why
 * (GET /api/orders/:orderId/email, and GET /api/orders/emails for a list of orders at once).
 */
import type { OrderEmailState } from "../../../shared/api/orders.js";
import { can, type Role } from "../../../shared/auth/roles.js";
import { DomainError } from "../../../shared/errors.js";
import type { Db, Tx } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";

interface Caller {
  practiceId: string;
  role: Role;
}

const STATE = { PENDING: "QUEUED", SENDING: "SENDING", SENT: "SENT", DEAD: "FAILED" } as const;
const LIST_LIMIT = 500;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const emailSelect = {
  id: true,
  status: true,
  recipient: true,
  createdAt: true,
  sentAt: true,
  deadAt: true,
  lastError: true,
  attempts: true,
} as const;

type OrderRef = { id: string; emailOutboxId: string | null; sentManually: boolean };
type EmailRow = {
  status: keyof typeof STATE;
  recipient: string;
  createdAt: Date;
  sentAt: Date | null;
  deadAt: Date | null;
  lastError: string | null;
  attempts: number;
};

function stateOf(caller: Caller, order: OrderRef, email: EmailRow | undefined): OrderEmailState {
  const state = email ? STATE[email.status] : "NOT_EMAILED";
  return {
    orderId: order.id,
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
}

async function emailsOf(tx: Tx, practiceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, EmailRow>();
  const rows = await tx.emailOutbox.findMany({ where: { practiceId, id: { in: ids } }, select: emailSelect });
  return new Map(rows.map((r) => [r.id, r]));
}

export async function orderEmailState(db: Db, caller: Caller, orderId: string): Promise<OrderEmailState> {
  return withTransaction(
    db,
    async (tx) => {
      const order = await tx.order.findFirst({
        where: { practiceId: caller.practiceId, id: orderId },
        select: { id: true, emailOutboxId: true, sentManually: true },
      });
      if (!order) throw new DomainError("NOT_FOUND", "Order not found.");
      const emails = await emailsOf(tx, caller.practiceId, order.emailOutboxId ? [order.emailOutboxId] : []);
      return stateOf(caller, order, order.emailOutboxId ? emails.get(order.emailOutboxId) : undefined);
    },
    { practiceId: caller.practiceId, readOnly: true },
  );
}

export async function openOrderEmailStates(db: Db, caller: Caller): Promise<{ emails: OrderEmailState[] }> {
  return withTransaction(
    db,
    async (tx) => {
      const { practiceId } = caller;
      // Emailed orders still expected, plus those whose email has not gone (whatever the order's status now).
      const unsent = await tx.emailOutbox.findMany({
        where: { practiceId, kind: "order", status: { not: "SENT" } },
        select: { id: true },
        take: LIST_LIMIT,
      });
      const orders = await tx.order.findMany({
        where: {
          practiceId,
          emailOutboxId: { not: null },
          OR: [{ status: { in: ["SENT", "PARTIALLY_RECEIVED"] } }, { emailOutboxId: { in: unsent.map((u) => u.id) } }],
        },
        select: { id: true, emailOutboxId: true, sentManually: true },
        orderBy: { sentAt: "desc" },
        take: LIST_LIMIT,
      });
      const emails = await emailsOf(
        tx,
        practiceId,
        orders.map((o) => o.emailOutboxId!),
      );
      return { emails: orders.map((o) => stateOf(caller, o, emails.get(o.emailOutboxId!))) };
    },
    { practiceId: caller.practiceId, readOnly: true },
  );
}
