import { useLiveQuery } from "dexie-react-hooks";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { useReplica } from "../../app/replicaContext.js";
import type { NoticeEntry, ReplicaDb } from "../../replica/db.js";
import { getMeta } from "../../replica/meta.js";
import { shadowKey } from "../../replica/shadows.js";
import type { SyncEngineState } from "../../sync/engine.js";

export interface SyncOverview {
  pending: number;
  /** Pending mutations that no longer apply locally: the server will probably reject them. */
  mayBeRejected: { seq: number; name: string; args: unknown; message: string }[];
  lastSyncAt: string | null;
  /** Rejections and conflicts, newest first. */
  notices: NoticeEntry[];
  /** False until the replica has been read (lastSyncAt null then means "not read yet", not "never"). */
  loaded: boolean;
}

const EMPTY: SyncOverview = { pending: 0, mayBeRejected: [], lastSyncAt: null, notices: [], loaded: false };

/**
 * The overview from the replica. Counts the outbox, and reads its entries only when a rebase left some
 * with an apply error: this runs after every change, and reading (and, in a live query, cloning) a
 * 20,000-entry outbox each time was a large part of a big import's CPU. All in one read transaction: as
 * separate reads, each waited behind the import's next chunk, and the live query dropped its answer every
 * time a chunk landed, so the status said "All changes synced" while 10,000 changes were being queued.
 */
export async function readSyncOverview(db: ReplicaDb): Promise<SyncOverview> {
  return db.transaction("r", [db.outbox, db.meta, db.rejected], async () => {
    const pending = await db.outbox.count();
    const withErrors = (await getMeta(db, "outboxApplyErrors")) === 0 ? [] : (await db.outbox.toArray()).filter((e) => e.applyError);
    return {
      pending,
      mayBeRejected: withErrors.map((e) => ({ seq: e.seq, name: e.name, args: e.args, message: e.applyError!.message })),
      lastSyncAt: (await getMeta(db, "lastSyncAt")) ?? null,
      notices: await db.rejected.orderBy("seq").reverse().toArray(),
      loaded: true,
    };
  });
}

/** The device has never completed a sync (known only once the replica has been read): nothing is "synced" yet. */
export function neverSynced(overview: SyncOverview): boolean {
  return overview.loaded && overview.lastSyncAt === null;
}

/** Outbox size, last sync time and notices, live from the replica. */
export function useSyncOverview(): SyncOverview {
  const { db } = useReplica();
  return useLiveQuery(() => readSyncOverview(db), [db]) ?? EMPTY;
}

/** The engine's live state (in flight, paused, last error). */
export function useEngineState(): SyncEngineState {
  const { engine } = useReplica();
  return useSyncExternalStore(engine.subscribe, engine.getState);
}

/**
 * True while a replica's first sync is still loading pages. Views that total the whole replica wait for
 * it: re-reading 60,000 rows after every page made the first sync several times slower.
 */
export function useInitialSyncLoading(): boolean {
  const progress = useEngineState().pullProgress;
  return Boolean(progress?.initial && progress.hasMore);
}

/** `entity:id` keys of rows with unsynced changes, for pending badges. */
export function usePendingRowKeys(): ReadonlySet<string> {
  const { db } = useReplica();
  return useLiveQuery(async () => new Set((await db.shadows.toArray()).map((s) => shadowKey(s.entity, s.id))), [db]) ?? new Set<string>();
}

/** Actions of the status bar. */
export function useSyncActions() {
  const { db, engine } = useReplica();
  return {
    dismissNotice: useCallback((id: string) => db.rejected.delete(id), [db]),
    syncNow: useCallback(() => engine.syncNow(), [engine]),
  };
}

/**
 * Calls `reload` each time the outbox drains: server-only mutations (invites, role changes…) have no
 * optimistic effect, so their result is read back from the server once the push has answered.
 */
export function useReloadWhenSynced(reload: () => void): void {
  const { pending } = useSyncOverview();
  const previous = useRef(pending);
  useEffect(() => {
    if (previous.current > 0 && pending === 0) reload();
    previous.current = pending;
  }, [pending, reload]);
}

/**
 * Whether the outbox entry `id` is still waiting for the server (null id: nothing queued). Entries leave
 * the outbox once the server confirmed them, or moved to the rejected list.
 */
export function useStillQueued(id: string | null): boolean {
  const { db } = useReplica();
  return (
    useLiveQuery(async () => (id ? (await db.outbox.where("id").equals(id).count()) > 0 : false), [db, id], id !== null) ?? id !== null
  );
}
