import type { SessionData } from "./data.js";
import { KeyLabel } from "./parts.js";

/** What of this session still waits for sync on this device: counts and session actions, oldest first. */
export function PendingSyncList({ data, online }: { data: SessionData; online: boolean }) {
  const lines = data.pending.filter((p) => p.kind === "line");
  return (
    <details
      className="card pending-sync"
      data-testid="pending-sync"
      data-pending={data.pending.length}
      open={data.pending.length > 0 && data.pending.length <= 20}
    >
      <summary>
        {data.pending.length === 0
          ? "Everything of this count is synced"
          : `${data.pending.length} waiting to sync${online ? "" : " (offline: kept on this tablet)"}`}
      </summary>
      <ol className="plain-list">
        {data.pending.map((p) => (
          <li key={p.seq}>
            {p.kind === "line" ? (
              <>
                {p.quantity} ×{" "}
                <KeyLabel
                  item={data.items.get(p.itemId!)}
                  batch={p.batchId ? data.batches.get(p.batchId) : null}
                  location={data.locations.get(p.locationId!)}
                />
              </>
            ) : (
              <span className="muted">
                {p.kind === "start"
                  ? "Start of this count"
                  : p.kind === "join"
                    ? "Joining this count"
                    : p.kind === "resolve"
                      ? "A conflict decision"
                      : p.kind === "cancel"
                        ? "Cancelling"
                        : "Completing"}
              </span>
            )}
          </li>
        ))}
      </ol>
      {lines.length > 0 && <p className="muted">Counts stay on this device until the server has them, across reloads.</p>}
    </details>
  );
}
