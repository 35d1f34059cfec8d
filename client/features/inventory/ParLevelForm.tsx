import { useState, type FormEvent } from "react";
import type { ParLevelRow } from "../../../shared/protocol/entities.js";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { levelText, parseLevel, useLevelActions } from "./levels.js";

/** The par level of one item at one location (minimum to keep here, and the most it should hold). */
export function ParLevelForm({
  locationId,
  locationName,
  itemId,
  itemName,
  current,
  inline = false,
}: {
  locationId: string;
  locationName: string;
  itemId: string;
  itemName: string;
  current: ParLevelRow | undefined;
  /** Under the item's row (tablet), indented like the stock form above it. */
  inline?: boolean;
}) {
  const canManage = useCan("catalogue.manage");
  const { setPar } = useLevelActions();
  const [min, setMin] = useState(levelText(current?.minQuantity));
  const [max, setMax] = useState(levelText(current?.maxQuantity));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!canManage) return null;
  const prefix = `par-${itemId}-`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const lo = parseLevel(min);
    const hi = parseLevel(max);
    if (lo === undefined || hi === undefined) return setError("Levels are whole numbers of 0 or more (leave blank for none).");
    if (lo !== null && hi !== null && lo > hi) return setError("The minimum cannot be above the maximum.");
    try {
      await setPar(itemId, locationId, lo, hi);
      setError(null);
      setSaved(`Par level of ${itemName} here saved.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form
      className="card form-grid"
      style={inline ? { margin: "0 0.75rem 0.75rem" } : undefined}
      onSubmit={submit}
      aria-labelledby={`${prefix}title`}
    >
      <h3 id={`${prefix}title`} style={{ margin: 0 }}>
        Par level at {locationName}
      </h3>
      <label htmlFor={`${prefix}min`}>Minimum here</label>
      <input
        id={`${prefix}min`}
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={min}
        onChange={(e) => setMin(e.target.value)}
        placeholder="none"
      />
      <label htmlFor={`${prefix}max`}>Maximum here</label>
      <input
        id={`${prefix}max`}
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={max}
        onChange={(e) => setMax(e.target.value)}
        placeholder="none"
      />
      <FormError message={error} />
      {saved && (
        <p className="form-success" role="status">
          {saved}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="secondary">
          Save par level
        </button>
      </div>
    </form>
  );
}
