/**
 * The rules of a new count line, judged against its key's context (read by line-store.ts): the refusals,
 * the recount prompt, the superseding of the device's own older line, and the key's conflicts. Shared by
 * recordLine (mutators.ts) and its batch form (line-batch.ts).
 */
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { assertLocationActive } from "../../../shared/locations/rules.js";
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import { assertBatchChoice } from "../../../shared/stock/rules.js";
import {
  assertInScope,
  assertSessionOpen,
  COUNT_LINE_CODES,
  isDoubleCount,
  needsRecount,
  type ActiveCount,
} from "../../../shared/counts/rules.js";
import type { MutatorContext, MutatorResult } from "../../sync/mutator-context.js";
import type { ConflictWrite, KeyConflict, LineContext, NewLine, StandingLine } from "./line-store.js";
import { closerName } from "./sessions.js";

/** What a line does, judged by the shared rules against its key's context: the rows to write and its result. */
export interface JudgedLine {
  line: NewLine;
  supersedes: string[];
  conflicts: ConflictWrite[];
  result: MutatorResult;
}

/** The rules of a new count line (throws the refusals). */
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
