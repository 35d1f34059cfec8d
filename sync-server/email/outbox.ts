/**
 * Writing an email = writing an outbox row in the same transaction as its cause. Nothing is sent inside
 * a request: after commit the relay hands the row to the queue, and the worker sends it.
 */
import type { Prisma, Tx } from "../db/prisma.js";
import { EMAIL_DATA_SCHEMAS, type EmailKind } from "./templates/index.js";

export interface EmailCause {
  tx: Tx;
  requestId: string | null;
  /** Runs after the cause's transaction commits (see MutatorContext.afterCommit). */
  afterCommit(effect: () => Promise<unknown> | void): void;
}

export interface EmailEnqueuer {
  enqueue(outboxId: string, requestId: string | null): Promise<boolean>;
  /** For an email that was dead-lettered and reset: clears its old jobs first. */
  requeue(outboxId: string, requestId: string | null): Promise<boolean>;
}

/** Validates the template data now (a bad email fails its cause, not later in the worker) and writes the row. */
export async function queueEmail(
  cause: EmailCause,
  relay: EmailEnqueuer | undefined,
  email: { kind: EmailKind; practiceId: string | null; recipient: string; data: unknown },
): Promise<string> {
  const data = EMAIL_DATA_SCHEMAS[email.kind].parse(email.data) as Prisma.InputJsonValue;
  const row = await cause.tx.emailOutbox.create({
    data: { kind: email.kind, practiceId: email.practiceId, recipient: email.recipient, data, requestId: cause.requestId },
    select: { id: true },
  });
  if (relay) cause.afterCommit(() => relay.enqueue(row.id, cause.requestId));
  return row.id;
}
