import { useOnline } from "../../ui/useOnline.js";
import { neverSynced, useEngineState, useInitialSyncLoading, useSyncOverview } from "./data.js";
import { syncAnnouncement } from "./syncAnnouncement.js";

/**
 * A polite live region (visually hidden) that screen readers read out when the sync state changes:
 * the visible status in the top bar is a button whose text changes silently.
 */
export function SyncAnnouncer() {
  const online = useOnline();
  const overview = useSyncOverview();
  const engine = useEngineState();
  const loading = useInitialSyncLoading();
  const problems = overview.notices.length + overview.mayBeRejected.length + (engine.blocked ? 1 : 0);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="sync-announcement">
      {syncAnnouncement({
        online,
        pending: overview.pending,
        problems,
        pushError: engine.pushError,
        loading,
        neverSynced: neverSynced(overview),
      })}
    </p>
  );
}
