import { Link } from "@tanstack/react-router";
import type { ItemRow } from "../../../shared/protocol/entities.js";
import { useCan } from "../../app/replicaContext.js";
import { Badge } from "../../ui/Badge.js";
import type { Pack } from "./pack.js";
import { expiryAsPrinted } from "../../../shared/stock/expiry.js";
import { useStockActions } from "../inventory/data.js";
import { describeError } from "../../api/describeError.js";
import { lotNamed, useLotsOfItem } from "./data.js";
import { useState } from "react";

interface Props {
  pack: Pack;
  /** The practice's item for the pack's GTIN; null when the practice has none; undefined while loading. */
  item: ItemRow | null | undefined;
  today: string;
  onFindLot: (lot: string) => void;
}

function title(pack: Pack, item: ItemRow | null | undefined): string {
  if (item) return item.name;
  switch (pack.kind) {
    case "gs1":
    case "gtin":
      return pack.gtin ? "Not an item of this practice" : "Lot and expiry (no product code in this scan)";
    case "hibc":
      return pack.hibc ? `HIBC product ${pack.hibc.product} (labeler ${pack.hibc.lic})` : "HIBC lot and expiry";
    case "iccbba":
      return "ISBT 128 (ICCBBA) code: not handled";
    case "internal":
      return `Code ${pack.code}`;
  }
}

/** One scanned pack: what it is in this practice, and what its codes said. */
export function PackCard({ pack, item, today, onFindLot }: Props) {
  const expired = pack.expiry && pack.expiry.iso < today;
  const canAddItem = useCan("catalogue.manage");
  return (
    <li className="card pack-card" data-testid="scan-result" data-key={pack.key} data-item-id={item?.id ?? ""}>
      <h3 className="pack-title">
        {title(pack, item)}
        {item?.archived && <Badge tone="muted">archived</Badge>}
        {expired && <Badge tone="warning">expired</Badge>}
      </h3>
      {pack.gtin && item === null && (
        // The new-item form looks the GTIN up in the global catalogue and fills in what it knows.
        <p className="notice" data-testid="unknown-gtin">
          GTIN {pack.gtin} is not in this practice&rsquo;s items.{" "}
          {canAddItem ? (
            <Link to="/items/new" search={{ gtin: pack.gtin }}>
              New item with this GTIN
            </Link>
          ) : (
            "Ask an admin to add it."
          )}
        </p>
      )}
      <dl className="pack-fields">
        {pack.gtin && (
          <>
            <dt>GTIN</dt>
            <dd data-field="gtin">{pack.gtin}</dd>
          </>
        )}
        {pack.lot && (
          <>
            <dt>Lot</dt>
            <dd data-field="lot">{pack.lot}</dd>
          </>
        )}
        {pack.expiry && (
          <>
            <dt>Expiry</dt>
            <dd data-field="expiry">
              <time dateTime={pack.expiry.iso}>{pack.expiry.iso}</time> <span className="muted">(scanned {pack.expiry.raw})</span>
            </dd>
          </>
        )}
        {pack.serial && (
          <>
            <dt>Serial</dt>
            <dd data-field="serial">{pack.serial}</dd>
          </>
        )}
        {pack.symbol && (
          <>
            <dt>Symbol</dt>
            <dd className="muted">{pack.symbol}</dd>
          </>
        )}
      </dl>
      {pack.issues.length > 0 && (
        <ul className="pack-issues">
          {pack.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      {item && !item.archived && pack.lot && <LotOfItem item={item} lot={pack.lot} expiry={pack.expiry} />}
      <div className="pack-actions">
        {pack.lot && (
          <button type="button" className="secondary" onClick={() => onFindLot(pack.lot!)}>
            Where is lot {pack.lot}?
          </button>
        )}
        {pack.scans > 1 && <span className="muted">{pack.scans} scans</span>}
      </div>
    </li>
  );
}

/**
 * Lot + expiry → the item's batch: says whether this device knows the lot, and records a new one (offline
 * too; the batch id comes from item and lot, so two tablets recording the same lot agree).
 */
function LotOfItem({ item, lot, expiry }: { item: ItemRow; lot: string; expiry: Pack["expiry"] }) {
  const lots = useLotsOfItem(item.id);
  const canRecord = useCan("stock.adjust");
  const { ensureBatch } = useStockActions();
  const [error, setError] = useState<string | null>(null);
  if (!lots) return null;
  const known = lotNamed(lots, lot);
  if (known) {
    return (
      <p className="muted" data-testid="lot-known">
        Lot {known.lot} is recorded for this item{known.expiryDate ? ` (expires ${known.expiryDate})` : ""}.
      </p>
    );
  }
  if (!canRecord) return <p className="muted">Lot {lot} is new to this practice.</p>;
  const record = async () => {
    setError(null);
    try {
      await ensureBatch(item.id, lot, expiryAsPrinted(expiry), lots);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <div className="notice" data-testid="lot-new">
      Lot {lot} is new to this practice.{" "}
      <button type="button" className="secondary" onClick={() => void record()}>
        Record lot {lot}
        {expiry ? ` (expires ${expiry.iso})` : ""}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
