/**
 * Count sessions on the device: reads from the replica (sessions, lines, conflicts, stock in scope, the
 * outbox entries still waiting), the count mutations (optimistic, queued, pushed; start works offline),
 * and the two completer reads that only the server has (devices and uncounted keys; online only).
 */
import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useMemo } from "react";
import { can } from "../../../shared/auth/roles.js";
import { countKey, type CountResolution } from "../../../shared/counts/rules.js";
import { countDevices, countUncounted } from "../../../shared/api/counts.js";
import {
  countCancel,
  countComplete,
  countJoin,
  countRecordLine,
  countResolveConflict,
  countStart,
} from "../../../shared/counts/mutations.js";
import type {
  BatchRow,
  CountConflictRow,
  CountLineRow,
  CountSessionRow,
  InventoryRow,
  ItemRow,
  LocationRow,
} from "../../../shared/protocol/entities.js";
import { api } from "../../api/client.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { getMeta } from "../../replica/meta.js";
import { inventoryAt, queryRows } from "../../replica/query.js";
import type { NoticeEntry } from "../../replica/db.js";
import { useServerData } from "../../ui/useServerData.js";
import { fetchMembers } from "../members/data.js";
import { tallyOnce } from "./tally.js";
import {
  countAccuracy,
  pendingForSession,
  preferredPrices,
  progressByLocation,
  scopeLocationIds,
  stockInScope,
  type LocationAccuracy,
  type PendingCountEntry,
} from "./view.js";

export type { LocationAccuracy } from "./view.js";

/** Every session on this device (newest first) with the location names, live. */
export function useCountSessions(): { sessions: CountSessionRow[]; locations: Map<string, LocationRow> } | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const [sessions, locations] = await Promise.all([db.countSession.toArray(), db.location.toArray()]);
    sessions.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { sessions, locations: new Map(locations.map((l) => [l.id, l])) };
  }, [db]);
}

/** Everything the count and review screens read about one session, live from the replica. */
export interface SessionData {
  session: CountSessionRow | undefined;
  locations: Map<string, LocationRow>;
  /** The session's locations (null: any location, an items-only session). */
  scope: string[] | null;
  items: Map<string, ItemRow>;
  batches: Map<string, BatchRow>;
  /** Stock rows in scope, by key. */
  stock: Map<string, InventoryRow>;
  lines: CountLineRow[];
  conflicts: CountConflictRow[];
  /** This device's sync client id (its lines carry it once the server's copy arrived). */
  clientId: string | null;
  pending: PendingCountEntry[];
  /** Refusals and warnings the server answered for this session's lines (SESSION_CLOSED, NEEDS_RECOUNT…). */
  notices: NoticeEntry[];
  prices: Map<string, { unitPrice: string; currency: string }>;
}

export function useSessionData(sessionId: string): SessionData | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const [session, locationRows, lines, conflicts, outbox, notices, clientId] = await Promise.all([
      db.countSession.get(sessionId),
      db.location.toArray(),
      db.countLine.where("sessionId").equals(sessionId).toArray(),
      db.countConflict.where("sessionId").equals(sessionId).toArray(),
      db.outbox.toArray(),
      db.rejected.toArray(),
      getMeta(db, "clientId"),
    ]);
    const scope = session ? scopeLocationIds(session, locationRows) : [];
    const inventory = !session
      ? []
      : scope
        ? await inventoryAt(db, scope)
        : session.itemIds.length
          ? await db.inventory.byItems(session.itemIds)
          : await db.inventory.toArray();
    const scoped = session ? stockInScope(session, scope, inventory) : [];
    const itemIds = new Set([...scoped.map((r) => r.itemId), ...lines.map((l) => l.itemId), ...(session?.itemIds ?? [])]);
    const [items, prices] = await Promise.all([
      db.item.toArray(),
      db.supplierItem
        .where("itemId")
        .anyOf([...itemIds])
        .toArray(),
    ]);
    const batches = await db.batch
      .where("itemId")
      .anyOf([...itemIds])
      .toArray();
    const conflictIds = new Set(conflicts.map((c) => c.id));
    return {
      session,
      locations: new Map(locationRows.map((l) => [l.id, l])),
      scope,
      items: new Map(items.map((i) => [i.id, i])),
      batches: new Map(batches.map((b) => [b.id, b])),
      stock: new Map(scoped.map((r) => [countKey(r), r])),
      lines,
      conflicts,
      clientId: clientId ?? null,
      pending: pendingForSession(outbox, sessionId, conflictIds),
      notices: notices.filter((n) => noticeOfSession(n, sessionId, conflictIds)).sort((a, b) => b.seq - a.seq),
      prices: preferredPrices(items, prices),
    };
  }, [db, sessionId]);
}

function noticeOfSession(n: NoticeEntry, sessionId: string, conflictIds: ReadonlySet<string>): boolean {
  if (!n.name.startsWith("count.")) return false;
  const a = (n.args ?? {}) as Record<string, unknown>;
  return (
    a.sessionId === sessionId ||
    (n.name === "count.start" && a.id === sessionId) ||
    (typeof a.conflictId === "string" && conflictIds.has(a.conflictId))
  );
}

/** Progress per location of a session's data. */
export function useProgress(data: SessionData | undefined) {
  return useMemo(() => (data ? progressByLocation([...data.stock.values()], data.lines, data.scope) : []), [data]);
}

