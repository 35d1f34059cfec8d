/**
 * The audit log: who changed what, when, from which request. Written in the same transaction as the
 * change it describes, so the log and the data cannot disagree.
 */
import { Prisma, type Tx } from "../db/prisma.js";

export interface AuditEntry {
  practiceId: string | null;
  actorId: string | null;
  action: string;
  entity?: string;
  entityId?: string;
  changes?: Prisma.InputJsonValue;
  requestId?: string | null;
  mutationId?: string | null;
  ip?: string | null;
}

export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw(insertAuditSql([entry]));
}

/**
 * The INSERT of `entries` into the audit log, as one statement over column arrays: nine parameters
 * however many rows (a push chunk audits hundreds; one bound value per cell made the client's query
 * rendering and the statement's planning grow with the row count). Without RETURNING: rows that belong
 * to no practice (a failed sign-in) may be written under row-level security but never read back, and
 * RETURNING would count as reading. Usable as a CTE body.
 */
export function insertAuditSql(entries: readonly AuditEntry[]): Prisma.Sql {
  const column = <T>(pick: (e: AuditEntry) => T) => entries.map(pick);
  return Prisma.sql`
    INSERT INTO "AuditLog" ("id", "practiceId", "actorId", "action", "entity", "entityId", "changes", "requestId", "mutationId", "ip")
    SELECT gen_random_uuid(), a."practiceId", a."actorId", a."action", a."entity", a."entityId", a."changes", a."requestId", a."mutationId", a."ip"
    FROM unnest(${column((e) => e.practiceId)}::uuid[], ${column((e) => e.actorId)}::uuid[], ${column((e) => e.action)}::text[],
                ${column((e) => e.entity ?? null)}::text[], ${column((e) => e.entityId ?? null)}::text[],
                ${column((e) => JSON.stringify(e.changes ?? {}))}::jsonb[], ${column((e) => e.requestId ?? null)}::text[],
                ${column((e) => e.mutationId ?? null)}::uuid[], ${column((e) => e.ip ?? null)}::text[])
      AS a("practiceId", "actorId", "action", "entity", "entityId", "changes", "requestId", "mutationId", "ip")`;
}
