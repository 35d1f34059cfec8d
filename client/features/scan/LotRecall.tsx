import { Link } from "@tanstack/react-router";
import { useMemo, useState, type FormEvent, type RefObject } from "react";
import { useLocations } from "../locations/data.js";
import { useLotLookup } from "../stock-views/data.js";
import { locationPath } from "./lots.js";

interface Props {
  lot: string;
  onLot: (lot: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * Lot recall: type or scan a lot, see every location holding it (the stock views' look-up, from this
 * device's data, offline too). A scan into the field looks up the lot the code carries.
 */
export function LotRecall({ lot, onLot, inputRef }: Props) {
  const [draft, setDraft] = useState(lot);
  const [shownLot, setShownLot] = useState(lot);
  // A lot chosen elsewhere (a scan, "Where is lot …?") replaces what was typed.
  if (lot !== shownLot) {
    setShownLot(lot);
    setDraft(lot);
  }
  const lines = useLotLookup(lot);
  const locations = useLocations();
  const byId = useMemo(() => new Map((locations ?? []).map((l) => [l.id, l])), [locations]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onLot(draft.trim());
  };
  const total = lines?.reduce((sum, l) => sum + (l.quantity ?? 0), 0) ?? 0;

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
      <p className="muted">
        Every location holding the lot now, from this device (offline too). A lot&rsquo;s movement history is not on tablets yet.
      </p>
      {lot && lines && (
        <div data-testid="lot-report" data-lot={lot}>
          {lines.length === 0 ? (
            <p className="muted">No stock of lot {lot} on this device.</p>
          ) : (
            <>
              <p>
                Lot <strong>{lot}</strong>: {total}
                {lines.some((l) => l.quantity === null) ? " (and some hidden by a blind count)" : ""} in {lines.length} place
                {lines.length === 1 ? "" : "s"}.
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
                  {lines.map((l) => (
                    <tr key={`${l.batch.id}:${l.location?.id ?? ""}`} data-testid="lot-holding">
                      <th scope="row">
                        {l.location ? (
                          <Link to="/locations/$locationId" params={{ locationId: l.location.id }}>
                            {locationPath(byId, l.location.id) || l.location.name}
                          </Link>
                        ) : (
                          "Unknown location"
                        )}
                      </th>
                      <td>{l.item?.name ?? "Unknown item"}</td>
                      <td>
                        {l.batch.expiryDate ?? "—"}
                        {l.batch.expiryRaw && l.batch.expiryRaw !== l.batch.expiryDate && (
                          <span className="muted"> (given as {l.batch.expiryRaw})</span>
                        )}
                      </td>
                      <td className="num">{l.quantity ?? "hidden (blind count)"}</td>
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
