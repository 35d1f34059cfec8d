/**
 * The audit log: who changed what, when, from which request. Written in the same transaction as the
 * change it describes, so the log and the data cannot disagree.
 */
import type { Prisma, Tx } from "../db/prisma.js";

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
  // createMany inserts without RETURNING: rows that belong to no practice (a failed sign-in) may be
  // written under row-level security but never read back, and RETURNING would count as reading.
  await tx.auditLog.createMany({
    data: {
      practiceId: entry.practiceId,
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId ?? null,
      changes: entry.changes ?? {},
      requestId: entry.requestId ?? null,
      mutationId: entry.mutationId ?? null,
      ip: entry.ip ?? null,
    },
  });
}
