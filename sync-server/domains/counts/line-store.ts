/**
 * The two statements a count line costs on push: one read of everything the rules need (session,
 * scope, location, item, batch, the stock row, its net movement since the device's view, the key's
 * standing lines and conflicts) and one write (the line, its supersession, the device's participation,
 * the key's conflicts and the audit row). A tablet pushes hundreds of lines after a day offline; with the
 * push's savepoint that is three round trips a line, never a query per lookup (bench/counts.ts).
 */
import { Prisma, type Tx } from "../../db/prisma.js";
import { insertAuditSql } from "../../audit/audit.js";
import type { CountConflictKind, CountResolution } from "../../../shared/counts/rules.js";

export interface LineKey {
  sessionId: string;
  itemId: string;
  locationId: string;
  batchId: string | null;
  seenVersion: number | null;
}

export interface StandingLine {
  id: string;
  clientId: string;
  userId: string;
  countedQuantity: number;
  needsRecount: boolean;
  movementSinceSeen: number;
  onHandAtPush: number;
  seenVersion: number | null;
}

export interface KeyConflict {
  id: string;
  kind: CountConflictKind;
  resolution: CountResolution | null;
  details: Record<string, unknown>;
}

export interface LineContext {
  session: {
    status: "IN_PROGRESS" | "COMPLETED" | "CANCELLED";
    completedById: string | null;
    completedAt: Date | null;
    cancelledAt: Date | null;
    recountThresholdUnits: number | null;
    recountThresholdPct: number | null;
  } | null;
  locationInScope: boolean;
  itemInScope: boolean;
  location: { name: string; archived: boolean } | null;
  item: { name: string; archived: boolean; batchTracked: boolean } | null;
  batchItemId: string | null;
  onHand: number;
  movementSinceSeen: number;
  standing: StandingLine[];
  conflicts: KeyConflict[];
}

interface ContextRow {
  status: "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | null;
  completedById: string | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  recountThresholdUnits: number | null;
  recountThresholdPct: number | null;
  locationInScope: boolean | null;
  itemInScope: boolean | null;
  locationName: string | null;
  locationArchived: boolean | null;
  itemName: string | null;
  itemArchived: boolean | null;
  batchTracked: boolean | null;
  batchItemId: string | null;
  onHand: number | null;
  net: bigint | number | null;
  standing: StandingLine[] | null;
  conflicts: KeyConflict[] | null;
}

/** Everything the rules judge a new line by, in one statement. */
export async function readLineContext(tx: Tx, practiceId: string, k: LineKey): Promise<LineContext> {
  return (await readLineContexts(tx, practiceId, [k]))[0]!;
}

/**
 * readLineContext for many keys, still one statement (a run of lines in a push chunk): the keys go in
 * as arrays and come back in their order. The single form is this with one key, so the rules read the
 * same thing either way.
 */
