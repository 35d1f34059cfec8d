/**
 * Pull: the rows of a practice that changed after the client's cursor, in pages.
 *
 * A page is read in one REPEATABLE READ snapshot, in two queries: the practice's version with the
 * client's row, then the page itself (pull-page.ts: its bound, rows and deletes).
 */
import { can, type Role } from "../../shared/auth/roles.js";
import { DomainError } from "../../shared/errors.js";
import { DEFAULT_PULL_LIMIT, MAX_PULL_OUTCOMES, type PullRequest, type PullResponse } from "../../shared/protocol/pull.js";
import { MIN_CLIENT_SCHEMA_VERSION, NULL_QUANTITY_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { Prisma, type Db, type Tx } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";
import { assertOwnClient, bindClient, clientMismatch, type SyncIdentity } from "./clients.js";
import { readPage } from "./pull-page.js";

/** A pull answer as its JSON text (PullResponse): its rows were written as JSON by PostgreSQL (pull-page.ts). */
export interface PullAnswer {
  json: string;
}

/**
 * `role` shapes rows a role may not fully see (a blind count's expected quantities go to admins only);
 * without it the puller is treated as the least privileged role.
 */
export async function pull(
  db: Db,
  who: SyncIdentity & { role?: Role },
  req: PullRequest,
  pageSize = DEFAULT_PULL_LIMIT,
): Promise<PullAnswer> {
  if (req.schemaVersion < MIN_CLIENT_SCHEMA_VERSION) {
    throw new DomainError("SCHEMA_TOO_OLD", "This version of the app is too old to sync. Update the app; your pending changes are kept.");
  }
  // A client's first request binds it (a write); every later page only reads, in one snapshot.
  const answer = await readAnswer(db, who, req, pageSize);
  if (answer) return answer;
  await bindClient(db, req.clientId, who, req.schemaVersion);
  const bound = await readAnswer(db, who, req, pageSize);
  if (!bound) throw clientMismatch();
  return bound;
}

/** The answer, read in one REPEATABLE READ snapshot; null while the client is not bound (or not visible). */
async function readAnswer(db: Db, who: SyncIdentity & { role?: Role }, req: PullRequest, pageSize: number): Promise<PullAnswer | null> {
  return withTransaction(
    db,
    async (tx) => {
      const state = await readPullState(tx, who.practiceId, req.clientId);
      if (!state.client) return null;
      assertOwnClient(state.client, who);
      const { lastSeq, outcomes } = await unseenOutcomes(tx, req.clientId, req.knownSeq, state.client.lastSeq);
      const cursor = BigInt(req.cursor);
      // Too old (its tombstones were pruned; not within a first sync, see pullRequest.initial) or from the
      // future (the server was restored from a backup).
      if ((cursor > 0n && cursor < state.minRetainedVersion && !req.initial) || cursor > state.version) {
        return answer({ reset: true, cursor: 0, hasMore: false, lastSeq, outcomes }, "", "[]");
      }

      const limit = Math.min(req.limit ?? pageSize, pageSize);
      const seesExpected = can(who.role ?? "VIEWER", "counts.override");
      const page = await readPage(tx, { practiceId: who.practiceId, after: cursor, limit, version: state.version, seesExpected });
      // A build from before blind counts rejects a stock row without its quantity and would fail this
      // pull again and again: it is told to update instead (only when such a row is due, so it keeps
      // syncing until then; its outbox is kept).
      if (req.schemaVersion < NULL_QUANTITY_SCHEMA_VERSION && page.withheld) {
        throw new DomainError(
          "SCHEMA_TOO_OLD",
          "This version of the app cannot take part in a blind count. Update the app; your pending changes are kept.",
        );
      }
      const head = { reset: false, cursor: Number(page.upTo), hasMore: page.upTo < state.version, lastSeq, outcomes };
      return answer(head, page.changes, page.deletes);
    },
    { practiceId: who.practiceId, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, readOnly: true, timeoutMs: 60_000 },
  );
}

/** The practice's version state and the client's row (null if unknown, or another practice's under row-level security), in one query. */
async function readPullState(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx.$queryRaw<
    { version: bigint; minRetainedVersion: bigint; clientPracticeId: string | null; userId: string | null; lastSeq: number | null }[]
  >`
    SELECT v."version", v."minRetainedVersion", c."practiceId"::text AS "clientPracticeId", c."userId"::text AS "userId", c."lastSeq"
    FROM "PracticeVersion" v LEFT JOIN "SyncClient" c ON c."id" = ${clientId}::uuid
    WHERE v."practiceId" = ${practiceId}::uuid`;
  if (!row) throw new Error(`Practice ${practiceId} has no version counter.`);
  const client = row.clientPracticeId === null ? null : { practiceId: row.clientPracticeId, userId: row.userId!, lastSeq: row.lastSeq! };
  return { version: row.version, minRetainedVersion: row.minRetainedVersion, client };
}

/** The answer's text: its small fields serialised here, changes and deletes spliced in as PostgreSQL wrote them. */
function answer(head: Omit<PullResponse, "changes" | "deletes">, changes: string, deletes: string): PullAnswer {
  return { json: `${JSON.stringify(head).slice(0, -1)},"changes":[${changes}],"deletes":${deletes}}` };
}

/**
 * Stored refusals and conflicts of this client after `knownSeq` (answers the client never received), and
 * the lastSeq to report with them. The client drops every outbox entry up to lastSeq once it has shown
 * the outcomes, so when more than one answer's worth are waiting, lastSeq stops just before the first
 * one left out: the client keeps those entries and the next pull (knownSeq = this lastSeq) sends them.
 */
async function unseenOutcomes(
  tx: Prisma.TransactionClient,
  clientId: string,
  knownSeq: number | undefined,
  consumedSeq: number,
): Promise<Pick<PullResponse, "lastSeq" | "outcomes">> {
  if (knownSeq === undefined || knownSeq >= consumedSeq) return { lastSeq: consumedSeq, outcomes: [] };
  const rows = await tx.mutationResult.findMany({
    where: { clientId, seq: { gt: knownSeq, lte: consumedSeq }, status: { in: ["REJECTED", "CONFLICT"] } },
    orderBy: { seq: "asc" },
    take: MAX_PULL_OUTCOMES + 1,
  });
  const firstLeftOut = rows[MAX_PULL_OUTCOMES];
  const sent = rows.slice(0, MAX_PULL_OUTCOMES);
  const outcomes = sent.map((r) => ({
    seq: r.seq,
    id: r.mutationId,
    status: r.status === "REJECTED" ? ("rejected" as const) : ("conflict" as const),
    code: r.code ?? "REJECTED",
    message: r.message ?? "The server refused this change.",
  }));
  return { lastSeq: firstLeftOut ? firstLeftOut.seq - 1 : consumedSeq, outcomes };
}
