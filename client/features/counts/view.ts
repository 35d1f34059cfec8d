/**
 * Pure view logic of the count screens: which keys a session covers, progress per location, what of a
 * session still waits in the outbox, each key's review figures (mirroring how the server completes:
 * shared/counts/rules.ts finalQuantity) and the count-accuracy figure of the dashboard.
 */
import { countKey, countVariance, finalQuantity, newestFirst, type CountResolution } from "../../../shared/counts/rules.js";
import type {
  CountConflictRow,
  CountLineRow,
  CountSessionRow,
  InventoryRow,
  ItemRow,
  LocationRow,
  SupplierItemRow,
} from "../../../shared/protocol/entities.js";

/** The locations a session covers: its location (and, with sub-locations, every active one under it); null = any. */
export function scopeLocationIds(
  session: Pick<CountSessionRow, "locationId" | "includeSubLocations">,
  locations: readonly LocationRow[],
): string[] | null {
  if (!session.locationId) return null;
  if (!session.includeSubLocations) return [session.locationId];
  const children = new Map<string, string[]>();
  for (const l of locations) if (l.parentId && !l.archived) children.set(l.parentId, [...(children.get(l.parentId) ?? []), l.id]);
  const out: string[] = [];
  const queue = [session.locationId];
  // Guards against a cycle a broken replica might hold: each location once.
  const seen = new Set<string>();
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Stock rows in a session's scope (as the server's stockInScope: any quantity, 0 included). */
export function stockInScope(
  session: Pick<CountSessionRow, "itemIds">,
  scope: readonly string[] | null,
  inventory: readonly InventoryRow[],
): InventoryRow[] {
  const locations = scope ? new Set(scope) : null;
  const items = session.itemIds.length ? new Set(session.itemIds) : null;
  return inventory.filter((r) => (!locations || locations.has(r.locationId)) && (!items || items.has(r.itemId)));
}

/** Lines that still stand (a device's recount replaces its own older line). */
export function standingLines<L extends Pick<CountLineRow, "supersededById">>(lines: readonly L[]): L[] {
  return lines.filter((l) => l.supersededById === null);
}

type OwnLine = Pick<CountLineRow, "supersededById" | "clientId" | "version" | "createdAt" | "itemId" | "locationId" | "batchId">;

/**
 * Standing lines as this device sees them: of its own lines per key only the newest. The optimistic
 * apply supersedes only lines still pending (it cannot tell this device's confirmed lines from another
 * device's), so until the server's superseding arrives a confirmed older line would stand beside the
 * new one, and a tally could add one to the wrong count. Pending lines are newer than confirmed ones
 * (the outbox pushes in order); pending ones order by creation, confirmed ones by version.
 */
export function deviceStandingLines<L extends OwnLine>(lines: readonly L[], clientId: string | null): L[] {
  const newest = new Map<string, L>();
  const own = (l: L) => l.clientId === null || l.clientId === clientId;
  const newer = (a: L, b: L) =>
    (a.clientId === null) !== (b.clientId === null)
      ? a.clientId === null
      : a.clientId === null
        ? a.createdAt > b.createdAt
        : a.version > b.version;
  const standing = standingLines(lines);
  for (const l of standing.filter(own)) {
    const current = newest.get(countKey(l));
    if (!current || newer(l, current)) newest.set(countKey(l), l);
  }
  return standing.filter((l) => !own(l) || newest.get(countKey(l)) === l);
}

/** This device's standing line of the key `key` (a countKey) among `lines`: what a tally adds one to. */
export function ownStandingLine<L extends OwnLine & Pick<CountLineRow, "countedQuantity">>(
  lines: readonly L[],
  clientId: string | null,
  key: string,
): L | undefined {
  return deviceStandingLines(lines, clientId).find((l) => countKey(l) === key && (l.clientId === null || l.clientId === clientId));
}

export interface LocationProgress {
  locationId: string;
  /** Keys with at least one standing count. */
  counted: number;
  /** Keys in scope: stock rows there plus keys counted where no row exists yet. */
  total: number;
}

