/**
 * Sync clients: one per replica. A clientId is bound to the (practice, user) of its first request;
 * any later use by another user or practice is refused, so a leaked or reused id cannot cross tenants.
 */
import { DomainError } from "../../shared/errors.js";
import type { Db } from "../db/prisma.js";

export interface SyncIdentity {
  practiceId: string;
  userId: string;
}

/** Creates the client row on first use; refuses a clientId bound to someone else. */
export async function bindClient(db: Db, clientId: string, who: SyncIdentity, schemaVersion: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "SyncClient" ("id", "practiceId", "userId", "schemaVersion")
    VALUES (${clientId}::uuid, ${who.practiceId}::uuid, ${who.userId}::uuid, ${schemaVersion})
    ON CONFLICT ("id") DO NOTHING`;
  const row = await db.syncClient.findUnique({ where: { id: clientId }, select: { practiceId: true, userId: true } });
  if (!row || row.practiceId !== who.practiceId || row.userId !== who.userId) {
    throw new DomainError("CLIENT_MISMATCH", "This sync client belongs to another user or practice. Reload the app to start a new one.");
  }
}
