/**
 * Completing a count session, in the push's one transaction: decide every key's final quantity from its
 * standing lines and the choices made, book one COUNT movement per key through the ledger (final − on hand
 * now), optionally zero the keys nobody counted, record the choices, close the session, audit it all.
 */
import { can } from "../../../shared/auth/roles.js";
import { countKey, countMovement, newestFirst, type CountResolution } from "../../../shared/counts/rules.js";
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import type { MutatorContext } from "../../sync/mutator-context.js";
import { applyStockMovement } from "../stock/ledger.js";
import { assertOpen, loadSession, resendScopedStock, stockInScope } from "./sessions.js";

interface Choice {
  choice: CountResolution;
  lineId: string | null;
  /** Chosen now (recorded on the conflict and audited) rather than earlier or by agreement. */
  now: boolean;
}

export async function completeSession(ctx: MutatorContext, args: MutationArgs<"count.complete">): Promise<void> {
  const { tx, practiceId } = ctx;
  const session = await assertOpen(tx, await loadSession(tx, practiceId, args.sessionId));
  const override = can(ctx.role, "counts.override");
  if (!override && (args.resolutions.length > 0 || args.resolveAll !== null)) {
    throw new DomainError("FORBIDDEN", "Only an admin may resolve count conflicts.");
  }

  const [lines, conflicts] = await Promise.all([
    tx.countLine.findMany({
      where: { practiceId, sessionId: session.id, supersededById: null },
      select: {
        id: true,
        clientId: true,
        itemId: true,
        locationId: true,
        batchId: true,
        countedQuantity: true,
        movementSinceSeen: true,
        onHandAtPush: true,
        needsRecount: true,
        version: true,
        createdAt: true,
      },
    }),
    tx.countConflict.findMany({ where: { practiceId, sessionId: session.id } }),
  ]);

  // The choice for every conflict: given now, else made earlier (resolveConflict or agreement), else resolve-all.
  const given = new Map(args.resolutions.map((r) => [r.conflictId, r]));
  for (const id of given.keys())
    if (!conflicts.some((c) => c.id === id)) throw new DomainError("NOT_FOUND", "Conflict not found in this session.");
  const choices = new Map<string, Choice>();
  const open: string[] = [];
  for (const c of conflicts) {
    const g = given.get(c.id);
    const earlier = c.resolution
      ? { choice: c.resolution, lineId: ((c.details as Record<string, unknown>).chosenLineId as string | undefined) ?? null, now: false }
      : null;
    const choice = g
      ? { choice: g.choice, lineId: g.lineId, now: true }
      : (earlier ?? (args.resolveAll ? { choice: args.resolveAll, lineId: null, now: true } : null));
    if (choice) choices.set(c.id, choice);
    else open.push(c.id);
  }
  const waitingRecount = lines.filter((l) => l.needsRecount).length;
  if (open.length && !override) {
    throw new DomainError(
      "CONFLICT",
      `${open.length} conflict${open.length === 1 ? " is" : "s are"} open: an admin must review ${open.length === 1 ? "it" : "them"} to complete this count.`,
      { openConflicts: open },
    );
  }
  if (open.length)
    throw new DomainError("CONFLICT", "Choose how each open conflict resolves (or one choice for all) to complete this count.", {
      openConflicts: open,
    });
  if (waitingRecount && !override) {
    throw new DomainError(
      "CONFLICT",
      `${waitingRecount} count${waitingRecount === 1 ? " waits" : "s wait"} for a recount; recount or ask an admin to complete.`,
      { waitingRecount },
    );
  }

  const conflictOf = (kind: "DOUBLE_COUNT" | "STOCK_MOVED", key: string) => conflicts.find((c) => c.kind === kind && countKey(c) === key);
  const byKey = new Map<string, typeof lines>();
  for (const l of lines) byKey.set(countKey(l), [...(byKey.get(countKey(l)) ?? []), l]);

  const inScope = await stockInScope(tx, practiceId, session);
  const stockByKey = new Map(inScope.map((s) => [countKey(s), s]));
  // Counted keys are in scope by construction; a key counted where no stock row exists yet is on hand 0.
  const onHandOf = (key: string) => stockByKey.get(key)?.quantity ?? 0;

  const movements: Record<string, unknown>[] = [];
  for (const [key, keyLines] of byKey) {
    const double = conflictOf("DOUBLE_COUNT", key);
    const chosenId = double ? choices.get(double.id)?.lineId : null;
    const deciding = chosenId ? keyLines.find((l) => l.id === chosenId) : newestFirst(keyLines)[0];
    if (!deciding)
      throw new DomainError("VALIDATION_FAILED", "A chosen count is not a standing count of its item here.", { lineId: chosenId });
    const moved = conflictOf("STOCK_MOVED", key);
    const choice: CountResolution =
      deciding.movementSinceSeen !== 0 && moved ? (choices.get(moved.id)?.choice ?? "USE_COUNTED") : "USE_COUNTED";
    const onHand = onHandOf(key);
    const delta = countMovement(deciding, choice, onHand);
    const record = {
      itemId: deciding.itemId,
      locationId: deciding.locationId,
      batchId: deciding.batchId,
      lineId: deciding.id,
      counted: deciding.countedQuantity,
      choice,
      counts: keyLines.map((l) => ({ lineId: l.id, clientId: l.clientId, counted: l.countedQuantity })),
      quantity: { from: onHand, to: onHand + delta },
    };
    movements.push(record);
    if (delta !== 0) await book(ctx, deciding, delta, session.id);
    await ctx.audit("count.key", "countSession", session.id, record);
  }

  const uncounted = inScope.filter((s) => !byKey.has(countKey(s)));
  let zeroed = 0;
  if (args.zeroUncounted) {
    for (const s of uncounted) {
      if (s.quantity === 0) continue;
      await book(ctx, s, -s.quantity, session.id);
      await ctx.audit("count.key", "countSession", session.id, {
        itemId: s.itemId,
        locationId: s.locationId,
        batchId: s.batchId,
        uncounted: true,
        quantity: { from: s.quantity, to: 0 },
      });
      zeroed++;
    }
  }

  for (const c of conflicts) {
    const choice = choices.get(c.id)!;
    if (!choice.now) continue;
    const details = { ...(c.details as Record<string, unknown>), ...(choice.lineId ? { chosenLineId: choice.lineId } : {}) };
    await tx.countConflict.updateMany({
      where: { practiceId, id: c.id },
      data: { resolution: choice.choice, resolvedById: ctx.userId, resolvedAt: new Date(), details, version: ctx.version },
    });
    await ctx.audit("count.resolveConflict", "countConflict", c.id, {
      sessionId: session.id,
      kind: c.kind,
      choice: choice.choice,
      lineId: choice.lineId,
      atCompletion: true,
    });
  }

  // Under the practice's version lock nobody else can have closed it since assertOpen; the status guard says so in the data too.
  const closed = await tx.countSession.updateMany({
    where: { practiceId, id: session.id, status: "IN_PROGRESS" },
    data: {
      status: "COMPLETED",
      completedById: ctx.userId,
      completedAt: new Date(),
      zeroedUncounted: args.zeroUncounted,
      version: ctx.version,
    },
  });
  if (closed.count !== 1) throw new DomainError("SESSION_CLOSED", "This count session was closed meanwhile.");
  // The stock the blind count hid from counters goes out again, with its quantities.
  if (session.blind) await resendScopedStock(tx, practiceId, session, ctx.version);
  await ctx.audit("count.complete", "countSession", session.id, {
    keysCounted: byKey.size,
    keysUncounted: uncounted.length,
    zeroUncounted: args.zeroUncounted,
    zeroed,
    resolveAll: args.resolveAll,
    overrides: { conflicts: conflicts.filter((c) => choices.get(c.id)?.now).length, waitingRecount },
  });
}

async function book(
  ctx: MutatorContext,
  key: { itemId: string; locationId: string; batchId: string | null },
  delta: number,
  sessionId: string,
) {
  await applyStockMovement(ctx.tx, {
    practiceId: ctx.practiceId,
    locationId: key.locationId,
    itemId: key.itemId,
    batchId: key.batchId,
    kind: "COUNT",
    delta,
    reason: "COUNT",
    reference: sessionId,
    actorId: ctx.userId,
    mutationId: ctx.mutationId,
    version: ctx.version,
  });
}