export interface StartInput {
  locationId: string | null;
  includeSubLocations: boolean;
  itemIds: string[];
  blind: boolean;
  recountThreshold: { kind: "units" | "percent"; value: number } | null;
  name: string | null;
  note: string | null;
}

/** The count writes; each validates, applies to the replica, queues and pushes; throws DomainError. */
export function useCountActions() {
  const mutate = useMutate();
  const { db } = useReplica();
  return useMemo(() => {
    /**
     * Records a count of one key. The stock row's version and quantity this device last had from the
     * server go with it (the server's copy when a local change is still pending), so the server can tell
     * whether the stock moved since. `showExpected` false (blind): the quantity was not shown, so none is sent.
     */
    const record = async (input: RecordInput) => {
      const seen = await seenStock(db, input);
      const id = crypto.randomUUID();
      await mutate(countRecordLine, {
        id,
        sessionId: input.sessionId,
        itemId: input.itemId,
        locationId: input.locationId,
        batchId: input.batchId,
        countedQuantity: input.countedQuantity,
        seenVersion: seen?.version ?? null,
        seenQuantity: input.showExpected ? (seen ? seen.quantity : 0) : null,
        tally: input.tally ?? false,
      });
      return id;
    };
    return {
      /** Starts a session under an id chosen here, so it exists (and can be counted) before any sync. */
      start: async (input: StartInput) => {
        const id = crypto.randomUUID();
        await mutate(countStart, { id, ...input });
        return id;
      },
      join: (sessionId: string) => mutate(countJoin, { sessionId }),
      record,
      /**
       * Tally mode: one more of the key than this device's standing count in the replica (not the count a
       * screen last drew), one tally at a time, so every scan counts once. Resolves to the new count.
       */
      tally: (input: Omit<RecordInput, "countedQuantity" | "tally">) =>
        tallyOnce(db, input, (countedQuantity) => record({ ...input, countedQuantity, tally: true })),
      resolve: (conflictId: string, choice: CountResolution, lineId: string | null = null) =>
        mutate(countResolveConflict, { conflictId, choice, lineId }),
      cancel: (sessionId: string) => mutate(countCancel, { sessionId }),
      complete: (sessionId: string, options: { resolveAll: CountResolution | null; zeroUncounted: boolean }) =>
        mutate(countComplete, { sessionId, resolutions: [], resolveAll: options.resolveAll, zeroUncounted: options.zeroUncounted }),
      dismissNotice: (id: string) => db.rejected.delete(id),
    };
  }, [mutate, db]);
}

interface RecordInput {
  sessionId: string;
  itemId: string;
  locationId: string;
  batchId: string | null;
  countedQuantity: number;
  showExpected: boolean;
  /** One more scan in tally mode (not a deliberate recount). */
  tally?: boolean;
}

/** The stock row of a key as the server last sent it: the shadow (server copy) when a local change is pending. */
async function seenStock(
  db: ReturnType<typeof useReplica>["db"],
  key: { itemId: string; locationId: string; batchId: string | null },
): Promise<{ version: number; quantity: number | null } | null> {
  // Only the key's fields: callers pass a whole count input, and every field given must match.
  const [row] = await queryRows(db, "inventory", { locationId: key.locationId, itemId: key.itemId, batchId: key.batchId });
  if (!row) return null;
  const shadow = await db.shadows.get(["inventory", row.id]);
  if (shadow) {
    const server = shadow.row as InventoryRow | null;
    return server ? { version: server.version, quantity: server.quantity } : null;
  }
  return { version: row.version, quantity: row.quantity };
}

/** Whether this role sees expected quantities in `session` (blind sessions hide them from non-admins). */
export function useShowsExpected(session: CountSessionRow | undefined): boolean {
  const { role } = useReplica();
  return !!session && (!session.blind || can(role, "counts.override"));
}

/** Devices that joined and when each last pushed (GET /api/counts/:id/devices); the server only knows. */
export function useCountDevices(sessionId: string) {
  const load = useCallback(() => api.call(countDevices, { params: { id: sessionId } }), [sessionId]);
  return useServerData(load);
}

/** Keys in scope nobody counted (GET /api/counts/:id/uncounted). */
export function useUncounted(sessionId: string) {
  const load = useCallback(() => api.call(countUncounted, { params: { id: sessionId } }), [sessionId]);
  return useServerData(load);
}

/** Member names by user id, best effort (people are not replicated: offline this is empty). */
export function useMemberNames(): Map<string, string> {
  const load = useCallback(() => fetchMembers(api), []);
  const { state } = useServerData(load);
  return useMemo(
    () => (state.status === "ready" ? new Map(state.data.members.map((m) => [m.userId, m.name ?? m.email])) : new Map<string, string>()),
    [state],
  );
}

/** Count accuracy per location from the completed sessions on this device, live (for the dashboard). */
export function useCountAccuracy(): { accuracy: LocationAccuracy[]; locations: Map<string, LocationRow> } | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const sessions = await db.countSession.where("status").equals("COMPLETED").toArray();
    const ids = sessions.map((s) => s.id);
    const [lines, conflicts, locations] = await Promise.all([
      db.countLine.where("sessionId").anyOf(ids).toArray(),
      db.countConflict.where("sessionId").anyOf(ids).toArray(),
      db.location.toArray(),
    ]);
    return { accuracy: countAccuracy(sessions, lines, conflicts), locations: new Map(locations.map((l) => [l.id, l])) };
  }, [db]);
}
