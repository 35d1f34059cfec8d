/**
 * A blind count hides what is expected: while a blind session is IN_PROGRESS, the stock rows its scope
 * covers reach pullers without the counts override (STAFF, VIEWER) with `quantity: null`, because the
 * on-hand quantity of a key is exactly the expected quantity of its count. The count mutators give those
 * rows a new version when a blind session starts and when it closes (domains/counts/sessions.ts
 * resendScopedStock), so replicas that already held the quantity get the hidden row, and the real one
 * back afterwards (docs/blind-counts.md).
 */
import type { Tx } from "../db/prisma.js";

/**
 * The ids among `inventoryIds` that lie in the scope of an open blind session of the practice: its
 * location (with sub-locations when chosen; any location for an items-only session) and its items
 * (any item when it names none). One statement; none when the practice has no open blind session.
 */
export async function blindCountedInventory(tx: Tx, practiceId: string, inventoryIds: readonly string[]): Promise<Set<string>> {
  if (!inventoryIds.length) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE blind AS (
      SELECT s."id", s."locationId", s."includeSubLocations" FROM "CountSession" s
      WHERE s."practiceId" = ${practiceId}::uuid AND s."blind" AND s."status" = 'IN_PROGRESS'
    ), scope AS (
      SELECT b."id" AS "sessionId", b."locationId", b."includeSubLocations", 0 AS depth FROM blind b WHERE b."locationId" IS NOT NULL
      UNION ALL
      SELECT scope."sessionId", l."id", scope."includeSubLocations", scope.depth + 1 FROM "Location" l
      JOIN scope ON l."parentId" = scope."locationId"
      WHERE l."practiceId" = ${practiceId}::uuid AND scope."includeSubLocations" AND scope.depth < 100
    )
    SELECT i."id"::text AS "id" FROM "Inventory" i
    WHERE i."practiceId" = ${practiceId}::uuid AND i."id" = ANY(${[...inventoryIds]}::uuid[])
      AND EXISTS (
        SELECT 1 FROM blind b
        WHERE (b."locationId" IS NULL OR EXISTS (SELECT 1 FROM scope WHERE scope."sessionId" = b."id" AND scope."locationId" = i."locationId"))
          AND (NOT EXISTS (SELECT 1 FROM "CountSessionItem" ci WHERE ci."practiceId" = ${practiceId}::uuid AND ci."sessionId" = b."id")
            OR EXISTS (SELECT 1 FROM "CountSessionItem" ci
              WHERE ci."practiceId" = ${practiceId}::uuid AND ci."sessionId" = b."id" AND ci."itemId" = i."itemId")))`;
  return new Set(rows.map((r) => r.id));
}
