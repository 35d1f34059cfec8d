import { useState, type FormEvent } from "react";
import type { AdjustmentReason } from "../../../shared/stock/rules.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { useActiveItems, useBatchesOf, useStockActions } from "./data.js";
import { REASON_OPTIONS } from "./reasons.js";

interface Props {
  locationId: string;
  itemId: string | null;
  onItemChange: (itemId: string | null) => void;
}

/** Adjust stock at a location: item (and batch), add/remove an amount, reason, optional note. */
export function AdjustForm({ locationId, itemId, onItemChange }: Props) {
  const items = useActiveItems() ?? [];
  const item = items.find((i) => i.id === itemId) ?? null;
  const batches = useBatchesOf(item?.batchTracked ? item.id : null);
  const { adjust } = useStockActions();
  const [direction, setDirection] = useState<"add" | "remove">("add");
  const [amount, setAmount] = useState("");
  const [batchId, setBatchId] = useState<string | null>(null);
  const [reason, setReason] = useState<AdjustmentReason>("COUNT_CORRECTION");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (!item) return setError("Choose an item.");
    const n = Number(amount);
    if (!Number.isInteger(n) || n <= 0) return setError("Enter a whole number greater than 0.");
    try {
      await adjust({ locationId, itemId: item.id, batchId, quantity: direction === "add" ? n : -n, reason, note: note.trim() });
      setError(null);
      setAmount("");
      setNote("");
      setSaved(`${direction === "add" ? "Added" : "Removed"} ${n} ${item.name}. It syncs automatically.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="adjust-title" id="adjust-form">
      <h2 id="adjust-title">Adjust stock</h2>
      <label htmlFor="adjust-item">Item</label>
      <select
        id="adjust-item"
        value={itemId ?? ""}
        onChange={(e) => {
          onItemChange(e.target.value || null);
          setBatchId(null);
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
      {item?.batchTracked && (
        <>
          <label htmlFor="adjust-batch">Batch</label>
          <select id="adjust-batch" value={batchId ?? ""} onChange={(e) => setBatchId(e.target.value || null)}>
            <option value="">No batch</option>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.lot}
                {b.expiryDate ? ` — expires ${b.expiryDate.slice(0, 10)}` : ""}
              </option>
            ))}
          </select>
        </>
      )}
      <fieldset className="segmented">
        <legend>Change</legend>
        <label>
          <input type="radio" name="direction" value="add" checked={direction === "add"} onChange={() => setDirection("add")} /> Add
        </label>
        <label>
          <input type="radio" name="direction" value="remove" checked={direction === "remove"} onChange={() => setDirection("remove")} /> Remove
        </label>
      </fieldset>
      <label htmlFor="adjust-amount">Amount</label>
      <input id="adjust-amount" type="number" inputMode="numeric" min={1} step={1} value={amount} onChange={(e) => setAmount(e.target.value)} required />
      <label htmlFor="adjust-reason">Reason</label>
      <select id="adjust-reason" value={reason} onChange={(e) => setReason(e.target.value as AdjustmentReason)}>
        {REASON_OPTIONS.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <label htmlFor="adjust-note">Note (optional)</label>
      <textarea id="adjust-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} />
      <FormError message={error} />
      {saved && (
        <p className="form-success" role="status">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button type="submit">Save adjustment</button>
      </div>
    </form>
  );
}
