import { countKey } from "../../../shared/counts/rules.js";
import type { SessionData } from "./data.js";
import { batchesOf } from "./scanTarget.js";
import { Keypad } from "./Keypad.js";
import { KeyLabel } from "./parts.js";

/** The key open on the count screen: an item and its lot (null: none, or not chosen yet). */
export interface OpenKey {
  itemId: string;
  batchId: string | null;
}

/** One key open for counting: the lot choice, expected (unless blind) and the last count, the keypad, save. */
export function CountPanel(props: {
  data: SessionData;
  open: OpenKey;
  locationId: string;
  entry: string;
  setEntry: (v: string) => void;
  mine: { countedQuantity: number; needsRecount: boolean } | undefined;
  showExpected: boolean;
  onBatch: (batchId: string | null) => void;
  onSave: (quantity: number) => Promise<void>;
  onClose: () => void;
}) {
  const { data, open, locationId, entry, setEntry, mine, showExpected } = props;
  const item = data.items.get(open.itemId);
  const batches = batchesOf(data, open.itemId);
  const stock = data.stock.get(countKey({ ...open, locationId }));
  const needsBatch = !!item?.batchTracked && !open.batchId;
  const shown = entry === "" ? (mine?.countedQuantity ?? 0) : Number(entry);
  const value = Number.isFinite(shown) ? shown : 0;
  return (
    <section className="card count-panel" aria-labelledby="count-panel-title" data-testid="count-panel">
      <div className="count-panel-head">
        <h2 id="count-panel-title">
          <KeyLabel item={item} batch={open.batchId ? data.batches.get(open.batchId) : null} location={data.locations.get(locationId)} />
        </h2>
        <button type="button" className="secondary big" onClick={props.onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {item?.batchTracked && (
        <label className="batch-choice">
          Lot
          <select className="big" aria-label="Lot" value={open.batchId ?? ""} onChange={(e) => props.onBatch(e.target.value || null)}>
            <option value="">Choose the lot…</option>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.lot}
                {b.expiryDate ? ` (exp. ${b.expiryDate})` : ""}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="count-facts">
        {showExpected ? (
          <span>
            Expected: <strong data-testid="expected">{stock?.quantity ?? 0}</strong>
          </span>
        ) : (
          <span className="muted">Blind count: expected hidden</span>
        )}
        {mine && (
          <span>
            Your last count: <strong>{mine.countedQuantity}</strong>
          </span>
        )}
        {mine?.needsRecount && <span className="badge badge-warning">count again</span>}
      </div>
      <Keypad
        value={entry === "" ? String(value) : entry}
        fresh={entry === ""}
        onChange={setEntry}
        onStep={(d) => setEntry(String(Math.max(0, value + d)))}
      />
      <button type="button" className="big save-count" disabled={needsBatch} onClick={() => void props.onSave(value)}>
        {needsBatch ? "Choose the lot first" : `Save count: ${value}`}
      </button>
    </section>
  );
}
