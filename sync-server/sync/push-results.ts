/**
 * A push's stored results: written once per transaction for all its pushes (with their audit entries and
 * each client's new lastSeq, in one statement), read back for seqs sent again, and replayed as answers.
 */
import type { MutationOutcome, PushMutation } from "../../shared/protocol/push.js";
import type { AuditEntry } from "../audit/audit.js";
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
  const rows = fresh.map(
    (r) =>
      Prisma.sql`(${r.clientId}::uuid, ${r.seq}::int, ${practiceId}::uuid, ${r.mutationId}::uuid, ${r.name}, ${r.status}::"MutationStatus", ${r.code}, ${r.message})`,
  );
  // Without RETURNING, as writeAudit: under row-level security RETURNING would count as reading.
  const audited = audits.length
    ? Prisma.sql`, audited AS (
      INSERT INTO "AuditLog" ("id", "practiceId", "actorId", "action", "entity", "entityId", "changes", "requestId", "mutationId")
      VALUES ${Prisma.join(audits.map((a) => Prisma.sql`(gen_random_uuid(), ${a.practiceId}::uuid, ${a.actorId}::uuid, ${a.action}, ${a.entity ?? null}, ${a.entityId ?? null}, ${JSON.stringify(a.changes ?? {})}::jsonb, ${a.requestId ?? null}, ${a.mutationId ?? null}::uuid)`))}
    )`
    : Prisma.empty;
  await tx.$executeRaw`
    WITH stored AS (
      INSERT INTO "MutationResult" ("clientId", "seq", "practiceId", "mutationId", "name", "status", "code", "message")
      VALUES ${Prisma.join(rows)}
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
