/**
 * Stock counts: the states of a session, the conflicts two counts can raise, and how one is resolved.
 * The same rules run in the tablet's optimistic apply, in its screens and in the server's mutators, so
 * a count is judged alike offline and on push (the guide: docs of count sessions and their rules).
 */
import { DomainError } from "../errors.js";

export const COUNT_SESSION_STATUSES = ["IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export type CountSessionStatus = (typeof COUNT_SESSION_STATUSES)[number];

export const COUNT_CONFLICT_KINDS = ["DOUBLE_COUNT", "STOCK_MOVED"] as const;
export type CountConflictKind = (typeof COUNT_CONFLICT_KINDS)[number];

/**
 * USE_COUNTED: the count was taken after the movements since the device last saw the row (final = Q).
 * USE_COUNTED_PLUS_MOVEMENTS: it was taken before them (final = Q + the net movement since then).
 */
export const COUNT_RESOLUTIONS = ["USE_COUNTED", "USE_COUNTED_PLUS_MOVEMENTS"] as const;
export type CountResolution = (typeof COUNT_RESOLUTIONS)[number];

/** What a line's push answered, beside `applied`: the counter or the reviewer has something to do. */
export const COUNT_LINE_CODES = { NEEDS_RECOUNT: "NEEDS_RECOUNT", DOUBLE_COUNT: "DOUBLE_COUNT", STOCK_MOVED: "STOCK_MOVED" } as const;

/** A line's state for screens: replaced by the same device's recount, waiting for a recount, or counted. */
export type CountLineStatus = "superseded" | "needs_recount" | "counted";

/** The most items one session may name (a chosen list; a whole location needs none). */
export const MAX_COUNT_SCOPE_ITEMS = 2000;

/** The key a count is about: one stock row (item, location, batch). */
export interface CountKeyed {
  itemId: string;
  locationId: string;
  batchId: string | null;
}

export function countKey(k: CountKeyed): string {
  return `${k.itemId}|${k.locationId}|${k.batchId ?? ""}`;
}

export interface SessionState {
  status: CountSessionStatus;
  completedAt?: Date | string | null;
  cancelledAt?: Date | string | null;
}

/** Lines, joins and resolutions go only into an open session; the answer says who closed it and when if known. */
export function assertSessionOpen(session: SessionState | null | undefined, closedBy?: string | null): void {
  if (!session) throw new DomainError("NOT_FOUND", "Count session not found.");
  if (session.status === "IN_PROGRESS") return;
  const at = session.status === "COMPLETED" ? session.completedAt : session.cancelledAt;
  const when = at ? ` at ${new Date(at).toISOString()}` : "";
  const who = closedBy ? ` by ${closedBy}` : "";
  const what = session.status === "COMPLETED" ? "already completed" : "cancelled";
  throw new DomainError("SESSION_CLOSED", `This count session was ${what}${who}${when}. Your count is kept: move it into a new session.`, {
    status: session.status,
    closedBy: closedBy ?? null,
    at: at ? new Date(at).toISOString() : null,
  });
}

/** A session's recount threshold: a variance over this many units, or over this percent of the expected quantity. */
export interface RecountThreshold {
  units: number | null;
  percent: number | null;
}

/** Whether a variance against `expected` is over the threshold (a percent threshold treats any variance on 0 expected as over). */
export function exceedsRecountThreshold(variance: number, expected: number, t: RecountThreshold): boolean {
  const size = Math.abs(variance);
  if (size === 0) return false;
  if (t.units !== null && size > t.units) return true;
  if (t.percent !== null && (expected === 0 || size * 100 > t.percent * expected)) return true;
  return false;
}

/** A count against the stock row as the server held it when the line arrived. */
export interface CountAgainstStock {
  countedQuantity: number;
  /** On hand when the line reached the server. */
  onHandAtPush: number;
  /** Net movement of the row since the version the device last saw (0 when none, or when it saw none). */
  movementSinceSeen: number;
}

/**
 * The variance of a count under each reading of it. `after`: taken after the movements since the
 * device's view (Q − on hand); `before`: taken before them (Q + net − on hand). Equal when nothing moved.
 */
export function countVariance(c: CountAgainstStock): { after: number; before: number } {
  return { after: c.countedQuantity - c.onHandAtPush, before: c.countedQuantity + c.movementSinceSeen - c.onHandAtPush };
}

/**
 * Whether a new line asks its counter for a recount: over the threshold under both readings. A recount
 * (the same device replacing its own line that was asked for one) is final whatever it says: the counter
 * has looked twice, and a reviewer sees the variance.
 */
export function needsRecount(c: CountAgainstStock, t: RecountThreshold, isRecount: boolean): boolean {
  if (isRecount || (t.units === null && t.percent === null)) return false;
  const v = countVariance(c);
  const expectedBefore = c.onHandAtPush - c.movementSinceSeen;
  return exceedsRecountThreshold(v.after, c.onHandAtPush, t) && exceedsRecountThreshold(v.before, Math.max(0, expectedBefore), t);
}

/** The still-standing counts of one key (at most one per device: a device's recount supersedes its own). */
export interface ActiveCount {
  lineId: string;
  clientId: string | null;
  countedQuantity: number;
}

/** Two devices disagree on a key when their standing counts differ; equal counts agree. */
export function isDoubleCount(active: readonly ActiveCount[]): boolean {
  return new Set(active.map((a) => a.countedQuantity)).size > 1;
}

/** A line as the final quantity is decided from it. */
export interface DecidingLine extends CountAgainstStock {
  lineId: string;
}

/**
 * The quantity a key ends at when the session completes, from its deciding line and the choice for a
 * stock-moved line. Movements after the line reached the server happened after the count (the device
 * had counted before it pushed), so they stay on top of the count either way: final =
 * Q (+ net since the device's view, for "before") + (on hand now − on hand at push). Never below 0.
 * Without movements after the push this is exactly the guide's Q or Q + net.
 */
export function finalQuantity(line: CountAgainstStock, choice: CountResolution, onHandNow: number): number {
  const sinceSeen = choice === "USE_COUNTED_PLUS_MOVEMENTS" ? line.movementSinceSeen : 0;
  return Math.max(0, line.countedQuantity + sinceSeen + (onHandNow - line.onHandAtPush));
}

/** The COUNT movement completing books for a key: final − on hand at completion. */
export function countMovement(line: CountAgainstStock, choice: CountResolution, onHandNow: number): number {
  return finalQuantity(line, choice, onHandNow) - onHandNow;
}

export function lineStatus(line: { supersededById: string | null; needsRecount: boolean }): CountLineStatus {
  if (line.supersededById) return "superseded";
  return line.needsRecount ? "needs_recount" : "counted";
}

/** Each line of a key that still stands, the newest last (a double count's default decision is the newest count). */
export function newestFirst<L extends { version: number | bigint; createdAt: Date | string; lineId?: string; id?: string }>(
  lines: readonly L[],
): L[] {
  return [...lines].sort((a, b) => {
    const dv = Number(b.version) - Number(a.version);
    if (dv !== 0) return dv;
    return new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();
  });
}

/** A session covers a location (maybe with sub-locations), a list of items, or both; never nothing. */
export function assertScope(scope: { locationId: string | null; itemIds: readonly string[] }): void {
  if (!scope.locationId && scope.itemIds.length === 0)
    throw new DomainError("VALIDATION_FAILED", "Choose a location or the items to count.");
}

/** Whether `locationId` is the session's location or (with sub-locations) under it; `parentOf` walks the tree. */
export function locationInScope(
  session: { locationId: string | null; includeSubLocations: boolean },
  locationId: string,
  parentOf: (id: string) => string | null | undefined,
): boolean {
  if (!session.locationId) return true;
  if (locationId === session.locationId) return true;
  if (!session.includeSubLocations) return false;
  let cursor = parentOf(locationId) ?? null;
  for (let steps = 0; cursor !== null && steps < 1000; steps++) {
    if (cursor === session.locationId) return true;
    cursor = parentOf(cursor) ?? null;
  }
  return false;
}

export function itemInScope(scopeItemIds: readonly string[], itemId: string): boolean {
  return scopeItemIds.length === 0 || scopeItemIds.includes(itemId);
}

export function assertInScope(inLocation: boolean, inItems: boolean): void {
  if (!inLocation) throw new DomainError("VALIDATION_FAILED", "That location is not part of this count session.");
  if (!inItems) throw new DomainError("VALIDATION_FAILED", "That item is not part of this count session.");
}
