/**
 * The email queues. Job ids are outbox ids, so enqueuing the same email twice (the relay after commit
 * and the sweep racing it, or two instances) adds it once.
 */
import { Queue, type ConnectionOptions } from "bullmq";

export const EMAIL_QUEUE = "email";
export const EMAIL_DLQ = "email-dlq";

export interface EmailJobData {
  outboxId: string;
  requestId: string | null;
}

/**
 * Retry schedule: the first retry after `base`, later ones after 2^attempt × base, capped at 60 × base.
 * With the default base of one minute: 1, 4, 8, 16 minutes (attempts 2–5).
 */
export function retryDelay(attemptsMade: number, baseMs: number): number {
  const factor = attemptsMade <= 1 ? 1 : 2 ** attemptsMade;
  return Math.min(factor, 60) * baseMs;
}

export function emailJobOptions(maxAttempts: number) {
  return {
    attempts: maxAttempts,
    backoff: { type: "email" },
    // Keep finished jobs for a day so a late duplicate enqueue of the same outbox id stays a no-op.
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** `onError` receives connection errors (without a listener BullMQ prints each one to the console). */
export function createEmailQueues(connection: ConnectionOptions, prefix: string, onError: (err: Error) => void = () => {}) {
  const emails = new Queue<EmailJobData>(EMAIL_QUEUE, { connection, prefix });
  const dlq = new Queue(EMAIL_DLQ, { connection, prefix });
  emails.on("error", onError);
  dlq.on("error", onError);
  return { emails, dlq };
}
