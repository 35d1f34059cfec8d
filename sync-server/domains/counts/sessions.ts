/**
 * Reading count sessions on the server: the session with its scope, who closed it, and the stock rows
 * its scope covers. Mutators and read endpoints share these (every query scoped by practiceId).
 */
import { assertSessionOpen } from "../../../shared/counts/rules.js";
import { Prisma, type Tx } from "../../db/prisma.js";

export async function loadSession(tx: Tx, practiceId: string, sessionId: string) {
  const session = await tx.countSession.findFirst({
    where: { practiceId, id: sessionId },
    select: {
      id: true,
      status: true,
      locationId: true,
      includeSubLocations: true,
      blind: true,
      completedById: true,
      completedAt: true,
      cancelledAt: true,
      recountThresholdUnits: true,
      recountThresholdPct: true,
      items: { select: { itemId: true } },
    },
  });
  return session ? { ...session, itemIds: session.items.map((i) => i.itemId) } : null;
}
export type LoadedSession = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

/** The name of whoever completed the session (for "already completed by X at T"); null when unknown. */
export async function closerName(tx: Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const user = await tx.user.findFirst({ where: { id: userId }, select: { name: true } });
  return user?.name ?? null;
}

/** Refuses with SESSION_CLOSED (naming who completed it and when) unless the session is open. */
export async function assertOpen(tx: Tx, session: LoadedSession | null): Promise<LoadedSession> {
  if (session && session.status !== "IN_PROGRESS") assertSessionOpen(session, await closerName(tx, session.completedById));
  assertSessionOpen(session);
  return session!;
}

export interface ScopedStock {
  inventoryId: string;
  locationId: string;
  itemId: string;
  batchId: string | null;
  quantity: number;
}

/** The SQL condition "stock row i is in the session's scope" (its location, sub-locations if chosen, its items if listed). */
function scopeFilter(practiceId: string, session: Pick<LoadedSession, "locationId" | "includeSubLocations" | "itemIds">): Prisma.Sql {
  const locationFilter = session.locationId
    ? Prisma.sql`AND i."locationId" IN (
        WITH RECURSIVE down AS (
          SELECT l."id", 0 AS depth FROM "Location" l WHERE l."practiceId" = ${practiceId}::uuid AND l."id" = ${session.locationId}::uuid
          UNION ALL
          SELECT l."id", down.depth + 1 FROM "Location" l JOIN down ON l."parentId" = down."id"
          WHERE l."practiceId" = ${practiceId}::uuid AND ${session.includeSubLocations} AND down.depth < 100
        ) SELECT "id" FROM down)`
    : Prisma.empty;
  const itemFilter = session.itemIds.length ? Prisma.sql`AND i."itemId" = ANY(${session.itemIds}::uuid[])` : Prisma.empty;
  return Prisma.sql`${locationFilter} ${itemFilter}`;
}

/** Every stock row the session's scope covers. */
export async function stockInScope(tx: Tx, practiceId: string, session: LoadedSession): Promise<ScopedStock[]> {
  return tx.$queryRaw<ScopedStock[]>`
    SELECT i."id"::text AS "inventoryId", i."locationId"::text AS "locationId", i."itemId"::text AS "itemId", i."batchId"::text AS "batchId", i."quantity"
    FROM "Inventory" i WHERE i."practiceId" = ${practiceId}::uuid ${scopeFilter(practiceId, session)}`;
}

/**
 * A blind session starting or closing: every stock row in its scope takes `version`, so the next pull
 * sends it again, without its quantity to non-admins while the session runs and with it once it closed
 * (sync/blind-stock.ts shapes the rows; docs/blind-counts.md). The quantity is untouched and no movement is
 * written: a tablet's seen version stays a true point in the row's history.
 */
export async function resendScopedStock(
  tx: Tx,
  practiceId: string,
  session: Pick<LoadedSession, "locationId" | "includeSubLocations" | "itemIds">,
  version: bigint,
): Promise<void> {
  await tx.$executeRaw`UPDATE "Inventory" i SET "version" = ${version} WHERE i."practiceId" = ${practiceId}::uuid ${scopeFilter(practiceId, session)}`;
}
