/**
 * A blind count hides what is expected: while a blind session is IN_PROGRESS, the stock rows its scope
 * covers reach pullers without the counts override (STAFF, VIEWER) with `quantity: null`, because the
 * on-hand quantity of a key is exactly the expected quantity of its count. The count mutators give those
 * rows a new version when a blind session starts and when it closes (domains/counts/sessions.ts
 * resendScopedStock), so replicas that already held the quantity get the hidden row, and the real one
 * back afterwards (docs/blind-counts.md).
 *
 * These are fragments of the pull's one statement (pull-page.ts), whose parameters are $1 the practice
 * and $4 whether the puller sees expected quantities.
 */

/**
 * For a puller who may not see expected quantities: the practice's blind sessions (any status: their
 * lines and conflicts keep their figures hidden), the open ones among them, and the locations each open
 * one's scope covers (its location, with its sub-locations when chosen). Computed once per page, and
 * empty for an admin or in a practice counting nothing blind.
 */
export const BLIND_SCOPE_CTES = `blind_sessions AS (
    SELECT s."id", s."status", s."locationId", s."includeSubLocations" FROM "CountSession" s
    WHERE s."practiceId" = $1::uuid AND s."blind" AND NOT $4
  ), blind AS (
    SELECT b."id", b."locationId", b."includeSubLocations" FROM blind_sessions b WHERE b."status" = 'IN_PROGRESS'
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
export const blindSession = (sessionId: string) => `(${sessionId} IN (SELECT "id" FROM blind_sessions))`;
