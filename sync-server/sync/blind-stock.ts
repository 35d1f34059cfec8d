/**
 * A blind count hides what is expected: while a blind session is IN_PROGRESS, the stock rows its scope
 * covers reach pullers without the counts override (STAFF, VIEWER) with `quantity: null`, because the
 * on-hand quantity of a key is exactly the expected quantity of its count. The count mutators give those
 * rows a new version when a blind session starts and when it closes (domains/counts/sessions.ts
 * resendScopedStock), so replicas that already held the quantity get the hidden row, and the real one
 * back afterwards (docs/blind-counts.md).
 *
 * These are fragments of the pull's one statement (pull-changes.ts), whose parameters are $1 the practice
 * and $4 whether the puller sees expected quantities.
 */

/**
 * The practice's open blind sessions, and the locations each one's scope covers (its location, with its
 * sub-locations when chosen). Computed once per page, and empty in a practice counting nothing blind.
 */
export const BLIND_SCOPE_CTES = `blind AS (
    SELECT s."id", s."locationId", s."includeSubLocations" FROM "CountSession" s
    WHERE s."practiceId" = $1::uuid AND s."blind" AND s."status" = 'IN_PROGRESS' AND NOT $4
  ), scope AS (
    SELECT b."id" AS "sessionId", b."locationId", b."includeSubLocations", 0 AS depth FROM blind b WHERE b."locationId" IS NOT NULL
    UNION ALL
    SELECT scope."sessionId", l."id", scope."includeSubLocations", scope.depth + 1 FROM "Location" l
    JOIN scope ON l."parentId" = scope."locationId"
    WHERE l."practiceId" = $1::uuid AND scope."includeSubLocations" AND scope.depth < 100
  )`;

/**
 * Whether the stock row `inv` lies in the scope of an open blind session this puller may not see through:
 * its location (any location for an items-only session) and its items (any item when it names none).
 */
export const blindCountedStock = (inv: string) => `EXISTS (
    SELECT 1 FROM blind b
    WHERE (b."locationId" IS NULL OR EXISTS (SELECT 1 FROM scope WHERE scope."sessionId" = b."id" AND scope."locationId" = ${inv}."locationId"))
      AND (NOT EXISTS (SELECT 1 FROM "CountSessionItem" ci WHERE ci."practiceId" = $1::uuid AND ci."sessionId" = b."id")
        OR EXISTS (SELECT 1 FROM "CountSessionItem" ci
          WHERE ci."practiceId" = $1::uuid AND ci."sessionId" = b."id" AND ci."itemId" = ${inv}."itemId")))`;

/** Whether the count session `sessionId` is blind and this puller may not see its expected figures. */
export const blindSession = (sessionId: string) =>
  `(NOT $4 AND EXISTS (SELECT 1 FROM "CountSession" s WHERE s."practiceId" = $1::uuid AND s."id" = ${sessionId} AND s."blind"))`;
