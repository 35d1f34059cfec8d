/**
 * The only way stock changes: a movement in the ledger and the matching change to the inventory row, in
 * the caller's transaction. The inventory row is locked first, the shared rule refuses negative stock,
 * and the database's CHECK constraint backs that up. Receipts, transfers and counts all come through here.
 */
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

/** Applies one movement; returns the inventory row's quantities before and after. */
export async function applyStockMovement(tx: Tx, m: Movement): Promise<{ inventoryId: string; before: number; after: number }> {
  const batchKey = m.batchId ?? NO_BATCH;
  // Create the row if needed without racing another writer, then lock it.
  await tx.$executeRaw`
    INSERT INTO "Inventory" ("id", "practiceId", "locationId", "itemId", "batchId", "batchKey", "quantity", "version", "updatedAt")
    VALUES (gen_random_uuid(), ${m.practiceId}::uuid, ${m.locationId}::uuid, ${m.itemId}::uuid, ${m.batchId}::uuid, ${batchKey}::uuid, 0, ${m.version}, now())
    ON CONFLICT ("practiceId", "locationId", "itemId", "batchKey") DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: string; quantity: number }[]>`
    SELECT "id", "quantity" FROM "Inventory"
    WHERE "practiceId" = ${m.practiceId}::uuid AND "locationId" = ${m.locationId}::uuid AND "itemId" = ${m.itemId}::uuid AND "batchKey" = ${batchKey}::uuid
    FOR UPDATE`;
  const row = rows[0]!;
  const after = quantityAfter(row.quantity, m.delta);
  await tx.inventory.update({ where: { id: row.id }, data: { quantity: after, version: m.version } });
  await tx.stockMovement.create({
    data: {
      practiceId: m.practiceId,
      inventoryId: row.id,
      locationId: m.locationId,
      itemId: m.itemId,
      batchId: m.batchId,
      kind: m.kind,
      delta: m.delta,
      reason: m.reason ?? null,
      reference: m.reference ?? null,
      actorId: m.actorId,
      mutationId: m.mutationId,
      version: m.version,
    },
  });
  return { inventoryId: row.id, before: row.quantity, after };
}