/** Counted / total keys per location, in the order of `scope` (then any other location counted). */
export function progressByLocation(
  scopeStock: readonly InventoryRow[],
  lines: readonly CountLineRow[],
  scope: readonly string[] | null,
): LocationProgress[] {
  const keys = new Map<string, Set<string>>();
  const counted = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, locationId: string, key: string) =>
    map.set(locationId, (map.get(locationId) ?? new Set()).add(key));
  for (const r of scopeStock) add(keys, r.locationId, countKey(r));
  for (const l of standingLines(lines)) {
    add(keys, l.locationId, countKey(l));
    add(counted, l.locationId, countKey(l));
  }
  const order = [...(scope ?? []), ...[...keys.keys()].filter((id) => !scope?.includes(id))];
  return order.map((locationId) => ({ locationId, counted: counted.get(locationId)?.size ?? 0, total: keys.get(locationId)?.size ?? 0 }));
}

/** Sums of per-location progress. */
export function totalProgress(progress: readonly LocationProgress[]): { counted: number; total: number } {
  return progress.reduce((s, p) => ({ counted: s.counted + p.counted, total: s.total + p.total }), { counted: 0, total: 0 });
}

/** An outbox entry of a count session, as the "waiting to sync" list shows it. */
export interface PendingCountEntry {
  seq: number;
  kind: "start" | "join" | "line" | "resolve" | "cancel" | "complete";
  lineId?: string;
  itemId?: string;
  locationId?: string;
  batchId?: string | null;
  quantity?: number;
  at: string;
}

const KINDS: Record<string, PendingCountEntry["kind"]> = {
  "count.start": "start",
  "count.join": "join",
  "count.recordLine": "line",
  "count.resolveConflict": "resolve",
  "count.cancel": "cancel",
  "count.complete": "complete",
};

/**
 * The outbox entries that belong to `sessionId`, oldest first. A resolveConflict names only its conflict,
 * so `conflictIds` (the session's) places it. Entries of other sessions or other domains are left out.
 */
export function pendingForSession(
  outbox: readonly { seq: number; name: string; args: unknown; clientTime: string }[],
  sessionId: string,
  conflictIds: ReadonlySet<string> = new Set(),
): PendingCountEntry[] {
  const out: PendingCountEntry[] = [];
  for (const e of [...outbox].sort((a, b) => a.seq - b.seq)) {
    const kind = KINDS[e.name];
    if (!kind || typeof e.args !== "object" || e.args === null) continue;
    const a = e.args as Record<string, unknown>;
    const belongs =
      kind === "start" ? a.id === sessionId : kind === "resolve" ? conflictIds.has(String(a.conflictId)) : a.sessionId === sessionId;
    if (!belongs) continue;
    const entry: PendingCountEntry = { seq: e.seq, kind, at: e.clientTime };
    if (kind === "line") {
      Object.assign(entry, {
        lineId: a.id as string,
        itemId: a.itemId as string,
        locationId: a.locationId as string,
        batchId: (a.batchId as string | null) ?? null,
        quantity: a.countedQuantity as number,
      });
    }
    out.push(entry);
  }
  return out;
}

/** The preferred supplier's unit price of each item (the item's default supplier's quote), as decimal text. */
export function preferredPrices(
  items: readonly Pick<ItemRow, "id" | "defaultSupplierId">[],
  prices: readonly SupplierItemRow[],
): Map<string, { unitPrice: string; currency: string }> {
  const supplierOf = new Map(items.map((i) => [i.id, i.defaultSupplierId]));
  const out = new Map<string, { unitPrice: string; currency: string }>();
  for (const p of prices)
    if (supplierOf.get(p.itemId) === p.supplierId) out.set(p.itemId, { unitPrice: p.unitPrice, currency: p.currency });
  return out;
}

