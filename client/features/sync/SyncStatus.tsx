import { useState } from "react";
import { useReplica } from "../../app/replicaContext.js";
import { useIdentity } from "../../app/sessionContext.js";
import { Badge } from "../../ui/Badge.js";
import { formatSyncTime } from "../../ui/format.js";
import { useNow } from "../../ui/useNow.js";
import { useOnline } from "../../ui/useOnline.js";
import { neverSynced, useEngineState, useSyncActions, useSyncOverview } from "./data.js";
import { describeMutation } from "./describeMutation.js";
import { NoticeItem } from "./NoticeItem.js";
import { WaitingOnDevice } from "./WaitingOnDevice.js";

/**
 * The always-visible sync indicator: online state, pending count, last sync, and a panel listing
 * problems (rejected changes with their reason and a dismiss button, conflicts, paused sync).
 */
export function SyncStatus() {
  const online = useOnline();
  const overview = useSyncOverview();
  const engine = useEngineState();
  const { dismissNotice, syncNow } = useSyncActions();
  const { db, role } = useReplica();
  const identity = useIdentity();
  const practiceId = identity.practice.id;
  const [open, setOpen] = useState(false);
  const now = useNow();
  const lastSync = formatSyncTime(overview.lastSyncAt, now);
  const notYet = neverSynced(overview);
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
        <span className="sync-pending" data-testid="sync-summary">
          {summaryText({
            pending: overview.pending,
            toReview: problems,
            online,
            pushError: engine.pushError,
            paused: engine.blocked !== null,
            neverSynced: notYet,
          })}
          {!notYet && ` · last sync ${lastSync}`}
        </span>
        {loading && (
          <span className="sync-progress" role="status" data-testid="sync-progress">
            Loading practice data… {loading.changes.toLocaleString()} records, {loading.pages} {loading.pages === 1 ? "page" : "pages"}
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
          {online && engine.pushError && !engine.blocked && overview.pending > 0 && (
            <p className="form-error" data-testid="push-failing">
              Your {overview.pending.toLocaleString()} pending {overview.pending === 1 ? "change has" : "changes have"} not reached the
              server: {engine.pushError} Retrying automatically.
            </p>
          )}
          {online && engine.lastError && !engine.pushError && !engine.blocked && (
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
                  <NoticeItem key={n.id} notice={n} onDismiss={(id) => void dismissNotice(id)} />
                ))}
              </ul>
            </>
          )}
          <WaitingOnDevice
            query={{ exceptDbName: db.name, detailsForPractice: role === "ADMIN" ? practiceId : undefined }}
            current={{ userId: identity.user.id, practiceId }}
          />
          <button type="button" className="secondary" onClick={() => void syncNow()} disabled={!online}>
            Sync now
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The summary's first words. "All changes synced" only when nothing is queued and nothing waits for a
 * decision; a failing push says so instead of the pending count alone.
 */
export function summaryText(s: {
  pending: number;
  toReview: number;
  online: boolean;
  pushError: string | null;
  paused: boolean;
  /** The device has never completed a sync (a new tablet before its first pull): nothing is "synced" yet. */
  neverSynced?: boolean;
}): string {
  const pending = s.pending.toLocaleString();
  if (s.paused) return s.pending > 0 ? `Sync paused, ${pending} not sent` : "Sync paused";
  if (s.pending > 0 && s.online && s.pushError) return `${pending} not sent: ${s.pushError}`;
  if (s.pending > 0) return `${pending} pending`;
  if (s.neverSynced) return "Not synced yet";
  return s.toReview > 0 ? "Nothing waiting to send" : "All changes synced";
}
