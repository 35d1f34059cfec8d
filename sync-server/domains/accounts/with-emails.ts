/**
 * A transaction that may queue emails: the outbox rows commit with the cause, and the hand-over to the
 * queue runs only after the commit (the same contract the sync push gives mutators).
 */
import type { Db, Tx } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import type { EmailCause } from "../../email/outbox.js";

export async function withEmails<T>(db: Db, requestId: string | null, fn: (cause: EmailCause) => Promise<T>): Promise<T> {
  const effects: (() => Promise<unknown> | void)[] = [];
  const result = await withTransaction(db, (tx: Tx) => fn({ tx, requestId, afterCommit: (e) => void effects.push(e) }));
  for (const effect of effects) {
    // The outbox sweep recovers a failed hand-over; the committed cause must not turn into an error.
    await Promise.resolve()
      .then(effect)
      .catch(() => {});
  }
  return result;
}
