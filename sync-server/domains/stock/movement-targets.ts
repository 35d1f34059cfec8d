/**
 * The checks before a stock movement, read in ONE statement: the location and the item with their
 * archived flags, and the batch when one is named. The push profile showed each ORM query costing about
 * twice a raw one and every statement a round trip; stock.adjust ran three look-ups before its ledger
 * write. The verdicts stay with the shared rules (assertLocationActive, assertItemActive,
 * assertBatchChoice) and the repository's batch check, in the order the mutators always applied them,
 * so the messages and codes are the same as the tablet's.
 */
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import { assertLocationActive } from "../../../shared/locations/rules.js";
import { assertBatchChoice } from "../../../shared/stock/rules.js";
import type { Tx } from "../../db/prisma.js";
import { assertBatchFound } from "../catalogue/items-repository.js";

interface TargetsRow {
  locationName: string | null;
  locationArchived: boolean | null;
  itemName: string | null;
  itemArchived: boolean | null;
  batchTracked: boolean | null;
  batchFound: boolean;
}

/** The active location and item of a movement, its batch checked against the item; throws the shared rules' errors. */
export async function movementTargets(tx: Tx, practiceId: string, locationId: string, itemId: string, batchId: string | null) {
  const rows = await tx.$queryRaw<TargetsRow[]>`
    SELECT l."name" AS "locationName", l."archived" AS "locationArchived",
           i."name" AS "itemName", i."archived" AS "itemArchived", i."batchTracked" AS "batchTracked",
           EXISTS (SELECT 1 FROM "Batch" b WHERE b."practiceId" = ${practiceId}::uuid AND b."id" = ${batchId}::uuid AND b."itemId" = ${itemId}::uuid) AS "batchFound"
    FROM (SELECT 1) AS one
    LEFT JOIN "Location" l ON l."practiceId" = ${practiceId}::uuid AND l."id" = ${locationId}::uuid
    LEFT JOIN "Item" i ON i."practiceId" = ${practiceId}::uuid AND i."id" = ${itemId}::uuid`;
  return judgeTargets(rows[0]!, locationId, itemId, batchId);
}

export interface TargetKey {
  locationId: string;
  itemId: string;
  batchId: string | null;
}

/**
 * movementTargets for many movements in ONE statement (a run of stock.adjust in a push): each key is
 * judged by the same rules in the given order, so the first one that fails throws what the single
 * check would have thrown for it.
 */
export async function movementTargetsMany(tx: Tx, practiceId: string, keys: readonly TargetKey[]): Promise<void> {
  const rows = await tx.$queryRaw<(TargetsRow & { n: bigint })[]>`
    SELECT k.n, l."name" AS "locationName", l."archived" AS "locationArchived",
           i."name" AS "itemName", i."archived" AS "itemArchived", i."batchTracked" AS "batchTracked",
           EXISTS (SELECT 1 FROM "Batch" b WHERE b."practiceId" = ${practiceId}::uuid AND b."id" = k."batchId" AND b."itemId" = k."itemId") AS "batchFound"
    FROM unnest(${keys.map((k) => k.locationId)}::uuid[], ${keys.map((k) => k.itemId)}::uuid[], ${keys.map((k) => k.batchId)}::uuid[])
         WITH ORDINALITY AS k("locationId", "itemId", "batchId", n)
    LEFT JOIN "Location" l ON l."practiceId" = ${practiceId}::uuid AND l."id" = k."locationId"
    LEFT JOIN "Item" i ON i."practiceId" = ${practiceId}::uuid AND i."id" = k."itemId"
    ORDER BY k.n`;
  rows.forEach((r, i) => judgeTargets(r, keys[i]!.locationId, keys[i]!.itemId, keys[i]!.batchId));
}

function judgeTargets(r: TargetsRow, locationId: string, itemId: string, batchId: string | null) {
  const location = assertLocationActive(
    r.locationName === null ? null : { id: locationId, name: r.locationName, archived: r.locationArchived === true },
  );
  const item = assertItemActive(
    r.itemName === null ? null : { id: itemId, name: r.itemName, archived: r.itemArchived === true, batchTracked: r.batchTracked === true },
  );
  assertBatchChoice(item, batchId);
  if (batchId) assertBatchFound(r.batchFound);
  return { location, item };
}
