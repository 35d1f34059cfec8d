import { useEffect, useState } from "react";
import { applyUpdate, useUpdateState } from "./serviceWorker.js";

/**
 * "Update available". Never reloads behind the user's back while changes are queued: with an empty
 * outbox "Update now" reloads at once; otherwise the user picks "Update after sync" (applied the moment
 * the outbox drains) or "Update anyway" (the queued changes are kept in IndexedDB and sent, exactly once,
 * by the new version). When the server requires the update it is applied as soon as the outbox is empty.
 */
export function UpdateBanner({ pending }: { pending: number }) {
  const { waiting, required } = useUpdateState();
  const [confirming, setConfirming] = useState(false);
  const [afterSync, setAfterSync] = useState(false);

  useEffect(() => {
    if ((required || afterSync) && waiting && pending === 0) applyUpdate();
  }, [required, afterSync, waiting, pending]);

  if (!waiting && !required) return null;
  const changes = `${pending.toLocaleString()} ${pending === 1 ? "change is" : "changes are"}`;
  return (
    <div className="banner" role="status" data-testid="update-banner">
      <span>
        {required ? "This version can no longer sync. " : "A new version of Venzory is available. "}
        {confirming && !afterSync && `${changes} not synced yet; they are kept on this device and sent after the update.`}
        {afterSync && pending > 0 && `Updating once ${changes} synced…`}
        {required && !waiting && " Looking for the new version…"}
      </span>
      {!afterSync && confirming && (
        <button type="button" className="secondary" onClick={() => setAfterSync(true)}>
          Update after sync
        </button>
      )}
      {!afterSync && (
        <button type="button" onClick={() => (pending === 0 || confirming ? applyUpdate() : setConfirming(true))}>
          {confirming ? "Update anyway" : waiting ? "Update now" : "Reload"}
        </button>
      )}
    </div>
  );
}
