/**
 * Sync clients: one per replica. A clientId is bound to the (practice, user) of its first request;
 * any later use by another user or practice is refused, so a leaked or reused id cannot cross tenants.
 */
import { DomainError } from "../../shared/errors.js";
import type { Db, Tx } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";

export const CLIENT_MISMATCH = "CLIENT_MISMATCH";
const MISMATCH_MESSAGE = "This sync client belongs to another user or practice. Reload the app to start a new one.";

/** The refusal of a clientId bound to another user or practice (or, under row-level security, invisible). */
export const clientMismatch = () => new DomainError(CLIENT_MISMATCH, MISMATCH_MESSAGE);

export interface SyncIdentity {
  practiceId: string;
  userId: string;
}

/**
 * Refuses a client row that is missing (under row-level security another practice's client is invisible)
 * or bound to another user or practice: the same refusal for both, so a denial reveals nothing.
 */
export function assertOwnClient<R extends SyncIdentity>(row: R | null | undefined, who: SyncIdentity): asserts row is R {
  if (!row || row.practiceId !== who.practiceId || row.userId !== who.userId) throw clientMismatch();
}

/** Creates the client row bound to `who`; nothing when the id exists (whoever it belongs to). */
function insertClient(tx: Tx, clientId: string, who: SyncIdentity, schemaVersion: number) {
  return tx.$executeRaw`
    INSERT INTO "SyncClient" ("id", "practiceId", "userId", "schemaVersion")
    VALUES (${clientId}::uuid, ${who.practiceId}::uuid, ${who.userId}::uuid, ${schemaVersion})
    ON CONFLICT ("id") DO NOTHING`;
}

/** Creates the client row on first use; refuses a clientId bound to someone else. */
export async function bindClient(db: Db, clientId: string, who: SyncIdentity, schemaVersion: number): Promise<void> {
  // Under row-level security another practice's client is invisible: the insert then conflicts on the
  // id and the read finds nothing, which is refused the same way as a mismatch.
  const row = await withTransaction(
    db,
    async (tx) => {
      await insertClient(tx, clientId, who, schemaVersion);
      return tx.syncClient.findUnique({ where: { id: clientId }, select: { practiceId: true, userId: true } });
    },
    { practiceId: who.practiceId },
  );
  assertOwnClient(row, who);
}

/**
 * Push's form of bindClient, the first statement of every push chunk (app_push_begin): scopes the
 * transaction to the practice for row-level security, locks the client row (two pushes of one client take
 * turns) and returns its lastSeq, creating the row on first use; refuses a clientId bound to someone
 * else. When `seqs` holds the client's next seq, the same statement takes the practice's next version
 * (the practice lock): a known client costs one round trip for all three. Two first pushes of a new
 * client meet on the insert's unique id: the second waits for the first, inserts nothing and then locks
 * the first one's row.
 */
export async function beginChunk(
  tx: Tx,
  clientId: string,
  who: SyncIdentity,
  schemaVersion: number,
  seqs: number[],
): Promise<{ lastSeq: number; version: bigint | null }> {
  const begin = () => tx.$queryRaw<{ practiceId: string; userId: string; lastSeq: number; version: bigint | null }[]>`
    SELECT "practiceId", "userId", "lastSeq", "version" FROM app_push_begin(${who.practiceId}::uuid, ${clientId}::uuid, ${seqs}::int[])`;
  let [row] = await begin();
  if (!row) {
    await insertClient(tx, clientId, who, schemaVersion);
    [row] = await begin();
  }
  assertOwnClient(row, who);
  return { lastSeq: row.lastSeq, version: row.version };
}

/** The client's lastSeq (0 for a client never seen). */
export async function readLastSeq(db: Db, practiceId: string, clientId: string): Promise<number> {
  const row = await withTransaction(db, (tx) => tx.syncClient.findUnique({ where: { id: clientId }, select: { lastSeq: true } }), {
    practiceId,
  });
  return row?.lastSeq ?? 0;
}

/** One push of a turn, as beginGroup needs it. */
export interface GroupMember extends SyncIdentity {
  clientId: string;
  seqs: number[];
}

/** A turn's client was new, or bound to someone else: the turn is undone and each push applied on its own. */
export class GroupNeedsSolo extends Error {
  constructor() {
    super("A push of the turn needs its client bound or refused; the pushes are applied one by one.");
  }
}

/**
 * beginChunk for a turn of several pushes of one practice (group commit): every client row locked and the
 * practice version taken (when any push holds its next seq) in one statement (app_push_begin_group).
 * Answers each member's lastSeq in member order; a client that is unknown here or bound to another
 * user throws GroupNeedsSolo (beginChunk, on its own, binds or refuses it).
 */
export async function beginGroup(
  tx: Tx,
  practiceId: string,
  members: GroupMember[],
): Promise<{ lastSeqs: number[]; version: bigint | null }> {
  const rows = await tx.$queryRaw<{ clientId: string; practiceId: string; userId: string; lastSeq: number; version: bigint | null }[]>`
    SELECT "clientId", "practiceId", "userId", "lastSeq", "version" FROM app_push_begin_group(
      ${practiceId}::uuid, ${members.map((m) => m.clientId)}::uuid[],
      ${members.flatMap((m) => m.seqs.map(() => m.clientId))}::uuid[], ${members.flatMap((m) => m.seqs)}::int[])`;
  const byId = new Map(rows.map((r) => [r.clientId, r]));
  const lastSeqs = members.map((m) => {
    const row = byId.get(m.clientId);
    if (!row || row.practiceId !== m.practiceId || row.userId !== m.userId) throw new GroupNeedsSolo();
    return row.lastSeq;
  });
  return { lastSeqs, version: rows[0]?.version ?? null };
}
