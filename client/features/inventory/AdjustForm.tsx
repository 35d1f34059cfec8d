import { useState, type FormEvent } from "react";
import type { AdjustmentReason } from "../../../shared/stock/rules.js";
import { isExpired, isValidExpiry, localToday } from "../../../shared/stock/expiry.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { flattenTree, useLocationTree } from "../locations/data.js";
import { useActiveItems, useBatchesOf, useStockActions } from "./data.js";
import { REASON_OPTIONS } from "./reasons.js";

interface Props {
  locationId: string;
  itemId: string | null;
  onItemChange: (itemId: string | null) => void;
  /** "inline": opened under a row (tablet); the item is fixed and the form is compact. */
  variant?: "side" | "inline";
}

type Change = "add" | "remove" | "move" | "used";
const NEW_LOT = "__new";

/**
 * Change stock at a location: add or remove (an adjustment with a reason), move to another location
 * (a transfer), or record what was used. A batch-tracked item always names its lot: an existing one
 * (first expiry first, expired ones flagged) or a new lot with its expiry, recorded before the stock.
 */
export function AdjustForm({ locationId, itemId, onItemChange, variant = "side" }: Props) {
  const items = useActiveItems() ?? [];
  const item = items.find((i) => i.id === itemId) ?? null;
  const batches = useBatchesOf(item?.batchTracked ? item.id : null);
  const tree = useLocationTree(false);
  const { adjust, transfer, consume, ensureBatch } = useStockActions();
  const [change, setChange] = useState<Change>("add");
  const [amount, setAmount] = useState("");
  const [batchChoice, setBatchChoice] = useState<string>("");
  const [lot, setLot] = useState("");
  const [expiry, setExpiry] = useState("");
  const [toLocationId, setToLocationId] = useState("");
  const [reason, setReason] = useState<AdjustmentReason>("COUNT_CORRECTION");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const today = localToday();
  const prefix = variant === "inline" ? `row-${itemId ?? ""}-` : "adjust-";
  const targets = tree ? flattenTree(tree).filter((n) => n.location.id !== locationId) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!item) return setError("Choose an item.");
    const n = Number(amount);
    if (!Number.isInteger(n) || n <= 0) return setError("Enter a whole number greater than 0.");
    try {
      let batchId: string | null = null;
      if (item.batchTracked) {
        if (!batchChoice) return setError("Choose the lot (batch), or add a new one.");
        if (batchChoice === NEW_LOT) {
          if (!lot.trim()) return setError("Enter the lot number.");
          if (expiry && !isValidExpiry(expiry)) return setError("Expiry must be a date (YYYY-MM-DD; day 00 means the month's last day).");
          batchId = await ensureBatch(item.id, lot, expiry || null, batches);
        } else batchId = batchChoice;
      }
      if (change === "move") {
        if (!toLocationId) return setError("Choose where to move it.");
        await transfer({ itemId: item.id, batchId, fromLocationId: locationId, toLocationId, quantity: n, note: note.trim() });
      } else if (change === "used") {
        await consume({ locationId, itemId: item.id, batchId, quantity: n, note: note.trim() });
      } else {
        await adjust({ locationId, itemId: item.id, batchId, quantity: change === "add" ? n : -n, reason, note: note.trim() });
      }
      setError(null);
      setAmount("");
      setNote("");
      setLot("");
      setExpiry("");
      if (batchChoice === NEW_LOT && batchId) setBatchChoice(batchId);
      const verb = { add: "Added", remove: "Removed", move: "Moved", used: "Recorded as used:" }[change];
      setSaved(`${verb} ${n} ${item.name}. It syncs automatically.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form
      className={variant === "inline" ? "card form-grid inline-stock-form" : "card form-grid"}
      onSubmit={submit}
      aria-labelledby={`${prefix}title`}
      id={variant === "inline" ? undefined : "adjust-form"}
    >
      <h2 id={`${prefix}title`}>{variant === "inline" && item ? `Change stock: ${item.name}` : "Change stock"}</h2>
      {variant === "side" && (
        <>
          <label htmlFor={`${prefix}item`}>Item</label>
          <select
            id={`${prefix}item`}
            value={itemId ?? ""}
            onChange={(e) => {
              onItemChange(e.target.value || null);
              setBatchChoice("");
            }}
            required
          >
            <option value="">Choose an item…</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
                {i.sku ? ` (${i.sku})` : ""}
              </option>
            ))}
          </select>
        </>
      )}
      <fieldset className="segmented">
        <legend>Change</legend>
        {(
          [
            ["add", "Add"],
            ["remove", "Remove"],
            ["move", "Move"],
            ["used", "Used"],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={`${prefix}change`} value={value} checked={change === value} onChange={() => setChange(value)} />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      {item?.batchTracked && (
        <>
          <label htmlFor={`${prefix}batch`}>Lot</label>
          <select id={`${prefix}batch`} value={batchChoice} onChange={(e) => setBatchChoice(e.target.value)} required>
            <option value="">Choose a lot…</option>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.lot}
                {b.expiryDate ? ` — expires ${b.expiryDate}` : ""}
                {isExpired(b.expiryDate, today) ? " (EXPIRED)" : ""}
              </option>
            ))}
            {change === "add" && <option value={NEW_LOT}>New lot…</option>}
          </select>
          {batchChoice === NEW_LOT && (
            <>
              <label htmlFor={`${prefix}lot`}>Lot number</label>
              <input id={`${prefix}lot`} value={lot} onChange={(e) => setLot(e.target.value)} maxLength={64} autoComplete="off" required />
              <label htmlFor={`${prefix}expiry`}>Expiry (YYYY-MM-DD; day 00 = end of month)</label>
              <input
                id={`${prefix}expiry`}
                value={expiry}
                onChange={(e) => setExpiry(e.target.value)}
                placeholder="2027-03-00"
                inputMode="numeric"
                autoComplete="off"
              />
            </>
          )}
        </>
      )}
      <label htmlFor={`${prefix}amount`}>Amount</label>
      <input
        id={`${prefix}amount`}
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        required
      />
      {change === "move" && (
        <>
          <label htmlFor={`${prefix}to`}>Move to</label>
          <select id={`${prefix}to`} value={toLocationId} onChange={(e) => setToLocationId(e.target.value)} required>
            <option value="">Choose a location…</option>
            {targets.map((n) => (
              <option key={n.location.id} value={n.location.id}>
                {"\u00a0\u00a0".repeat(n.depth) + n.location.name}
              </option>
            ))}
          </select>
        </>
      )}
      {(change === "add" || change === "remove") && (
        <>
          <label htmlFor={`${prefix}reason`}>Reason</label>
          <select id={`${prefix}reason`} value={reason} onChange={(e) => setReason(e.target.value as AdjustmentReason)}>
            {REASON_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${prefix}note`}>Note (optional)</label>
      <textarea id={`${prefix}note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
      <FormError message={error} />
      {saved && (
        <p className="form-success" role="status">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">{change === "move" ? "Move stock" : change === "used" ? "Record use" : "Save adjustment"}</button>
        {variant === "inline" && (
          <button type="button" className="secondary" onClick={() => onItemChange(null)}>
            Close
          </button>
        )}
      </div>
    </form>
  );
}