export async function readLineContexts(tx: Tx, practiceId: string, keys: readonly LineKey[]): Promise<LineContext[]> {
  // Nothing seen = every movement of the row is news to the device.
  const seen = keys.map((k) => String(k.seenVersion ?? -1));
  const rows = await tx.$queryRaw<ContextRow[]>`
    SELECT s."status"::text AS "status", s."completedById"::text AS "completedById", s."completedAt", s."cancelledAt",
      s."recountThresholdUnits", s."recountThresholdPct",
      (s."locationId" IS NULL OR s."locationId" = k."locationId" OR (s."includeSubLocations" AND EXISTS (
        WITH RECURSIVE up AS (
          SELECT l."id", l."parentId", 0 AS depth FROM "Location" l WHERE l."practiceId" = ${practiceId}::uuid AND l."id" = k."locationId"
          UNION ALL
          SELECT l."id", l."parentId", up.depth + 1 FROM "Location" l JOIN up ON l."id" = up."parentId"
          WHERE l."practiceId" = ${practiceId}::uuid AND up.depth < 100
        ) SELECT 1 FROM up WHERE up."id" = s."locationId"))) AS "locationInScope",
      (NOT EXISTS (SELECT 1 FROM "CountSessionItem" ci WHERE ci."practiceId" = ${practiceId}::uuid AND ci."sessionId" = s."id")
        OR EXISTS (SELECT 1 FROM "CountSessionItem" ci WHERE ci."practiceId" = ${practiceId}::uuid AND ci."sessionId" = s."id" AND ci."itemId" = k."itemId")) AS "itemInScope",
      loc."name" AS "locationName", loc."archived" AS "locationArchived",
      it."name" AS "itemName", it."archived" AS "itemArchived", it."batchTracked",
      b."itemId"::text AS "batchItemId",
      inv."quantity" AS "onHand",
      (SELECT COALESCE(SUM(m."delta"), 0) FROM "StockMovement" m
        WHERE m."practiceId" = ${practiceId}::uuid AND m."inventoryId" = inv."id" AND m."version" > k."seen") AS "net",
      (SELECT json_agg(json_build_object(
          'id', l."id", 'clientId', l."clientId", 'userId', l."userId", 'countedQuantity', l."countedQuantity", 'needsRecount', l."needsRecount",
          'movementSinceSeen', l."movementSinceSeen", 'onHandAtPush', l."onHandAtPush", 'seenVersion', l."seenVersion") ORDER BY l."version", l."createdAt")
        FROM "CountLine" l
        WHERE l."practiceId" = ${practiceId}::uuid AND l."sessionId" = k."sessionId" AND l."itemId" = k."itemId"
          AND l."locationId" = k."locationId" AND l."batchId" IS NOT DISTINCT FROM k."batchId" AND l."supersededById" IS NULL) AS "standing",
      (SELECT json_agg(json_build_object('id', c."id", 'kind', c."kind", 'resolution', c."resolution", 'details', c."details"))
        FROM "CountConflict" c
        WHERE c."practiceId" = ${practiceId}::uuid AND c."sessionId" = k."sessionId" AND c."itemId" = k."itemId"
          AND c."locationId" = k."locationId" AND c."batchId" IS NOT DISTINCT FROM k."batchId") AS "conflicts"
    FROM unnest(${keys.map((k) => k.sessionId)}::uuid[], ${keys.map((k) => k.itemId)}::uuid[], ${keys.map((k) => k.locationId)}::uuid[],
                ${keys.map((k) => k.batchId)}::uuid[], ${seen}::bigint[]) WITH ORDINALITY AS k("sessionId", "itemId", "locationId", "batchId", "seen", n)
    LEFT JOIN "CountSession" s ON s."practiceId" = ${practiceId}::uuid AND s."id" = k."sessionId"
    LEFT JOIN "Location" loc ON loc."practiceId" = ${practiceId}::uuid AND loc."id" = k."locationId"
    LEFT JOIN "Item" it ON it."practiceId" = ${practiceId}::uuid AND it."id" = k."itemId"
    LEFT JOIN "Batch" b ON b."practiceId" = ${practiceId}::uuid AND b."id" = k."batchId"
    LEFT JOIN "Inventory" inv ON inv."practiceId" = ${practiceId}::uuid AND inv."locationId" = k."locationId"
      AND inv."itemId" = k."itemId" AND inv."batchKey" = COALESCE(k."batchId", '00000000-0000-0000-0000-000000000000'::uuid)
    ORDER BY k.n`;
  return rows.map(toContext);
}

function toContext(r: ContextRow): LineContext {
  return {
    session: r.status
      ? {
          status: r.status,
          completedById: r.completedById,
          completedAt: r.completedAt,
          cancelledAt: r.cancelledAt,
          recountThresholdUnits: r.recountThresholdUnits,
          recountThresholdPct: r.recountThresholdPct,
        }
      : null,
    locationInScope: r.locationInScope ?? false,
    itemInScope: r.itemInScope ?? false,
    location: r.locationName !== null ? { name: r.locationName, archived: r.locationArchived ?? false } : null,
    item: r.itemName !== null ? { name: r.itemName, archived: r.itemArchived ?? false, batchTracked: r.batchTracked ?? false } : null,
    batchItemId: r.batchItemId,
    onHand: r.onHand ?? 0,
    movementSinceSeen: r.onHand === null ? 0 : Number(r.net ?? 0),
    standing: (r.standing ?? []).map((l) => ({ ...l, seenVersion: l.seenVersion === null ? null : Number(l.seenVersion) })),
    conflicts: r.conflicts ?? [],
  };
}

export interface NewLine {
  id: string;
  sessionId: string;
  clientId: string;
  userId: string;
  itemId: string;
  locationId: string;
  batchId: string | null;
  countedQuantity: number;
  seenVersion: number | null;
  seenQuantity: number | null;
  movementSinceSeen: number;
  onHandAtPush: number;
  needsRecount: boolean;
}

/** A change to one of the key's conflicts: a new one, or an existing one reopened / re-detailed / settled. */
export type ConflictWrite =
  | { op: "insert"; kind: CountConflictKind; details: Record<string, unknown> }
  | { op: "update"; id: string; details: Record<string, unknown>; resolution: CountResolution | null; settled: boolean };

export interface WriteContext {
  practiceId: string;
  version: bigint;
  requestId: string;
  mutationId: string;
}

/** One line to write: who pushed it, the line, the device's own older lines it supersedes, its key's conflict changes. */
export interface LineWrite {
  w: WriteContext;
  line: NewLine;
  supersedes: string[];
  conflicts: ConflictWrite[];
}

/** The line and everything it changes, in one statement. */
export async function writeLine(tx: Tx, w: WriteContext, line: NewLine, supersedes: string[], conflicts: ConflictWrite[]): Promise<void> {
  await writeLines(tx, [{ w, line, supersedes, conflicts }]);
}

/**
 * Many lines (of distinct keys, one practice and version: a run in a push chunk) and everything they
 * change, still one statement: each table gets one multi-row insert or update. writeLine is this with
 * one line, so both paths write the same rows.
 */
