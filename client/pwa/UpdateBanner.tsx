import { useEffect, useState } from "react";
import { applyUpdate, useUpdateState } from "./serviceWorker.js";

/**
 * "Update available". Applies at once when nothing is waiting to sync; otherwise asks first, because
 * the reload interrupts the user (their queued changes are safe in IndexedDB either way). When the
 * server requires the update, it is applied automatically as soon as the outbox is empty.
 */
export function UpdateBanner({ pending }: { pending: number }) {
  const { waiting, required } = useUpdateState();
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (required && waiting && pending === 0) applyUpdate();
  }, [required, waiting, pending]);

  if (!waiting && !required) return null;
  const update = () => (pending === 0 || confirming ? applyUpdate() : setConfirming(true));
  return (
    <div className="banner" role="status">
      <span>
        {required ? "This version can no longer sync. " : "An update is available. "}
        {confirming && `${pending} change(s) are not synced yet; they are saved on this device and will sync after the update.`}
        {required && !waiting && " Looking for the new version…"}
      </span>
      <button type="button" onClick={update}>
        {confirming ? "Update anyway" : waiting ? "Update now" : "Reload"}
      </button>
    </div>
  );
}
