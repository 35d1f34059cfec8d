/**
 * Server side of the count mutations. The rules are the shared ones (shared/counts/rules.ts); push holds
 * the practice's version lock, so a line, a completion and a stock movement of the same practice never
 * interleave: two completers take turns, and the second finds the session closed.
 */
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import { assertScope } from "../../../shared/counts/rules.js";
import { locationsRepo } from "../locations/repository.js";
import type { MutatorContext, MutatorResult, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import { recordLinesBatch } from "./line-batch.js";
import { judgeLine } from "./line-judge.js";
import { readLineContext, writeLine } from "./line-store.js";
import { assertOpen, loadSession, resendScopedStock } from "./sessions.js";
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