export async function writeLines(tx: Tx, writes: readonly LineWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const { practiceId: p, version } = writes[0]!.w;
  const lines = writes.map((x) => x.line);
  const participants = [...new Map(lines.map((l) => [`${l.sessionId}|${l.clientId}`, l])).values()];
  const parts: Prisma.Sql[] = [
    Prisma.sql`line AS (
      INSERT INTO "CountLine" ("id", "practiceId", "sessionId", "clientId", "userId", "itemId", "locationId", "batchId", "countedQuantity",
        "seenVersion", "seenQuantity", "movementSinceSeen", "onHandAtPush", "needsRecount", "version")
      VALUES ${Prisma.join(
        lines.map(
          (
            line,
          ) => Prisma.sql`(${line.id}::uuid, ${p}::uuid, ${line.sessionId}::uuid, ${line.clientId}::uuid, ${line.userId}::uuid, ${line.itemId}::uuid,
        ${line.locationId}::uuid, ${line.batchId}::uuid, ${line.countedQuantity}::int, ${line.seenVersion === null ? null : BigInt(line.seenVersion)}::bigint,
        ${line.seenQuantity}::int, ${line.movementSinceSeen}::int, ${line.onHandAtPush}::int, ${line.needsRecount}, ${version})`,
        ),
      )})`,
    Prisma.sql`joined AS (
      INSERT INTO "CountParticipant" ("practiceId", "sessionId", "clientId", "userId")
      VALUES ${Prisma.join(participants.map((l) => Prisma.sql`(${p}::uuid, ${l.sessionId}::uuid, ${l.clientId}::uuid, ${l.userId}::uuid)`))}
      ON CONFLICT DO NOTHING)`,
    Prisma.sql`audited AS (${insertAuditSql(
      writes.map(({ w, line, supersedes }) => ({
        practiceId: p,
        actorId: line.userId,
        action: "count.recordLine",
        entity: "countLine",
        entityId: line.id,
        changes: {
          sessionId: line.sessionId,
          clientId: line.clientId,
          itemId: line.itemId,
          locationId: line.locationId,
          batchId: line.batchId,
          counted: line.countedQuantity,
          seenVersion: line.seenVersion,
          onHandAtPush: line.onHandAtPush,
          movementSinceSeen: line.movementSinceSeen,
          needsRecount: line.needsRecount,
          supersedes,
        },
        requestId: w.requestId,
        mutationId: w.mutationId,
      })),
    )})`,
  ];
  const superseded = writes.flatMap((x) => x.supersedes.map((id) => ({ id, by: x.line.id })));
  if (superseded.length) {
    parts.push(Prisma.sql`superseded AS (
      UPDATE "CountLine" AS l SET "supersededById" = u."by", "version" = ${version}
      FROM unnest(${superseded.map((x) => x.id)}::uuid[], ${superseded.map((x) => x.by)}::uuid[]) AS u("id", "by")
      WHERE l."practiceId" = ${p}::uuid AND l."id" = u."id")`);
  }
  const conflicts = writes.flatMap(({ line, conflicts: cs }) => cs.map((c) => ({ line, c })));
  const inserts = conflicts.flatMap(({ line, c }) => (c.op === "insert" ? [{ line, c }] : []));
  const updates = conflicts.flatMap(({ c }) => (c.op === "update" ? [c] : []));
  if (inserts.length) {
    parts.push(Prisma.sql`conflicts_new AS (
      INSERT INTO "CountConflict" ("id", "practiceId", "sessionId", "itemId", "locationId", "batchId", "kind", "details", "version")
      VALUES ${Prisma.join(
        inserts.map(
          ({
            line,
            c,
          }) => Prisma.sql`(gen_random_uuid(), ${p}::uuid, ${line.sessionId}::uuid, ${line.itemId}::uuid, ${line.locationId}::uuid, ${line.batchId}::uuid,
          ${c.kind}::"CountConflictKind", ${JSON.stringify(c.details)}::jsonb, ${version})`,
        ),
      )})`);
  }
  if (updates.length) {
    // Settled by agreement: resolved with nobody's name on it (details.agreed says why).
    parts.push(Prisma.sql`conflicts_changed AS (
      UPDATE "CountConflict" AS c SET "details" = u."details", "resolution" = u."resolution"::"CountResolution",
        "resolvedById" = NULL, "resolvedAt" = CASE WHEN u."settled" THEN now() END, "version" = ${version}
      FROM unnest(${updates.map((c) => c.id)}::uuid[], ${updates.map((c) => JSON.stringify(c.details))}::jsonb[],
                  ${updates.map((c) => c.resolution)}::text[], ${updates.map((c) => c.settled)}::boolean[]) AS u("id", "details", "resolution", "settled")
      WHERE c."practiceId" = ${p}::uuid AND c."id" = u."id")`);
  }
  await tx.$executeRaw`WITH ${Prisma.join(parts, ", ")} SELECT 1`;
}
