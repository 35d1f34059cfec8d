import { useState } from "react";
import { Badge } from "../../ui/Badge.js";
import { formatSyncTime } from "../../ui/format.js";
import { useNow } from "../../ui/useNow.js";
import { useOnline } from "../../ui/useOnline.js";
import { useEngineState, useSyncActions, useSyncOverview } from "./data.js";
import { describeMutation } from "./describeMutation.js";

/**
 * The always-visible sync indicator: online state, pending count, last sync, and a panel listing
 * problems (rejected changes with their reason and a dismiss button, conflicts, paused sync).
 */
export function SyncStatus() {
  const online = useOnline();
  const overview = useSyncOverview();
  const engine = useEngineState();
  const { dismissNotice, syncNow } = useSyncActions();
  const [open, setOpen] = useState(false);
  const now = useNow();
  const lastSync = formatSyncTime(overview.lastSyncAt, now);
  const problems = overview.notices.length + overview.mayBeRejected.length + (engine.blocked ? 1 : 0);
  const busy = engine.pushing || engine.pulling;
  // A first sync (or one after a reset) of a large practice takes seconds: say how far it got.
  const loading = engine.pullProgress?.initial && engine.pullProgress.hasMore ? engine.pullProgress : null;

  return (
    <div
      className="sync-status"
      data-testid="sync-status"
      data-online={String(online)}
      data-pending={String(overview.pending)}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
    >
      <button type="button" className="sync-summary" aria-expanded={open} aria-controls="sync-panel" onClick={() => setOpen(!open)}>
        <span className={`dot ${online ? "dot-online" : "dot-offline"}`} aria-hidden="true" />
        <span>{online ? "Online" : "Offline"}</span>
        <span className="sync-pending">
          {overview.pending === 0 ? "All changes synced" : `${overview.pending} pending`} · last sync {lastSync}
        </span>
        {loading && (
          <span className="sync-progress" role="status" data-testid="sync-progress">
            Loading practice data… {loading.changes.toLocaleString()} records
          </span>
        )}
        {problems > 0 && <Badge tone="warning">{problems} to review</Badge>}
      </button>
      {open && (
        <div id="sync-panel" className="sync-panel">
          <p>
            Last sync: <time dateTime={overview.lastSyncAt ?? undefined}>{lastSync}</time>
            {busy && " · syncing…"}
          </p>
          {engine.blocked && (
            <p className="form-error" role="alert">
              {engine.blocked.message}
            </p>
          )}
          {!online && <p className="muted">You are offline. Changes are saved on this device and sync when the connection is back.</p>}
          {online && engine.lastError && !engine.blocked && (
            <p className="muted">Last attempt failed: {engine.lastError} Retrying automatically.</p>
          )}
          {overview.mayBeRejected.length > 0 && (
            <>
              <h2>May be rejected</h2>
              <ul className="notice-list">
                {overview.mayBeRejected.map((m) => (
                  <li key={m.seq}>
                    <strong>{describeMutation(m.name, m.args)}</strong> — {m.message} The server will decide when it syncs.
                  </li>
                ))}
              </ul>
            </>
          )}
          {overview.notices.length > 0 && (
            <>
              <h2>Changes the server did not accept as made</h2>
              <ul className="notice-list">
                {overview.notices.map((n) => (
                  <li key={n.id}>
                    <div>
                      <strong>{describeMutation(n.name, n.args)}</strong>{" "}
                      <Badge tone={n.kind === "rejected" ? "warning" : "muted"}>{n.kind === "rejected" ? "rejected" : "conflict"}</Badge>
                      <p>{n.message}</p>
                    </div>
                    <button type="button" className="secondary" onClick={() => void dismissNotice(n.id)}>
                      Dismiss
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="secondary" onClick={() => void syncNow()} disabled={!online}>
            Sync now
          </button>
        </div>
      )}
    </div>
  );
}
