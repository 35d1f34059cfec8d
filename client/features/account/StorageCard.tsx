import { useEffect, useState } from "react";
import { formatBytes, readStorageStatus, requestPersistentStorage, type StorageStatus } from "../../pwa/storage.js";

/** How much this device stores for offline use, and whether the browser may clear it. */
export function StorageCard() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [asked, setAsked] = useState(false);

  useEffect(() => {
    let live = true;
    void readStorageStatus().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [asked]);

  return (
    <div className="card" data-testid="storage-card">
      <h2>Storage on this device</h2>
      {!status && <p className="page-status">Reading…</p>}
      {status && status.usage !== null && (
        <p data-testid="storage-usage">
          Offline data uses {formatBytes(status.usage)}
          {status.quota ? ` of ${formatBytes(status.quota)} available to this app` : ""}.
        </p>
      )}
      {status?.persisted === true && <p className="muted">The browser keeps this data until you clear it.</p>}
      {status?.persisted === false && (
        <div className="notice" role="note" data-testid="storage-warning">
          <p>
            The browser may delete this data when the device runs low on space, including changes not sent yet. Installing the app (Add to
            Home Screen) usually lets the browser keep it; sync often on this device.
          </p>
          <button type="button" className="secondary" onClick={() => void requestPersistentStorage().then(() => setAsked(!asked))}>
            Ask the browser to keep it
          </button>
        </div>
      )}
      {status?.persisted === null && <p className="muted">This browser does not say whether it keeps offline data.</p>}
    </div>
  );
}
