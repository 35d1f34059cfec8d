import { useState } from "react";
import type { CountResolution } from "../../../shared/counts/rules.js";
import { describeError } from "../../api/describeError.js";
import { errorMessage } from "../../ui/format.js";
import { useCountActions, useCountDevices, useUncounted, type SessionData } from "./data.js";
import { KeyLabel, when } from "./parts.js";
import type { ReviewKey } from "./view.js";

/*
 * The review screen's decisions beyond one key: resolve every open conflict at once, the devices that
 * joined (and when each last pushed), and completing (uncounted keys, zeroing them, the rest's choice).
 */
export function ResolveAll({ keys }: { keys: readonly ReviewKey[] }) {
  const actions = useCountActions();
  const [error, setError] = useState<string | null>(null);
  const resolveAll = async (choice: CountResolution) => {
    try {
      for (const k of keys) {
        if (k.doubleCount && k.doubleCount.resolution === null) await actions.resolve(k.doubleCount.id, choice, k.deciding.id);
        if (k.stockMoved && k.stockMoved.resolution === null) await actions.resolve(k.stockMoved.id, choice, null);
      }
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="card resolve-all">
      <h2>Resolve all open conflicts at once</h2>
      <p className="muted">Double counts keep the newest count. Stock-moved keys take the reading you choose.</p>
      <div className="row-actions">
        <button type="button" className="big" onClick={() => void resolveAll("USE_COUNTED")}>
          All: use counted
        </button>
        <button type="button" className="big" onClick={() => void resolveAll("USE_COUNTED_PLUS_MOVEMENTS")}>
          All: use counted + movements
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Devices({ sessionId, online, canComplete }: { sessionId: string; online: boolean; canComplete: boolean }) {
  if (!canComplete) return null;
  return (
    <section className="card" aria-labelledby="devices-title" data-testid="count-devices">
      <h2 id="devices-title">Devices that joined</h2>
      {online ? <DeviceList sessionId={sessionId} /> : <p className="muted">Offline: unavailable (the server keeps this list).</p>}
    </section>
  );
}

function DeviceList({ sessionId }: { sessionId: string }) {
  const { state } = useCountDevices(sessionId);
  if (state.status === "loading") return <p className="muted">Loading…</p>;
  if (state.status === "error") return <p className="muted">Unavailable: {describeError(state.error)}</p>;
  if (!state.data.devices.length) return <p className="muted">No device has synced a count of this session yet.</p>;
  return (
    <ul className="plain-list">
      {state.data.devices.map((d) => (
        <li key={d.clientId} data-testid="count-device">
          <strong>{d.userName ?? "A colleague"}</strong> <span className="muted">device {d.clientId.slice(0, 4)}</span> · joined{" "}
          {when(d.joinedAt)} · last pushed {d.lastPushAt ? when(d.lastPushAt) : "never"} · {d.linesCounted} count
          {d.linesCounted === 1 ? "" : "s"}
        </li>
      ))}
    </ul>
  );
}

export function Completion(props: {
  data: SessionData;
  sessionId: string;
  online: boolean;
  summaryOpen: number;
  waitingRecount: number;
  canOverride: boolean;
  uncountedLocal: number;
}) {
  const { data, sessionId, online, summaryOpen, waitingRecount, canOverride } = props;
  const actions = useCountActions();
  const { state: uncounted } = useUncounted(sessionId);
  const [zero, setZero] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [resolveRest, setResolveRest] = useState<CountResolution>("USE_COUNTED");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const blocked = !canOverride && (summaryOpen > 0 || waitingRecount > 0);
  const uncountedKeys = online && uncounted.status === "ready" ? uncounted.data.keys : null;

  const complete = async () => {
    try {
      await actions.complete(sessionId, { resolveAll: summaryOpen > 0 && canOverride ? resolveRest : null, zeroUncounted: zero });
      setDone(true);
      setConfirming(false);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="card completion" aria-labelledby="complete-title">
      <h2 id="complete-title">Keys never counted ({uncountedKeys ? uncountedKeys.length : props.uncountedLocal})</h2>
      {uncountedKeys ? (
        <ul className="plain-list uncounted" data-testid="uncounted">
          {uncountedKeys.slice(0, 200).map((k) => (
            <li key={`${k.itemId}|${k.locationId}|${k.batchId ?? ""}`}>
              <KeyLabel
                item={data.items.get(k.itemId)}
                batch={k.batchId ? data.batches.get(k.batchId) : null}
                location={data.locations.get(k.locationId)}
              />
              {k.onHand !== null && <span className="muted"> · on hand {k.onHand}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {online
            ? "Loading the server's list…"
            : `Offline: the server's list is unavailable; this device knows of ${props.uncountedLocal}.`}
        </p>
      )}
      <label className="checkbox big-check">
        <input type="checkbox" checked={zero} onChange={(e) => setZero(e.target.checked)} /> Zero them (set keys nobody counted to 0);
        otherwise they are left unchanged
      </label>
      {blocked && (
        <p className="notice">
          {summaryOpen > 0
            ? `${summaryOpen} open conflict${summaryOpen === 1 ? "" : "s"}: an admin must review before completing.`
            : `${waitingRecount} count(s) wait for a recount.`}
        </p>
      )}
      {!confirming ? (
        <button type="button" className="big" disabled={blocked || done} onClick={() => setConfirming(true)}>
          Complete count…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-title">
          <p id="confirm-title">
            <strong>Complete this count?</strong> Stock is set to the final quantities (one count movement per key)
            {zero ? "; keys nobody counted go to 0" : ""}. This cannot be undone.
          </p>
          {summaryOpen > 0 && canOverride && (
            <label>
              Open conflicts ({summaryOpen}) resolve as
              <select
                aria-label="Open conflicts resolve as"
                value={resolveRest}
                onChange={(e) => setResolveRest(e.target.value as CountResolution)}
              >
                <option value="USE_COUNTED">use counted</option>
                <option value="USE_COUNTED_PLUS_MOVEMENTS">use counted + movements</option>
              </select>
            </label>
          )}
          <div className="row-actions">
            <button type="button" className="big" onClick={() => void complete()}>
              Yes, complete
            </button>
            <button type="button" className="big secondary" onClick={() => setConfirming(false)}>
              Not yet
            </button>
          </div>
        </div>
      )}
      {done && (
        <p className="form-success" role="status">
          Completing… the server books the counts when this device syncs.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
