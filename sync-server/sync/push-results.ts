/**
 * A push's stored results: written once per transaction for all its pushes (with their audit entries and
 * each client's new lastSeq, in one statement), read back for seqs sent again, and replayed as answers.
 */
import type { MutationOutcome, PushMutation } from "../../shared/protocol/push.js";
import { insertAuditSql, type AuditEntry } from "../audit/audit.js";
import { Prisma, type Tx } from "../db/prisma.js";

/** A new result, stored at the end of its transaction. */
export interface NewResult {
  clientId: string;
  seq: number;
  mutationId: string;
  name: string;
  status: "APPLIED" | "CONFLICT" | "REJECTED";
  code: string | null;
  message: string | null;
}

/** The results, the applied mutations' audit entries and each client's new lastSeq, in one statement. */
export async function storeResults(
  tx: Tx,
  practiceId: string,
  clients: Array<{ clientId: string; lastSeq: number }>,
  fresh: NewResult[],
  audits: AuditEntry[],
): Promise<void> {
  // Column arrays, not a VALUES row per result: a handful of parameters whatever the chunk's size.
  const audited = audits.length ? Prisma.sql`, audited AS (${insertAuditSql(audits)})` : Prisma.empty;
  await tx.$executeRaw`
    WITH stored AS (
      INSERT INTO "MutationResult" ("clientId", "seq", "practiceId", "mutationId", "name", "status", "code", "message")
      SELECT r."clientId", r."seq", ${practiceId}::uuid, r."mutationId", r."name", r."status"::"MutationStatus", r."code", r."message"
      FROM unnest(${fresh.map((r) => r.clientId)}::uuid[], ${fresh.map((r) => r.seq)}::int[], ${fresh.map((r) => r.mutationId)}::uuid[],
                  ${fresh.map((r) => r.name)}::text[], ${fresh.map((r) => r.status)}::text[], ${fresh.map((r) => r.code)}::text[],
                  ${fresh.map((r) => r.message)}::text[])
        AS r("clientId", "seq", "mutationId", "name", "status", "code", "message")
    )${audited}
    UPDATE "SyncClient" sc SET "lastSeq" = c."lastSeq", "lastPushAt" = now()
    FROM unnest(${clients.map((c) => c.clientId)}::uuid[], ${clients.map((c) => c.lastSeq)}::int[]) AS c("id", "lastSeq")
    WHERE sc."id" = c."id"`;
}

export interface StoredRow {
  mutationId: string;
  status: "APPLIED" | "CONFLICT" | "REJECTED";
  code: string | null;
  message: string | null;
}

/** The stored results of `seqs`, in one query. */
export async function storedResults(tx: Tx, clientId: string, seqs: number[]): Promise<Map<number, StoredRow>> {
  const rows = await tx.$queryRaw<(StoredRow & { seq: number })[]>`
    SELECT "seq", "mutationId"::text AS "mutationId", "status"::text AS "status", "code", "message"
    FROM "MutationResult" WHERE "clientId" = ${clientId}::uuid AND "seq" = ANY(${seqs}::int[])`;
  return new Map(rows.map((r) => [r.seq, r]));
}

export function replay(m: PushMutation, stored: StoredRow | undefined): MutationOutcome {
  const original = stored?.status === "REJECTED" ? "rejected" : stored?.status === "CONFLICT" ? "conflict" : "applied";
  if (stored?.status === "REJECTED") {
    // Replaying a rejection must keep telling the client why, so it can show the reason.
    return {
      seq: m.seq,
      id: stored.mutationId,
      status: "rejected",
      code: stored.code ?? "REJECTED",
      message: stored.message ?? "Rejected.",
    };
  }
  return { seq: m.seq, id: stored?.mutationId ?? m.id, status: "duplicate", original };
}
