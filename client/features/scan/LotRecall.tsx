import { useState, type FormEvent, type RefObject } from "react";
import { useLotReport } from "./data.js";

interface Props {
  lot: string;
  onLot: (lot: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/** Lot recall: type or scan a lot, see every location holding it (from this device's data, offline too). */
export function LotRecall({ lot, onLot, inputRef }: Props) {
  const [draft, setDraft] = useState(lot);
  const [shownLot, setShownLot] = useState(lot);
  // A lot chosen elsewhere (a scan, "Where is lot …?") replaces what was typed.
  if (lot !== shownLot) {
    setShownLot(lot);
    setDraft(lot);
  }
  const report = useLotReport(lot);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onLot(draft.trim());
  };
  const total = report?.holdings.reduce((sum, h) => sum + h.quantity, 0) ?? 0;

  return (
    <section className="card lot-recall" aria-labelledby="lot-recall-title">
      <h2 id="lot-recall-title">Lot recall</h2>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="lot-recall-input">Lot</label>
        <input
          id="lot-recall-input"
          ref={inputRef}
          data-scan-field=""
          autoComplete="off"
          spellCheck={false}
          placeholder="Type or scan a lot"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Find lot</button>
      </form>
      {lot && report && (
        <div data-testid="lot-report" data-lot={lot}>
          {report.batches.length === 0 ? (
            <p className="muted">No batch with lot {lot} on this device.</p>
          ) : report.holdings.length === 0 ? (
            <p className="muted">
              Lot {lot} is known ({report.batches.map((b) => b.item?.name ?? "unknown item").join(", ")}) but no location holds any.
            </p>
          ) : (
            <>
              <p>
                Lot <strong>{lot}</strong>: {total} in {report.holdings.length} place{report.holdings.length === 1 ? "" : "s"}.
              </p>
              <table className="stock-table">
                <thead>
                  <tr>
                    <th scope="col">Location</th>
                    <th scope="col">Item</th>
                    <th scope="col">Expiry</th>
                    <th scope="col" className="num">
                      Quantity
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.holdings.map((h) => (
                    <tr key={`${h.batch.id}:${h.location?.id ?? h.path}`} data-testid="lot-holding">
                      <th scope="row">{h.path || "Unknown location"}</th>
                      <td>{h.item?.name ?? "Unknown item"}</td>
                      <td>{h.batch.expiryDate?.slice(0, 10) ?? "—"}</td>
                      <td className="num">{h.quantity}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
