/**
 * The only way stock changes: a movement in the ledger and the matching change to the inventory row, in
 * the caller's transaction. The inventory row is locked first, the shared rule refuses negative stock,
 * and the database's CHECK constraint backs that up. Receipts, transfers and counts all come through here.
 */
import { randomUUID } from "node:crypto";
import { quantityAfter } from "../../../shared/stock/rules.js";
import type { Tx } from "../../db/prisma.js";
import type { MovementKind } from "../../db/generated/enums.js";

const NO_BATCH = "00000000-0000-0000-0000-000000000000";

export interface Movement {
  practiceId: string;
  locationId: string;
  itemId: string;
  batchId: string | null;
  kind: MovementKind;
  delta: number;
  reason?: string | null;
  reference?: string | null;
  actorId: string | null;
  mutationId: string | null;
  version: bigint;
}

/**
 * Applies one movement; returns the inventory row's quantities before and after.
 *
 * One round trip: a locked upsert of the inventory row and the movement insert, as one statement. The
 * upsert creates the row if needed without racing another writer (ON CONFLICT locks the existing row,
 * even when its WHERE refuses the update), and only applies a change that keeps stock non-negative; the
 * movement is inserted only for a change that was applied. The push path runs this for most mutations,
 * so the former four statements (insert, select for update, update, insert) were a quarter of its time.
 */
export async function applyStockMovement(tx: Tx, m: Movement): Promise<{ inventoryId: string; before: number; after: number }> {
  const batchKey = m.batchId ?? NO_BATCH;
  // A new row taking a removal starts at 0 (inserted) and the removal is refused below, as it would be
  // against an existing row at 0; the caller's savepoint undoes the empty row with the rest.
  const rows = await tx.$queryRaw<{ id: string; quantity: number; inserted: boolean }[]>`
    WITH up AS (
      INSERT INTO "Inventory" AS i ("id", "practiceId", "locationId", "itemId", "batchId", "batchKey", "quantity", "version", "updatedAt")
      VALUES (gen_random_uuid(), ${m.practiceId}::uuid, ${m.locationId}::uuid, ${m.itemId}::uuid, ${m.batchId}::uuid, ${batchKey}::uuid,
              GREATEST(${m.delta}::int, 0), ${m.version}, now())
      ON CONFLICT ("practiceId", "locationId", "itemId", "batchKey")
      DO UPDATE SET "quantity" = i."quantity" + ${m.delta}::int, "version" = ${m.version}, "updatedAt" = now()
        WHERE i."quantity" + ${m.delta}::int >= 0
      RETURNING i."id", i."quantity", (i.xmax = 0) AS "inserted"
    ), movement AS (
      INSERT INTO "StockMovement" ("id", "practiceId", "inventoryId", "locationId", "itemId", "batchId", "kind", "delta", "reason", "reference", "actorId", "mutationId", "version")
      SELECT gen_random_uuid(), ${m.practiceId}::uuid, up."id", ${m.locationId}::uuid, ${m.itemId}::uuid, ${m.batchId}::uuid,
             ${m.kind}::"MovementKind", ${m.delta}::int, ${m.reason ?? null}, ${m.reference ?? null}, ${m.actorId}::uuid, ${m.mutationId}::uuid, ${m.version}
      FROM up WHERE NOT (up."inserted" AND ${m.delta}::int < 0)
    )
    SELECT "id", "quantity", "inserted" FROM up`;
  const row = rows[0];
  if (row && !(row.inserted && m.delta < 0)) {
    return { inventoryId: row.id, before: row.inserted ? 0 : row.quantity - m.delta, after: row.quantity };
  }
  // Refused: the row exists (and is locked by the upsert above) but holds too little.
  const current = row ? 0 : await currentQuantity(tx, m, batchKey);
  quantityAfter(current, m.delta); // throws INSUFFICIENT_STOCK with the shared message
  throw new Error(`Stock movement refused without a reason (${current} ${m.delta >= 0 ? "+" : ""}${m.delta}).`);
}

async function currentQuantity(tx: Tx, m: Movement, batchKey: string): Promise<number> {
  const rows = await tx.$queryRaw<{ quantity: number }[]>`
    SELECT "quantity" FROM "Inventory"
    WHERE "practiceId" = ${m.practiceId}::uuid AND "locationId" = ${m.locationId}::uuid AND "itemId" = ${m.itemId}::uuid AND "batchKey" = ${batchKey}::uuid`;
  return rows[0]?.quantity ?? 0;
}

export interface AppliedMovement {
  inventoryId: string;
  before: number;
  after: number;
}

