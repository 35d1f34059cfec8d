/**
 * Everything a practice owns, read straight from every table that has a practiceId column: comparing
 * two snapshots proves an attack changed nothing. New tables are included automatically.
 */
import type { Db } from "../sync-server/db/prisma.js";

export async function practiceSnapshot(db: Db, practiceId: string): Promise<string> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'practiceId' ORDER BY table_name`;
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(
      `SELECT to_jsonb(t) AS row FROM "${table_name}" t WHERE "practiceId" = $1::uuid ORDER BY to_jsonb(t)::text`,
      practiceId,
    );
    parts.push(`${table_name}:${JSON.stringify(rows)}`);
  }
  return parts.join("\n");
}
