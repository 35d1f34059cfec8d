/**
 * The per-practice version counter. `nextVersion` increments it with UPDATE … RETURNING, which keeps
 * the counter row locked until the transaction ends: every writer of a practice waits for the previous
 * one to commit, so versions become visible in order and a pull cursor never skips a late row.
 * It also serialises a practice's writes, which is what makes the business checks race-free.
 * This is the one practice lock: push takes it before every mutator runs (MutatorContext documents it),
 * so mutators and the services they call take no practice lock of their own.
 */
import type { Tx } from "../db/prisma.js";

export async function nextVersion(tx: Tx, practiceId: string): Promise<bigint> {
  const rows = await tx.$queryRaw<{ version: bigint }[]>`
    UPDATE "PracticeVersion" SET "version" = "version" + 1 WHERE "practiceId" = ${practiceId}::uuid RETURNING "version"`;
  const row = rows[0];
  if (!row) throw new Error(`Practice ${practiceId} has no version counter.`);
  return row.version;
}