/** Decimal price text ("12.3400") as 1/10,000ths, exactly (money never goes through a binary float). */
export function priceUnits(text: string): bigint | null {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  return m ? BigInt(m[1]!) * 10_000n + BigInt((m[2] ?? "").padEnd(4, "0")) : null;
}

/** A variance's value: units × unit price, in 1/10,000ths (signed); null without a usable price. */
export function varianceValue(units: number, unitPrice: string | null | undefined): bigint | null {
  if (!unitPrice) return null;
  const price = priceUnits(unitPrice);
  return price === null ? null : price * BigInt(units);
}

/** 1/10,000ths as signed money text with two decimals, rounded half away from zero ("-12345" → "-1.23"). */
export function formatMoney(units: bigint, currency: string): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const cents = (abs + 50n) / 100n;
  return `${negative ? "−" : ""}${currency} ${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** One counted key as the reviewer sees it. */
export interface ReviewKey {
  key: string;
  itemId: string;
  locationId: string;
  batchId: string | null;
  /** On hand now (the replica's); what completing books against. */
  onHand: number;
  /** Standing counts, newest first (one per device). */
  counts: CountLineRow[];
  /** The count that decides: the one chosen for a double count, else the newest. */
  deciding: CountLineRow;
  /** Net movement since the deciding device last saw the row (0 = none or unknown). */
  movementSinceSeen: number;
  doubleCount: CountConflictRow | null;
  stockMoved: CountConflictRow | null;
  /** The reading applied: the stock-moved choice, or USE_COUNTED when nothing moved. */
  choice: CountResolution;
  /** Whether the choice is still open (the completer must decide; USE_COUNTED is only the default shown). */
  open: boolean;
  /** Final quantity for each reading (old → new is onHand → these). */
  finals: Record<CountResolution, number>;
  final: number;
  variance: number;
  needsRecount: boolean;
}

function conflictOf(conflicts: readonly CountConflictRow[], kind: CountConflictRow["kind"], key: string): CountConflictRow | null {
  return conflicts.find((c) => c.kind === kind && countKey(c) === key) ?? null;
}

/**
 * Each counted key with its figures, as completing would book it now. A line not yet pushed has no
 * on-hand-at-push: it is judged against the current quantity (nothing moved since, as far as we know).
 */
export function reviewKeys(
  lines: readonly CountLineRow[],
  conflicts: readonly CountConflictRow[],
  onHandOf: (key: string) => number,
): ReviewKey[] {
  const byKey = new Map<string, CountLineRow[]>();
  for (const l of standingLines(lines)) byKey.set(countKey(l), [...(byKey.get(countKey(l)) ?? []), l]);
  const out: ReviewKey[] = [];
  for (const [key, keyLines] of byKey) {
    const counts = newestFirst(keyLines);
    const doubleCount = conflictOf(conflicts, "DOUBLE_COUNT", key);
    const chosenId = doubleCount?.resolution ? (doubleCount.details.chosenLineId as string | undefined) : undefined;
    const deciding = (chosenId && counts.find((l) => l.id === chosenId)) || counts[0]!;
    const onHand = onHandOf(key);
    const against = {
      countedQuantity: deciding.countedQuantity,
      onHandAtPush: deciding.onHandAtPush ?? onHand,
      movementSinceSeen: deciding.movementSinceSeen ?? 0,
    };
    const stockMoved = conflictOf(conflicts, "STOCK_MOVED", key);
    const choice: CountResolution = against.movementSinceSeen !== 0 && stockMoved?.resolution ? stockMoved.resolution : "USE_COUNTED";
    const finals = {
      USE_COUNTED: finalQuantity(against, "USE_COUNTED", onHand),
      USE_COUNTED_PLUS_MOVEMENTS: finalQuantity(against, "USE_COUNTED_PLUS_MOVEMENTS", onHand),
    };
    const open =
      (doubleCount !== null && doubleCount.resolution === null) ||
      (stockMoved !== null && stockMoved.resolution === null && against.movementSinceSeen !== 0);
    out.push({
      key,
      itemId: deciding.itemId,
      locationId: deciding.locationId,
      batchId: deciding.batchId,
      onHand,
      counts,
      deciding,
      movementSinceSeen: against.movementSinceSeen,
      doubleCount,
      stockMoved,
      choice,
      open,
      finals,
      final: finals[choice],
      variance: finals[choice] - onHand,
      needsRecount: counts.some((l) => l.needsRecount),
    });
  }
  return out;
}

export interface SessionSummary {
  keysCounted: number;
  keysTotal: number;
  openConflicts: number;
  /** Sum of priced variances per currency, in 1/10,000ths. */
  valueByCurrency: Map<string, bigint>;
  /** Keys with a variance but no preferred-supplier price (their value is not in the sum). */
  unpriced: number;
}

export function summarise(
  keys: readonly ReviewKey[],
  uncountedInScope: number,
  conflicts: readonly CountConflictRow[],
  prices: ReadonlyMap<string, { unitPrice: string; currency: string }>,
): SessionSummary {
  const valueByCurrency = new Map<string, bigint>();
  let unpriced = 0;
  for (const k of keys) {
    if (k.variance === 0) continue;
    const price = prices.get(k.itemId);
    const value = varianceValue(k.variance, price?.unitPrice);
    if (value === null || !price) unpriced++;
    else valueByCurrency.set(price.currency, (valueByCurrency.get(price.currency) ?? 0n) + value);
  }
  return {
    keysCounted: keys.length,
    keysTotal: keys.length + uncountedInScope,
    openConflicts: conflicts.filter((c) => c.resolution === null).length,
    valueByCurrency,
    unpriced,
  };
}

export interface LocationAccuracy {
  locationId: string;
  /** Keys whose deciding count matched the stock (no variance under the reading applied). */
  exact: number;
  /** Counted keys whose variance is known (blind figures withheld from this role are left out). */
  counted: number;
  lastCompletedAt: string;
}

/**
 * Count accuracy per location from completed sessions: the share of counted keys whose count matched
 * the stock. Each key of each completed session counts once, judged by its deciding line the way it was
 * completed (the chosen reading for a stock-moved key).
 */
export function countAccuracy(
  sessions: readonly CountSessionRow[],
  lines: readonly CountLineRow[],
  conflicts: readonly CountConflictRow[],
): LocationAccuracy[] {
  const completed = new Map(sessions.filter((s) => s.status === "COMPLETED").map((s) => [s.id, s]));
  const out = new Map<string, LocationAccuracy>();
  const linesBySession = new Map<string, CountLineRow[]>();
  for (const l of lines) if (completed.has(l.sessionId)) linesBySession.set(l.sessionId, [...(linesBySession.get(l.sessionId) ?? []), l]);
  const conflictsBySession = new Map<string, CountConflictRow[]>();
  for (const c of conflicts) conflictsBySession.set(c.sessionId, [...(conflictsBySession.get(c.sessionId) ?? []), c]);
  for (const [sessionId, sessionLines] of linesBySession) {
    const session = completed.get(sessionId)!;
    for (const k of reviewKeys(sessionLines, conflictsBySession.get(sessionId) ?? [], () => 0)) {
      const d = k.deciding;
      if (d.onHandAtPush === null || d.movementSinceSeen === null) continue;
      const v = countVariance({ countedQuantity: d.countedQuantity, onHandAtPush: d.onHandAtPush, movementSinceSeen: d.movementSinceSeen });
      const variance = k.choice === "USE_COUNTED_PLUS_MOVEMENTS" ? v.before : v.after;
      const acc = out.get(k.locationId) ?? {
        locationId: k.locationId,
        exact: 0,
        counted: 0,
        lastCompletedAt: session.completedAt ?? session.createdAt,
      };
      acc.counted++;
      if (variance === 0) acc.exact++;
      const at = session.completedAt ?? session.createdAt;
      if (at > acc.lastCompletedAt) acc.lastCompletedAt = at;
      out.set(k.locationId, acc);
    }
  }
  return [...out.values()];
}