/**
 * Applies many movements, in order, as applying each with applyStockMovement would: the same rows and
 * quantities, and the same refusal (INSUFFICIENT_STOCK, thrown before anything is written) for the
 * first movement that would take stock below zero. Three statements however many movements: lock the
 * inventory rows they touch, then upsert each row once with its final quantity and insert every movement
 * in one statement. The running balance is computed here from the locked quantities, in movement order,
 * so a removal that only a later receipt would cover is refused, as it would be one by one.
 */
export async function applyStockMovements(tx: Tx, movements: readonly Movement[]): Promise<AppliedMovement[]> {
  if (movements.length === 0) return [];
  const { practiceId, version } = movements[0]!;
  // One push chunk's run: one practice, one version (the statement below writes them once).
  if (movements.some((m) => m.practiceId !== practiceId || m.version !== version))
    throw new Error("applyStockMovements: mixed practices or versions.");
  const key = (m: Movement) => `${m.locationId}|${m.itemId}|${m.batchId ?? NO_BATCH}`;
  const distinct = [...new Map(movements.map((m) => [key(m), m])).values()];
  const locked = await tx.$queryRaw<{ id: string; locationId: string; itemId: string; batchKey: string; quantity: number }[]>`
    SELECT i."id"::text AS "id", i."locationId"::text AS "locationId", i."itemId"::text AS "itemId", i."batchKey"::text AS "batchKey", i."quantity"
    FROM "Inventory" i
    JOIN unnest(${distinct.map((m) => m.locationId)}::uuid[], ${distinct.map((m) => m.itemId)}::uuid[], ${distinct.map((m) => m.batchId ?? NO_BATCH)}::uuid[])
         AS k("locationId", "itemId", "batchKey")
      ON i."locationId" = k."locationId" AND i."itemId" = k."itemId" AND i."batchKey" = k."batchKey"
    WHERE i."practiceId" = ${practiceId}::uuid
    FOR UPDATE OF i`;
  const rows = new Map<string, { id: string; quantity: number }>(
    locked.map((r) => [`${r.locationId}|${r.itemId}|${r.batchKey}`, { id: r.id, quantity: r.quantity }]),
  );
  const applied = movements.map((m) => {
    let row = rows.get(key(m));
    if (!row) rows.set(key(m), (row = { id: randomUUID(), quantity: 0 }));
    const before = row.quantity;
    row.quantity = quantityAfter(before, m.delta); // throws INSUFFICIENT_STOCK with the shared message
    return { inventoryId: row.id, before, after: row.quantity };
  });
  const finals = distinct.map((m) => ({ m, row: rows.get(key(m))! }));
  await tx.$executeRaw`
    WITH up AS (
      INSERT INTO "Inventory" AS i ("id", "practiceId", "locationId", "itemId", "batchId", "batchKey", "quantity", "version", "updatedAt")
      SELECT u."id", ${practiceId}::uuid, u."locationId", u."itemId", u."batchId", COALESCE(u."batchId", ${NO_BATCH}::uuid), u."quantity", ${version}, now()
      FROM unnest(${finals.map((f) => f.row.id)}::uuid[], ${finals.map((f) => f.m.locationId)}::uuid[], ${finals.map((f) => f.m.itemId)}::uuid[],
                  ${finals.map((f) => f.m.batchId)}::uuid[], ${finals.map((f) => f.row.quantity)}::int[])
           AS u("id", "locationId", "itemId", "batchId", "quantity")
      ON CONFLICT ("practiceId", "locationId", "itemId", "batchKey")
      DO UPDATE SET "quantity" = EXCLUDED."quantity", "version" = EXCLUDED."version", "updatedAt" = now()
    )
    INSERT INTO "StockMovement" ("id", "practiceId", "inventoryId", "locationId", "itemId", "batchId", "kind", "delta", "reason", "reference", "actorId", "mutationId", "version")
    SELECT gen_random_uuid(), ${practiceId}::uuid, v."inventoryId", v."locationId", v."itemId", v."batchId", v."kind"::"MovementKind", v."delta",
           v."reason", v."reference", v."actorId", v."mutationId", ${version}
    FROM unnest(${applied.map((a) => a.inventoryId)}::uuid[], ${movements.map((m) => m.locationId)}::uuid[], ${movements.map((m) => m.itemId)}::uuid[],
                ${movements.map((m) => m.batchId)}::uuid[], ${movements.map((m) => m.kind)}::text[], ${movements.map((m) => m.delta)}::int[],
                ${movements.map((m) => m.reason ?? null)}::text[], ${movements.map((m) => m.reference ?? null)}::text[],
                ${movements.map((m) => m.actorId)}::uuid[], ${movements.map((m) => m.mutationId)}::uuid[])
         AS v("inventoryId", "locationId", "itemId", "batchId", "kind", "delta", "reason", "reference", "actorId", "mutationId")`;
  return applied;
}
