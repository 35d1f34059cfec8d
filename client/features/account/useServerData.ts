import { useCallback, useEffect, useRef, useState } from "react";
import { useLiveQuery } from "dexie-react-hooks";
import { useReplica } from "../../app/replicaContext.js";
import { useSyncOverview } from "../sync/data.js";

export type ServerData<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "error"; error: unknown };

/**
 * Loads server-only data (members, onboarding, sessions…) that the replica does not hold. `reload`
 * fetches again and keeps showing the previous answer meanwhile.
 */
export function useServerData<T>(load: () => Promise<T>): { state: ServerData<T>; reload: () => void } {
  const [state, setState] = useState<ServerData<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ status: "ready", data }),
      (error: unknown) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // Others change these too (a colleague accepts an invitation): read again when the user comes back.
  useEffect(() => {
    window.addEventListener("focus", reload);
    return () => window.removeEventListener("focus", reload);
  }, [reload]);
  return { state, reload };
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
  return useLiveQuery(async () => (id ? (await db.outbox.where("id").equals(id).count()) > 0 : false), [db, id], id !== null) ?? id !== null;
}
