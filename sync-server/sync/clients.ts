/**
 * Sync clients: one per replica. A clientId is bound to the (practice, user) of its first request;
 * any later use by another user or practice is refused, so a leaked or reused id cannot cross tenants.
 */
import { DomainError } from "../../shared/errors.js";
import type { Db, Tx } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";

export const CLIENT_MISMATCH = "CLIENT_MISMATCH";
const MISMATCH_MESSAGE = "This sync client belongs to another user or practice. Reload the app to start a new one.";

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
    throw new DomainError(CLIENT_MISMATCH, MISMATCH_MESSAGE);
  }
}

/**
 * Push's form of bindClient, inside the push transaction: locks the client row (two pushes of one client
 * take turns) and returns its lastSeq, creating the row on first use; refuses a clientId bound to someone
 * else. A known client costs one statement. Two first pushes of a new client meet on the insert's
 * unique id: the second waits for the first, inserts nothing and then locks the first one's row.
 */
export async function lockClient(tx: Tx, clientId: string, who: SyncIdentity, schemaVersion: number): Promise<number> {
  const lock = () => tx.$queryRaw<{ practiceId: string; userId: string; lastSeq: number }[]>`
    SELECT "practiceId"::text AS "practiceId", "userId"::text AS "userId", "lastSeq" FROM "SyncClient" WHERE "id" = ${clientId}::uuid FOR UPDATE`;
  let [row] = await lock();
  if (!row) {
    await tx.$executeRaw`
      INSERT INTO "SyncClient" ("id", "practiceId", "userId", "schemaVersion")
      VALUES (${clientId}::uuid, ${who.practiceId}::uuid, ${who.userId}::uuid, ${schemaVersion})
      ON CONFLICT ("id") DO NOTHING`;
    [row] = await lock();
  }
  if (!row || row.practiceId !== who.practiceId || row.userId !== who.userId) throw new DomainError(CLIENT_MISMATCH, MISMATCH_MESSAGE);
  return row.lastSeq;
}

/** The client's lastSeq (0 for a client never seen). */
export async function readLastSeq(db: Db, practiceId: string, clientId: string): Promise<number> {
  const row = await withTransaction(db, (tx) => tx.syncClient.findUnique({ where: { id: clientId }, select: { lastSeq: true } }), {
    practiceId,
  });
  return row?.lastSeq ?? 0;
}
