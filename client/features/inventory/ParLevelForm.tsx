import type { ParLevelRow } from "../../../shared/protocol/entities.js";
import { useCan } from "../../app/replicaContext.js";
import { FormError } from "../../ui/FormError.js";
import { useLevelActions, useLevelPairForm } from "./levels.js";

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
  const {
    low: min,
    setLow: setMin,
    high: max,
    setHigh: setMax,
    error,
    saved,
    submit,
  } = useLevelPairForm(
    { low: current?.minQuantity, high: current?.maxQuantity },
    (lo, hi) => setPar(itemId, locationId, lo, hi),
    `Par level of ${itemName} here saved.`,
  );
  if (!canManage) return null;
  const prefix = `par-${itemId}-`;

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
