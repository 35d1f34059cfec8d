/**
 * Tombstone retention. Deletes are kept as tombstones so clients that pull later learn of them; after the
 * retention window they are pruned, and the practice's `minRetainedVersion` rises to the newest pruned
 * version: a client whose cursor is older can no longer be served incrementally and gets `reset`.
 */
import type { Db } from "../db/prisma.js";

/** Prunes tombstones older than `retentionDays`; returns how many were removed. */
export async function pruneTombstones(db: Db, retentionDays: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const pruned = await tx.$queryRaw<{ practiceId: string; maxVersion: bigint; count: bigint }[]>`
      WITH gone AS (DELETE FROM "Tombstone" WHERE "createdAt" < ${cutoff} RETURNING "practiceId", "version")
      SELECT "practiceId", MAX("version") AS "maxVersion", COUNT(*) AS "count" FROM gone GROUP BY "practiceId"`;
    for (const p of pruned) {
      await tx.$executeRaw`
        UPDATE "PracticeVersion" SET "minRetainedVersion" = GREATEST("minRetainedVersion", ${p.maxVersion})
        WHERE "practiceId" = ${p.practiceId}::uuid`;
    }
    return pruned.reduce((n, p) => n + Number(p.count), 0);
  });
}
