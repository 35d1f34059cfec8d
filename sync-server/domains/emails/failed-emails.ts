/** Emails of a practice that the worker gave up on (DEAD), newest first, a page at a time. */
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";

export async function listFailedEmails(db: Db, practiceId: string, page: { limit: number; before?: string }) {
  const rows = await withTransaction(
    db,
    (tx) =>
      tx.emailOutbox.findMany({
        where: { practiceId, status: "DEAD", ...(page.before ? { deadAt: { lt: new Date(page.before) } } : {}) },
        orderBy: { deadAt: "desc" },
        take: page.limit,
        select: { id: true, kind: true, recipient: true, attempts: true, lastError: true, deadAt: true, createdAt: true },
      }),
    { practiceId },
  );
  // A full page may have more behind it: the cursor is the last row's time.
  return { emails: rows, next: rows.length === page.limit ? rows.at(-1)!.deadAt!.toISOString() : null };
}
