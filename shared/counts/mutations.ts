/**
 * Count sessions: start (offline too: the tablet chooses the id), join, record a line, resolve a
 * conflict, cancel, complete. A line is an intent the server judges on push (shared/counts/rules.ts);
 * the tablet's optimistic apply judges it the same way against its replica.
 */
import { z } from "zod";
import { safeText } from "../validation/text.js";
import { int32, safeInt } from "../validation/numbers.js";
import { assertLocationActive } from "../locations/rules.js";
import { assertItemActive } from "../catalogue/rules.js";
import { assertBatchChoice, MAX_STOCK_DELTA } from "../stock/rules.js";
import { DomainError } from "../errors.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";
import type { CountSessionRow } from "../protocol/entities.js";
import {
  assertInScope,
  assertScope,
  assertSessionOpen,
  COUNT_RESOLUTIONS,
  countKey,
  itemInScope,
  locationInScope,
  MAX_COUNT_SCOPE_ITEMS,
  needsRecount,
} from "./rules.js";

const threshold = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("units"), value: int32().min(1, "At least 1 unit").max(MAX_STOCK_DELTA) }),
  z.object({ kind: z.literal("percent"), value: int32().min(1, "At least 1 %").max(1000, "At most 1000 %") }),
]);

const resolution = z.object({
  conflictId: z.uuid(),
  choice: z.enum(COUNT_RESOLUTIONS),
  /** For a double count: the line whose count stands (default: the newest). */
  lineId: z.uuid().nullable().default(null),
});

async function openSession(tx: ReplicaTx, sessionId: string): Promise<CountSessionRow | undefined> {
  const session = await tx.get("countSession", sessionId);
  // Not in the replica yet (another tablet started it and no pull brought it): the server decides.
  if (session) assertSessionOpen(session);
  return session;
}

export const countStart = defineMutation({
  name: "count.start",
  permission: "counts.count",
  args: z
    .object({
      /** Chosen by the tablet, so a session started offline has its id before the server sees it. */
      id: z.uuid(),
      name: safeText().trim().max(100).nullable().default(null),
      note: safeText().trim().max(1000).nullable().default(null),
      locationId: z.uuid().nullable().default(null),
      includeSubLocations: z.boolean().default(false),
      itemIds: z.array(z.uuid()).max(MAX_COUNT_SCOPE_ITEMS).default([]),
      blind: z.boolean().default(false),
      recountThreshold: threshold.nullable().default(null),
    })
    .refine((a) => a.locationId !== null || a.itemIds.length > 0, "Choose a location or the items to count"),
  async applyClient(tx, args) {
    assertScope(args);
    if (args.locationId) assertLocationActive(await tx.get("location", args.locationId));
    for (const itemId of new Set(args.itemIds)) assertItemActive(await tx.get("item", itemId));
    await tx.put("countSession", {
      id: args.id,
      version: 0,
      locationId: args.locationId,
      includeSubLocations: args.includeSubLocations,
      itemIds: [...new Set(args.itemIds)],
      status: "IN_PROGRESS",
      blind: args.blind,
      recountThresholdUnits: args.recountThreshold?.kind === "units" ? args.recountThreshold.value : null,
      recountThresholdPct: args.recountThreshold?.kind === "percent" ? args.recountThreshold.value : null,
      name: args.name,
      note: args.note,
      startedById: null,
      completedById: null,
      completedAt: null,
      cancelledAt: null,
      zeroedUncounted: false,
      createdAt: new Date().toISOString(),
    });
  },
});

/** This device takes part in the session (the completer sees it, and when it last pushed). */
export const countJoin = defineMutation({
  name: "count.join",
  permission: "counts.count",
  args: z.object({ sessionId: z.uuid() }),
  async applyClient(tx, args) {
    await openSession(tx, args.sessionId);
  },
});

