/**
 * Pull: the rows of a practice that changed after the client's cursor, in pages.
 *
 * A page is read in one REPEATABLE READ snapshot. Its upper bound is the version of the `limit`-th
 * change, and every row up to and including that version is returned, so rows written by one mutation
 * (which share a version) never straddle two pages and the next page can safely start after the bound.
 */
import type { Role } from "../../shared/auth/roles.js";
import { DomainError } from "../../shared/errors.js";
import { DEFAULT_PULL_LIMIT, MAX_PULL_OUTCOMES, type PullRequest, type PullResponse } from "../../shared/protocol/pull.js";
import { MIN_CLIENT_SCHEMA_VERSION, NULL_QUANTITY_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { Prisma, type Db } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";
import { bindClient, type SyncIdentity } from "./clients.js";
import { ENTITY_READERS, REPLICATED_TABLES } from "./entity-readers.js";
import { readVersionState } from "./versions.js";

/**
 * `role` shapes rows a role may not fully see (a blind count's expected quantities go to admins only);
 * without it the puller is treated as the least privileged role.
 */
export async function pull(
  db: Db,
  who: SyncIdentity & { role?: Role },
  req: PullRequest,
  pageSize = DEFAULT_PULL_LIMIT,
): Promise<PullResponse> {
  if (req.schemaVersion < MIN_CLIENT_SCHEMA_VERSION) {
    throw new DomainError("SCHEMA_TOO_OLD", "This version of the app is too old to sync. Update the app; your pending changes are kept.");
  }
  await bindClient(db, req.clientId, who, req.schemaVersion);
  const limit = Math.min(req.limit ?? pageSize, pageSize);

  return withTransaction(
    db,
    async (tx) => {
      const state = await readVersionState(tx, who.practiceId);
      const client = await tx.syncClient.findUnique({ where: { id: req.clientId }, select: { lastSeq: true } });
      const { lastSeq, outcomes } = await unseenOutcomes(tx, req.clientId, req.knownSeq, client?.lastSeq ?? 0);
      const cursor = BigInt(req.cursor);
      // Too old (its tombstones were pruned; not within a first sync, see pullRequest.initial) or from the
      // future (the server was restored from a backup).
      if ((cursor > 0n && cursor < state.minRetainedVersion && !req.initial) || cursor > state.version) {
        return { reset: true, cursor: 0, hasMore: false, lastSeq, changes: [], deletes: [], outcomes };
      }

      const bound = await pageBound(tx, who.practiceId, cursor, limit);
      const upper = bound ?? state.version;
      const range = { practiceId: who.practiceId, after: cursor, upTo: upper, role: who.role ?? "VIEWER" };
      const changes: PullResponse["changes"] = [];
      for (const reader of ENTITY_READERS) {
        for (const row of await reader.read(tx, range)) changes.push({ entity: reader.entity, row });
      }
      // A build from before blind counts rejects a stock row without its quantity and would fail this
      // pull again and again: it is told to update instead (only when such a row is due, so it keeps
      // syncing until then; its outbox is kept).
      if (req.schemaVersion < NULL_QUANTITY_SCHEMA_VERSION && changes.some((c) => c.entity === "inventory" && c.row.quantity === null)) {
        throw new DomainError(
          "SCHEMA_TOO_OLD",
          "This version of the app cannot take part in a blind count. Update the app; your pending changes are kept.",
        );
      }
      const tombstones = await tx.tombstone.findMany({
        where: { practiceId: who.practiceId, version: { gt: cursor, lte: upper } },
        select: { entity: true, entityId: true },
      });
      return {
        reset: false,
        cursor: Number(upper),
        hasMore: upper < state.version,
        lastSeq,
        changes,
        deletes: tombstones.map((t) => ({ entity: t.entity as PullResponse["deletes"][number]["entity"], id: t.entityId })),
        outcomes,
      };
    },
    { practiceId: who.practiceId, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, readOnly: true, timeoutMs: 60_000 },
  );
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

/** The version of the `limit`-th change after `cursor`, or null when fewer remain. */
async function pageBound(tx: Prisma.TransactionClient, practiceId: string, cursor: bigint, limit: number): Promise<bigint | null> {
  const branches = [...REPLICATED_TABLES, "Tombstone"].map(
    (t) => `(SELECT "version" FROM "${t}" WHERE "practiceId" = $1::uuid AND "version" > $2 ORDER BY "version" LIMIT $3)`,
  );
  const sql = `SELECT "version" FROM (${branches.join(" UNION ALL ")}) v ORDER BY "version" OFFSET $3 - 1 LIMIT 1`;
  const rows = await tx.$queryRawUnsafe<{ version: bigint }[]>(sql, practiceId, cursor, limit);
  return rows[0]?.version ?? null;
}
