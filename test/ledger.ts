/** Checks the stock ledger invariant over a whole database: on hand = sum of movements, never negative. */
import type { Db } from "../sync-server/db/prisma.js";

export async function ledgerViolations(db: Db) {
  return db.$queryRaw<{ id: string; quantity: number; ledger: bigint | null }[]>`
    SELECT i."id", i."quantity", m.total AS ledger
    FROM "Inventory" i
    LEFT JOIN (SELECT "inventoryId", SUM("delta") AS total FROM "StockMovement" GROUP BY "inventoryId") m ON m."inventoryId" = i."id"
    WHERE i."quantity" <> COALESCE(m.total, 0) OR i."quantity" < 0`;
}