export const countRecordLine = defineMutation({
  name: "count.recordLine",
  permission: "counts.count",
  args: z.object({
    /** The line's own id (a retried push cannot record it twice). */
    id: z.uuid(),
    sessionId: z.uuid(),
    itemId: z.uuid(),
    locationId: z.uuid(),
    batchId: z.uuid().nullable().default(null),
    countedQuantity: int32().min(0, "A count cannot be negative").max(MAX_STOCK_DELTA, "Quantity is too large"),
    /** The stock row's version when the device last saw it (null: it had no row: nothing there). */
    seenVersion: safeInt().nonnegative().nullable().default(null),
    /** The quantity the device saw then (null in a blind session: it was not shown). */
    seenQuantity: int32().min(0).nullable().default(null),
    /**
     * Tally mode: one more scan of the key, not a deliberate second count. A recount asked for is final
     * whatever it says; a tally line is judged against the threshold on its own.
     */
    tally: z.boolean().default(false),
  }),
  async applyClient(tx, args) {
    const session = await openSession(tx, args.sessionId);
    assertLocationActive(await tx.get("location", args.locationId));
    const item = assertItemActive(await tx.get("item", args.itemId));
    assertBatchChoice(item, args.batchId);
    if (args.batchId) {
      const batch = await tx.get("batch", args.batchId);
      if (!batch || batch.itemId !== args.itemId) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
    }
    if (session) {
      const locations = new Map((await tx.all("location")).map((l) => [l.id, l.parentId]));
      assertInScope(
        locationInScope(session, args.locationId, (id) => locations.get(id)),
        itemInScope(session.itemIds, args.itemId),
      );
    }
    const key = countKey(args);
    // This device's own pending lines for the key are replaced (the server does the same on push).
    const own = (
      await tx.where("countLine", { sessionId: args.sessionId, itemId: args.itemId, locationId: args.locationId, batchId: args.batchId })
    ).filter((l) => countKey(l) === key && l.clientId === null && l.supersededById === null);
    for (const l of own) await tx.put("countLine", { ...l, supersededById: args.id });
    const stock = (await tx.where("inventory", { locationId: args.locationId, itemId: args.itemId, batchId: args.batchId }))[0];
    const onHand = stock?.quantity ?? 0;
    // A blind count withholds the quantity from this role (null): the server asks for the recount if needed.
    const flagged =
      session && stock?.quantity !== null
        ? needsRecount(
            { countedQuantity: args.countedQuantity, onHandAtPush: onHand, movementSinceSeen: 0 },
            { units: session.recountThresholdUnits, percent: session.recountThresholdPct },
            !args.tally && own.some((l) => l.needsRecount),
          )
        : false;
    await tx.put("countLine", {
      id: args.id,
      version: 0,
      sessionId: args.sessionId,
      clientId: null,
      userId: null,
      itemId: args.itemId,
      locationId: args.locationId,
      batchId: args.batchId,
      countedQuantity: args.countedQuantity,
      seenVersion: args.seenVersion,
      seenQuantity: args.seenQuantity,
      onHandAtPush: null,
      movementSinceSeen: null,
      needsRecount: flagged,
      supersededById: null,
      createdAt: new Date().toISOString(),
    });
  },
});

/** An admin decides one conflict ahead of completing (the review screen records choices as they are made). */
export const countResolveConflict = defineMutation({
  name: "count.resolveConflict",
  permission: "counts.override",
  args: resolution,
  async applyClient(tx, args) {
    const conflict = await tx.get("countConflict", args.conflictId);
    if (!conflict) return;
    await openSession(tx, conflict.sessionId);
    await tx.put("countConflict", {
      ...conflict,
      resolution: args.choice,
      resolvedAt: new Date().toISOString(),
      details: { ...conflict.details, ...(args.lineId ? { chosenLineId: args.lineId } : {}) },
    });
  },
});

export const countCancel = defineMutation({
  name: "count.cancel",
  permission: "counts.complete",
  args: z.object({ sessionId: z.uuid() }),
  async applyClient(tx, args) {
    const session = await openSession(tx, args.sessionId);
    if (session) await tx.put("countSession", { ...session, status: "CANCELLED", cancelledAt: new Date().toISOString() });
  },
});

/**
 * Completes a session: one COUNT movement per counted key (and per uncounted key when zeroing them).
 * Open conflicts need an admin, who resolves each (`resolutions`) or all at once (`resolveAll`).
 */
export const countComplete = defineMutation({
  name: "count.complete",
  permission: "counts.complete",
  args: z.object({
    sessionId: z.uuid(),
    resolutions: z.array(resolution).max(10_000).default([]),
    resolveAll: z.enum(COUNT_RESOLUTIONS).nullable().default(null),
    /** Keys in scope nobody counted: set them to 0 (true) or leave them as they are (false). */
    zeroUncounted: z.boolean().default(false),
  }),
  async applyClient(tx, args) {
    const session = await openSession(tx, args.sessionId);
    // The quantities are the server's to compute (on hand at completion); the replica only closes the session.
    if (session)
      await tx.put("countSession", {
        ...session,
        status: "COMPLETED",
        completedAt: new Date().toISOString(),
        zeroedUncounted: args.zeroUncounted,
      });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const COUNT_MUTATIONS = {
  [countStart.name]: countStart,
  [countJoin.name]: countJoin,
  [countRecordLine.name]: countRecordLine,
  [countResolveConflict.name]: countResolveConflict,
  [countCancel.name]: countCancel,
  [countComplete.name]: countComplete,
};
