import { useCallback, useState } from "react";
import type { LotMovement } from "../../../shared/api/stock.js";
import { describeError } from "../../api/describeError.js";
import { isNetworkError } from "../../api/errors.js";
import { useOnline } from "../../ui/useOnline.js";
import { useServerData } from "../../ui/useServerData.js";
import { fetchLotMovements, useLotBatches } from "./data.js";

const KIND_LABELS: Record<LotMovement["kind"], string> = {
  RECEIPT: "Received",
  ADJUSTMENT: "Adjusted",
  TRANSFER_OUT: "Moved out",
  TRANSFER_IN: "Moved in",
  COUNT: "Counted",
  CONSUMPTION: "Used",
};

/** An adjustment's reason ("OPENING_BALANCE" → "opening balance"), a use's note; a transfer's is just "TRANSFER". */
function detail(m: LotMovement): string | null {
  if (!m.reason) return null;
  if (m.kind === "ADJUSTMENT") return m.reason.toLowerCase().replaceAll("_", " ");
  return m.kind === "CONSUMPTION" ? m.reason : null;
}

const OFFLINE = "Movement history needs a connection.";

/**
 * The ledger lines of every lot with this lot text. Read from the server, not the replica (the ledger
 * grows without bound), so offline this says what it needs instead of showing a partial history.
 */
export function LotMovements({ lot }: { lot: string }) {
  const online = useOnline();
  const found = useLotBatches(lot);
  if (!found || found.batches.length === 0) return null;
  return (
    <section aria-labelledby="lot-movements-title" className="view-group">
      <h2 id="lot-movements-title">Movements</h2>
      {!online ? (
        <p className="page-status" role="status">
          {OFFLINE}
        </p>
      ) : (
        found.batches.map(({ batch, itemName }) => (
          <BatchMovements
            key={batch.id}
            batchId={batch.id}
            stamp={found.stamp}
            title={found.batches.length > 1 ? itemName : undefined}
            locationNames={found.locationNames}
          />
        ))
      )}
    </section>
  );
}

interface Older {
  movements: LotMovement[];
  nextCursor: string | null;
  loading: boolean;
  error?: string;
}

const failure = (err: unknown) => (isNetworkError(err) ? OFFLINE : describeError(err));

function BatchMovements({
  batchId,
  stamp,
  title,
  locationNames,
}: {
  batchId: string;
  stamp: string;
  title?: string;
  locationNames: ReadonlyMap<string, string>;
}) {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` is the reason to read again: the lot's stock changed on the server
  const { state } = useServerData(useCallback(() => fetchLotMovements(batchId), [batchId, stamp]));
  // Pages after the first, fetched on request ("Show older movements").
  const [older, setOlder] = useState<Older>({ movements: [], nextCursor: null, loading: false });

  if (state.status === "loading") return <p className="page-status">Loading movements…</p>;
  if (state.status === "error")
    return (
      <p className="page-status" role="status">
        {failure(state.error)}
      </p>
    );
  const first = new Set(state.data.movements.map((m) => m.id));
  const movements = [...state.data.movements, ...older.movements.filter((m) => !first.has(m.id))];
  const nextCursor = older.movements.length > 0 ? older.nextCursor : state.data.nextCursor;

  async function showOlder(cursor: string) {
    setOlder((o) => ({ ...o, loading: true, error: undefined }));
    try {
      const page = await fetchLotMovements(batchId, cursor);
      setOlder((o) => ({ movements: [...o.movements, ...page.movements], nextCursor: page.nextCursor, loading: false }));
    } catch (err) {
      setOlder((o) => ({ ...o, loading: false, error: failure(err) }));
    }
  }

  return (
    <div className="lot-movements">
      {title && <h3>{title}</h3>}
      {movements.length === 0 ? (
        <p className="page-status">No movements recorded for this lot yet (stock booked on a tablet appears once it has synced).</p>
      ) : (
        <table className="stock-table" aria-label={title ? `Movements of ${title}` : "Movements of the lot"}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {movements.map((m) => (
              <tr key={m.id} data-testid="lot-movement">
                <td>{new Date(m.createdAt).toLocaleString()}</td>
                <td>
                  {KIND_LABELS[m.kind]}
                  {detail(m) && <span className="muted"> · {detail(m)}</span>}
                </td>
                <td>{locationNames.get(m.locationId) ?? "Unknown location"}</td>
                <td className="num">{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
                <td>{m.actorName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older.error && (
        <p className="page-status" role="status">
          {older.error}
        </p>
      )}
      {nextCursor && (
        <button type="button" className="secondary" disabled={older.loading} onClick={() => void showOlder(nextCursor)}>
          Show older movements
        </button>
      )}
    </div>
  );
}
