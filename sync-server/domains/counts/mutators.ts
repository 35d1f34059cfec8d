/**
 * Server side of the count mutations. The rules are the shared ones (shared/counts/rules.ts); push holds
 * the practice's version lock, so a line, a completion and a stock movement of the same practice never
 * interleave: two completers take turns, and the second finds the session closed.
 */
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { assertLocationActive } from "../../../shared/locations/rules.js";
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import { assertBatchChoice } from "../../../shared/stock/rules.js";
import {
  assertInScope,
  assertScope,
  assertSessionOpen,
  COUNT_LINE_CODES,
  isDoubleCount,
  needsRecount,
  type ActiveCount,
} from "../../../shared/counts/rules.js";
import { locationsRepo } from "../locations/repository.js";
import type { MutatorContext, MutatorResult, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import { recordLinesBatch } from "./line-batch.js";
import {
  readLineContext,
  writeLine,
  type ConflictWrite,
  type KeyConflict,
  type LineContext,
  type NewLine,
  type StandingLine,
} from "./line-store.js";
import { assertOpen, closerName, loadSession, resendScopedStock } from "./sessions.js";
import { completeSession } from "./completion.js";

export async function startCount(ctx: MutatorContext, args: MutationArgs<"count.start">) {
  const { tx, practiceId } = ctx;
  const itemIds = [...new Set(args.itemIds)];
  assertScope({ locationId: args.locationId, itemIds });
  if (args.locationId) await locationsRepo(tx).getActive(practiceId, args.locationId);
  if (itemIds.length) {
    const found = await tx.item.findMany({ where: { practiceId, id: { in: itemIds } }, select: { id: true, name: true, archived: true } });
    const byId = new Map(found.map((i) => [i.id, i]));
    for (const id of itemIds) assertItemActive(byId.get(id));
  }
  await tx.countSession.create({
    data: {
      id: args.id,
      practiceId,
      locationId: args.locationId,
      includeSubLocations: args.includeSubLocations,
      blind: args.blind,
      recountThresholdUnits: args.recountThreshold?.kind === "units" ? args.recountThreshold.value : null,
      recountThresholdPct: args.recountThreshold?.kind === "percent" ? args.recountThreshold.value : null,
      name: args.name,
      note: args.note,
      startedById: ctx.userId,
      version: ctx.version,
    },
  });
  if (itemIds.length) await tx.countSessionItem.createMany({ data: itemIds.map((itemId) => ({ practiceId, sessionId: args.id, itemId })) });
  // A blind count: the stock rows in scope go out again, without their quantities to counters (sync/blind-stock.ts).
  if (args.blind)
    await resendScopedStock(
      tx,
      practiceId,
      { locationId: args.locationId, includeSubLocations: args.includeSubLocations, itemIds },
      ctx.version,
    );
  // The starting device has joined.
  await tx.countParticipant.create({ data: { practiceId, sessionId: args.id, clientId: ctx.clientId, userId: ctx.userId } });
  await ctx.audit("count.start", "countSession", args.id, {
    locationId: args.locationId,
    includeSubLocations: args.includeSubLocations,
    itemIds,
    blind: args.blind,
    recountThreshold: args.recountThreshold,
    name: args.name,
    note: args.note,
  });
}

export async function joinCount(ctx: MutatorContext, args: MutationArgs<"count.join">) {
  const { tx, practiceId } = ctx;
  await assertOpen(tx, await loadSession(tx, practiceId, args.sessionId));
  const joined = await tx.countParticipant.createMany({
    data: { practiceId, sessionId: args.sessionId, clientId: ctx.clientId, userId: ctx.userId },
    skipDuplicates: true,
  });
  if (joined.count) await ctx.audit("count.join", "countSession", args.sessionId, { clientId: ctx.clientId });
}

/** The key's conflicts after a new line: opened, re-detailed, reopened or settled by agreement. */
function conflictWrites(
  existing: KeyConflict[],
  standing: (StandingLine & { isNew: boolean })[],
  newMoved: boolean,
): { writes: ConflictWrite[]; doubleCount: boolean } {
  const writes: ConflictWrite[] = [];
  const active: ActiveCount[] = standing.map((l) => ({ lineId: l.id, clientId: l.clientId, countedQuantity: l.countedQuantity }));
  const doubleCount = isDoubleCount(active);
  const double = existing.find((c) => c.kind === "DOUBLE_COUNT");
  const counts = standing.map((l) => ({ lineId: l.id, clientId: l.clientId, userId: l.userId, countedQuantity: l.countedQuantity }));
  if (doubleCount) {
    // New information reopens a decision made on the old counts.
    writes.push(
      double
        ? { op: "update", id: double.id, details: { counts }, resolution: null, settled: false }
        : { op: "insert", kind: "DOUBLE_COUNT", details: { counts } },
    );
  } else if (double && double.resolution === null) {
    writes.push({ op: "update", id: double.id, details: { counts, agreed: true }, resolution: "USE_COUNTED", settled: true });
  }

  const moved = existing.find((c) => c.kind === "STOCK_MOVED");
  const movedLines = standing
    .filter((l) => l.movementSinceSeen !== 0)
    .map((l) => ({
      lineId: l.id,
      clientId: l.clientId,
      countedQuantity: l.countedQuantity,
      movementSinceSeen: l.movementSinceSeen,
      onHandAtPush: l.onHandAtPush,
      seenVersion: l.seenVersion,
    }));
  if (newMoved) {
    writes.push(
      moved
        ? { op: "update", id: moved.id, details: { lines: movedLines }, resolution: null, settled: false }
        : { op: "insert", kind: "STOCK_MOVED", details: { lines: movedLines } },
    );
  } else if (moved && moved.resolution === null && movedLines.length === 0) {
    // Every standing count was taken against the current stock (a recount): nothing left to choose.
    writes.push({ op: "update", id: moved.id, details: { lines: movedLines, agreed: true }, resolution: "USE_COUNTED", settled: true });
  }
  return { writes, doubleCount };
}

export async function recordLine(ctx: MutatorContext, args: MutationArgs<"count.recordLine">): Promise<MutatorResult> {
  const judged = await judgeLine(ctx, args, await readLineContext(ctx.tx, ctx.practiceId, args));
  await writeLine(
    ctx.tx,
    { practiceId: ctx.practiceId, version: ctx.version, requestId: ctx.requestId, mutationId: ctx.mutationId },
    judged.line,
    judged.supersedes,
    judged.conflicts,
  );
  return judged.result;
}

/** What a line does, judged by the shared rules against its key's context: the rows to write and its result. */
export interface JudgedLine {
  line: NewLine;
  supersedes: string[];
  conflicts: ConflictWrite[];
  result: MutatorResult;
}

/** The rules of a new count line (throws the refusals); shared by recordLine and its batch form (line-batch.ts). */
export async function judgeLine(ctx: MutatorContext, args: MutationArgs<"count.recordLine">, c: LineContext): Promise<JudgedLine> {
  if (c.session && c.session.status !== "IN_PROGRESS") assertSessionOpen(c.session, await closerName(ctx.tx, c.session.completedById));
  assertSessionOpen(c.session);
  assertLocationActive(c.location);
  const item = assertItemActive(c.item);
  assertBatchChoice(item, args.batchId);
  if (args.batchId && c.batchItemId !== args.itemId) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
  assertInScope(c.locationInScope, c.itemInScope);

  const own = c.standing.filter((l) => l.clientId === ctx.clientId);
  const others = c.standing.filter((l) => l.clientId !== ctx.clientId);
  const count = { countedQuantity: args.countedQuantity, onHandAtPush: c.onHand, movementSinceSeen: c.movementSinceSeen };
  const session = c.session!;
  const flagged = needsRecount(
    count,
    { units: session.recountThresholdUnits, percent: session.recountThresholdPct },
    // A tally line is one more scan, not the counter's second look: judged on its own.
    !args.tally && own.some((l) => l.needsRecount),
  );
  const line: NewLine = {
    id: args.id,
    sessionId: args.sessionId,
    clientId: ctx.clientId,
    userId: ctx.userId,
    itemId: args.itemId,
    locationId: args.locationId,
    batchId: args.batchId,
    countedQuantity: args.countedQuantity,
    seenVersion: args.seenVersion,
    seenQuantity: args.seenQuantity,
    movementSinceSeen: c.movementSinceSeen,
    onHandAtPush: c.onHand,
    needsRecount: flagged,
  };
  const standing = [...others.map((l) => ({ ...l, isNew: false })), { ...line, isNew: true }];
  const { writes, doubleCount } = conflictWrites(c.conflicts, standing, c.movementSinceSeen !== 0);
  return { line, supersedes: own.map((l) => l.id), conflicts: writes, result: lineResult(flagged, doubleCount, c.movementSinceSeen) };
}

function lineResult(flagged: boolean, doubleCount: boolean, movementSinceSeen: number): MutatorResult {
  // No quantities in these messages: in a blind session the counter must not learn the expected one.
  if (flagged)
    return {
      conflict: { code: COUNT_LINE_CODES.NEEDS_RECOUNT, message: "This count is far from what was expected: please count it again." },
    };
  if (doubleCount)
    return {
      conflict: {
        code: COUNT_LINE_CODES.DOUBLE_COUNT,
        message: "Another device counted a different quantity here; a reviewer will decide.",
      },
    };
  if (movementSinceSeen !== 0) {
    return {
      conflict: {
        code: COUNT_LINE_CODES.STOCK_MOVED,
        message: "Stock here moved after this device last saw it; a reviewer will decide whether you counted before or after.",
      },
    };
  }
}

export async function resolveConflict(ctx: MutatorContext, args: MutationArgs<"count.resolveConflict">) {
  const { tx, practiceId } = ctx;
  const conflict = await tx.countConflict.findFirst({ where: { practiceId, id: args.conflictId } });
  if (!conflict) throw new DomainError("NOT_FOUND", "Conflict not found.");
  await assertOpen(tx, await loadSession(tx, practiceId, conflict.sessionId));
  const details = { ...(conflict.details as Record<string, unknown>) };
  if (args.lineId) {
    const line = await tx.countLine.findFirst({
      where: {
        practiceId,
        id: args.lineId,
        sessionId: conflict.sessionId,
        itemId: conflict.itemId,
        locationId: conflict.locationId,
        batchId: conflict.batchId,
        supersededById: null,
      },
      select: { id: true },
    });
    if (!line) throw new DomainError("VALIDATION_FAILED", "Choose one of the standing counts of this item here.");
    details.chosenLineId = args.lineId;
  }
  await tx.countConflict.updateMany({
    where: { practiceId, id: args.conflictId },
    data: { resolution: args.choice, resolvedById: ctx.userId, resolvedAt: new Date(), details: details as object, version: ctx.version },
  });
  await ctx.audit("count.resolveConflict", "countConflict", args.conflictId, {
    sessionId: conflict.sessionId,
    kind: conflict.kind,
    choice: args.choice,
    lineId: args.lineId,
    previous: conflict.resolution,
  });
}

export async function cancelCount(ctx: MutatorContext, args: MutationArgs<"count.cancel">) {
  const { tx, practiceId } = ctx;
  const session = await assertOpen(tx, await loadSession(tx, practiceId, args.sessionId));
  await tx.countSession.updateMany({
    where: { practiceId, id: args.sessionId, status: "IN_PROGRESS" },
    data: { status: "CANCELLED", cancelledAt: new Date(), completedById: ctx.userId, version: ctx.version },
  });
  if (session.blind) await resendScopedStock(tx, practiceId, session, ctx.version);
  await ctx.audit("count.cancel", "countSession", args.sessionId, {});
}

export async function completeCount(ctx: MutatorContext, args: MutationArgs<"count.complete">) {
  await completeSession(ctx, args);
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const COUNT_MUTATORS = {
  "count.start": startCount,
  "count.join": joinCount,
  "count.recordLine": recordLine,
  "count.resolveConflict": resolveConflict,
  "count.cancel": cancelCount,
  "count.complete": completeCount,
} satisfies Partial<ServerMutators>;

/** Set-based forms, for runs of consecutive lines in a push chunk (a tablet back from a day offline). */
export const COUNT_BATCH_MUTATORS = {
  "count.recordLine": recordLinesBatch,
} satisfies ServerBatchMutators;
