/**
 * Sending an order: by email (the outbox row is written in the push's transaction, so the order is SENT
 * exactly when its email is queued; the pipeline retries, dead-letters and never sends twice), or marked
 * sent by hand for a supplier without an order email. An admin retries a failed order email here.
 */
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { nextStatus } from "../../../shared/orders/status-machine.js";
import { assertSupplierActive } from "../../../shared/suppliers/rules.js";
import { queueEmail } from "../../email/outbox.js";
import type { MutatorContext } from "../../sync/mutator-context.js";
import { retryEmail } from "../emails/mutators.js";
import { suppliersRepo } from "../suppliers/repository.js";
import { assignOrderNumber } from "./order-numbers.js";
import { orderEmailData } from "./order-email.js";
import { ordersRepo } from "./repository.js";

async function sendable(ctx: MutatorContext, orderId: string) {
  const repo = ordersRepo(ctx.tx);
  const order = await repo.get(ctx.practiceId, orderId);
  const supplier = assertSupplierActive(await suppliersRepo(ctx.tx).get(ctx.practiceId, order.practiceSupplierId));
  const lines = await repo.lines(ctx.practiceId, order.id);
  return {
    order,
    context: { supplierHasOrderEmail: Boolean(supplier.orderEmail?.trim()), lineCount: lines.filter((l) => l.quantity > 0).length },
  };
}

export async function sendOrder(ctx: MutatorContext, args: MutationArgs<"order.send">) {
  const { order, context } = await sendable(ctx, args.orderId);
  const status = nextStatus(order.status, "SEND", context);
  const number = await assignOrderNumber(ctx.tx, ctx.practiceId, order.id);
  const email = await orderEmailData(ctx.tx, ctx, { ...order, number });
  const emailOutboxId = await queueEmail(ctx, ctx.emails, { kind: "order", practiceId: ctx.practiceId, ...email });
  await ctx.tx.order.updateMany({
    where: { practiceId: ctx.practiceId, id: order.id },
    data: { status, sentAt: new Date(), sentById: ctx.userId, emailOutboxId, version: ctx.version },
  });
  await ctx.audit("order.send", "order", order.id, {
    number,
    status: { from: order.status, to: status },
    emailOutboxId,
    to: email.recipient,
  });
}

export async function markOrderSentManually(ctx: MutatorContext, args: MutationArgs<"order.markSentManually">) {
  const { order, context } = await sendable(ctx, args.orderId);
  const status = nextStatus(order.status, "MARK_SENT_MANUALLY", context);
  const number = await assignOrderNumber(ctx.tx, ctx.practiceId, order.id);
  await ctx.tx.order.updateMany({
    where: { practiceId: ctx.practiceId, id: order.id },
    data: { status, sentAt: new Date(), sentById: ctx.userId, sentManually: true, version: ctx.version },
  });
  await ctx.audit("order.markSentManually", "order", order.id, { number, status: { from: order.status, to: status }, note: args.note });
}

export async function retryOrderEmail(ctx: MutatorContext, args: MutationArgs<"order.retryEmail">) {
  const order = await ordersRepo(ctx.tx).get(ctx.practiceId, args.orderId);
  if (!order.emailOutboxId) throw new DomainError("CONFLICT", "This order was not sent by email.");
  // The email domain's retry: only a dead email goes back to pending (audited there as email.retry).
  await retryEmail(ctx, { id: order.emailOutboxId });
  await ctx.audit("order.retryEmail", "order", order.id, { emailOutboxId: order.emailOutboxId });
}
