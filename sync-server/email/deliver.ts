/**
 * One delivery attempt of one outbox email. Safe to run more than once for the same email: a row
 * already SENT is skipped (idempotency beyond the provider's 24-hour key window), and the provider gets
 * the outbox id as idempotency key (a retry after a lost answer does not send twice).
 */
import { UnrecoverableError, type Job, type Queue } from "bullmq";
import { ZodError } from "zod";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../log/logger.js";
import type { EmailJobData } from "./queue.js";
import { renderEmail, type EmailKind } from "./templates/index.js";
import { EmailSendError, type EmailTransport } from "./transport.js";

export interface DeliverDeps {
  db: Db;
  transport: EmailTransport;
  dlq: Queue;
  log: Logger;
  from: string;
  maxAttempts: number;
}

export async function deliverEmail(deps: DeliverDeps, job: Job<EmailJobData>): Promise<void> {
  const { outboxId, requestId } = job.data;
  const attempt = job.attemptsMade + 1;
  const log = deps.log.child({ requestId, outboxId, attempt });
  const row = await deps.db.emailOutbox.findUnique({ where: { id: outboxId } });
  if (!row) return void log.warn("outbox row no longer exists; nothing to send");
  if (row.status === "SENT") return void log.info("email already sent; skipping duplicate job");
  if (row.status === "DEAD") return void log.warn("email is dead-lettered; an admin retry resets it first");

  let rendered;
  try {
    rendered = renderEmail(row.kind as EmailKind, row.data);
  } catch (err) {
    const reason =
      err instanceof ZodError ? `template data invalid: ${err.issues[0]?.message}` : `template failed: ${(err as Error).message}`;
    return deadLetter(deps, log, outboxId, requestId, reason);
  }

  await deps.db.emailOutbox.update({ where: { id: outboxId }, data: { attempts: { increment: 1 } } });
  log.info({ kind: row.kind, transport: deps.transport.name }, "sending email");
  let messageId: string;
  try {
    ({ messageId } = await deps.transport.send(
      { from: deps.from, to: row.recipient, replyTo: replyToOf(row.kind, row.data), ...rendered },
      outboxId,
    ));
  } catch (err) {
    const retryable = err instanceof EmailSendError ? err.retryable : true;
    const message = (err as Error).message;
    if (!retryable || attempt >= deps.maxAttempts) return deadLetter(deps, log, outboxId, requestId, message);
    await deps.db.emailOutbox.update({ where: { id: outboxId }, data: { lastError: message } });
    log.warn({ err: message }, "email send failed; will retry");
    throw err;
  }

  const sentAt = new Date();
  await deps.db.$transaction(async (tx) => {
    await tx.emailOutbox.update({
      where: { id: outboxId },
      data: { status: "SENT", sentAt, providerMessageId: messageId, lastError: null },
    });
    const orderId = row.kind === "order" ? (row.data as { orderId?: string }).orderId : undefined;
    if (orderId && row.practiceId) {
      await tx.order.updateMany({ where: { id: orderId, practiceId: row.practiceId }, data: { emailSentAt: sentAt } });
    }
  });
  log.info({ messageId, kind: row.kind, latencyMs: sentAt.getTime() - row.createdAt.getTime() }, "email sent");
}

function replyToOf(kind: string, data: unknown): string | undefined {
  return kind === "order" ? (data as { orderedBy?: { email?: string } }).orderedBy?.email : undefined;
}

/** Marks the email DEAD with its last error, records it in the dead-letter queue, and stops retries. */
async function deadLetter(deps: DeliverDeps, log: Logger, outboxId: string, requestId: string | null, reason: string): Promise<never> {
  await deps.db.emailOutbox.update({ where: { id: outboxId }, data: { status: "DEAD", deadAt: new Date(), lastError: reason } });
  await deps.dlq
    .add("dead", { outboxId, requestId, reason }, { jobId: outboxId, removeOnComplete: false, removeOnFail: false })
    .catch((err: Error) => {
      log.error({ err: err.message }, "could not record the dead letter in the DLQ queue (the outbox row is DEAD regardless)");
    });
  log.error({ reason }, "email dead-lettered");
  throw new UnrecoverableError(reason);
}
