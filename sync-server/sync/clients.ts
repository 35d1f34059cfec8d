/**
 * Sync clients: one per replica. A clientId is bound to the (practice, user) of its first request;
 * any later use by another user or practice is refused, so a leaked or reused id cannot cross tenants.
 */
import { DomainError } from "../../shared/errors.js";
import type { Db } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";

export interface SyncIdentity {
  practiceId: string;
  userId: string;
}

/** Creates the client row on first use; refuses a clientId bound to someone else. */
export async function bindClient(db: Db, clientId: string, who: SyncIdentity, schemaVersion: number): Promise<void> {
  // Under row-level security another practice's client is invisible: the insert then conflicts on the
  // id and the read finds nothing, which is refused the same way as a mismatch.
  const row = await withTransaction(
    db,
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "SyncClient" ("id", "practiceId", "userId", "schemaVersion")
        VALUES (${clientId}::uuid, ${who.practiceId}::uuid, ${who.userId}::uuid, ${schemaVersion})
        ON CONFLICT ("id") DO NOTHING`;
      return tx.syncClient.findUnique({ where: { id: clientId }, select: { practiceId: true, userId: true } });
    },
    { practiceId: who.practiceId },
  );
  if (!row || row.practiceId !== who.practiceId || row.userId !== who.userId) {
    throw new DomainError("CLIENT_MISMATCH", "This sync client belongs to another user or practice. Reload the app to start a new one.");
  }
}
