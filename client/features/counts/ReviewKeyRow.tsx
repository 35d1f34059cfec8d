import { useState } from "react";
import type { CountResolution } from "../../../shared/counts/rules.js";
import type { CountLineRow } from "../../../shared/protocol/entities.js";
import { errorMessage } from "../../ui/format.js";
import { useCountActions, type SessionData } from "./data.js";
import { KeyLabel } from "./parts.js";
import { formatMoney, varianceValue, type ReviewKey } from "./view.js";

const CHOICE_LABEL: Record<CountResolution, string> = {
  USE_COUNTED: "counted after the movements (use counted)",
  USE_COUNTED_PLUS_MOVEMENTS: "counted before the movements (use counted + movements)",
};

/** One counted key on the review screen: expected, counts per device, movements, variance, the choices. */
export function KeyRow({
  k,
  data,
  showExpected,
  canOverride,
  deviceLabel,
}: {
  k: ReviewKey;
  data: SessionData;
  showExpected: boolean;
  canOverride: boolean;
  deviceLabel: (l: CountLineRow) => string;
}) {
  const actions = useCountActions();
  const [error, setError] = useState<string | null>(null);
  const price = data.prices.get(k.itemId);
  const value = varianceValue(k.variance, price?.unitPrice);
  const act = (p: Promise<unknown>) =>
    p.then(
      () => setError(null),
      (e: unknown) => setError(errorMessage(e)),
    );
  const doubleOpen = k.doubleCount && k.doubleCount.resolution === null;
  const movedOpen = k.stockMoved && k.stockMoved.resolution === null && k.movementSinceSeen !== 0;
  const chosenLine = k.doubleCount?.resolution ? k.deciding.id : null;
  return (
    <tr
      data-testid="review-key"
      data-item-id={k.itemId}
      data-location-id={k.locationId}
      data-final={k.final}
      data-open={k.open}
      className={k.open ? "open-conflict" : ""}
    >
      <th scope="row">
        <KeyLabel
          item={data.items.get(k.itemId)}
          batch={k.batchId ? data.batches.get(k.batchId) : null}
          location={data.locations.get(k.locationId)}
        />
      </th>
      <td className="num">{showExpected ? k.onHand : "—"}</td>
      <td>
        <ul className="plain-list counts-per-device">
          {k.counts.map((l) => (
            <li key={l.id} className={l.id === k.deciding.id && k.counts.length > 1 ? "deciding" : ""}>
              <strong>{l.countedQuantity}</strong> <span className="muted">{deviceLabel(l)}</span>
              {l.needsRecount && <span className="badge badge-warning">recount asked</span>}
              {chosenLine === l.id && <span className="badge badge-ok">chosen</span>}
              {doubleOpen && canOverride && (
                <button type="button" className="big" onClick={() => act(actions.resolve(k.doubleCount!.id, k.choice, l.id))}>
                  Use {l.countedQuantity}
                </button>
              )}
            </li>
          ))}
        </ul>
        {doubleOpen && <span className="badge badge-warning">double count: choose</span>}
      </td>
      <td className="num">{showExpected ? (k.movementSinceSeen === 0 ? "none" : signed(k.movementSinceSeen)) : "—"}</td>
      <td>
        {k.movementSinceSeen !== 0 && showExpected ? (
          <div className="choice">
            {movedOpen ? <span className="badge badge-warning">stock moved: choose</span> : <span>{CHOICE_LABEL[k.choice]}</span>}
            {canOverride && (
              <div className="choice-buttons">
                {(["USE_COUNTED", "USE_COUNTED_PLUS_MOVEMENTS"] as const).map((c) => (
                  <button
                    key={c}
                    type="button"
                    className={`big ${k.stockMoved?.resolution === c ? "" : "secondary"}`}
                    aria-pressed={k.stockMoved?.resolution === c}
                    onClick={() => act(actions.resolve(k.stockMoved!.id, c, k.doubleCount?.resolution ? k.deciding.id : null))}
                  >
                    {c === "USE_COUNTED" ? "Use counted" : "Use counted + movements"}: {k.onHand} → {k.finals[c]}
                  </button>
                ))}
              </div>
            )}
          </div>
        ) : (
          <span className="muted">
            {k.doubleCount?.resolution ? (k.doubleCount.details.agreed ? "counts agree" : "count chosen") : "as counted"}
          </span>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </td>
      <td className="num">{showExpected ? k.final : k.deciding.countedQuantity}</td>
      <td className={`num ${k.variance ? "variance" : ""}`}>{showExpected ? signed(k.variance) : "—"}</td>
      <td className="num">
        {showExpected && value !== null && price ? formatMoney(value, price.currency) : showExpected && k.variance ? "no price" : "—"}
      </td>
    </tr>
  );
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

/** One choice for every open conflict (double counts keep their newest count). */
