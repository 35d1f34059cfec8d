import type { ItemRow } from "../../../shared/protocol/entities.js";
import { useCan } from "../../app/replicaContext.js";
import { FormError } from "../../ui/FormError.js";
import { useLevelActions, useLevelPairForm } from "./levels.js";

/**
 * The item's practice-wide levels: the reorder point (at or below it, the item is "low stock" on the
 * dashboard) and the maximum ("to order" fills up to it). Totals are over every location; per-location
 * par levels are set on each location's stock screen.
 */
export function ItemLevels({ item }: { item: ItemRow }) {
  const canManage = useCan("catalogue.manage");
  const { setItemLevels } = useLevelActions();
  const {
    low: reorder,
    setLow: setReorder,
    high: max,
    setHigh: setMax,
    error,
    saved,
    submit,
  } = useLevelPairForm(
    { low: item.reorderPoint, high: item.maxStock },
    (r, m) => setItemLevels(item.id, r, m),
    "Levels saved. They sync automatically.",
  );
  const readOnly = !canManage || item.archived;

  return (
    <form className="card" onSubmit={submit} aria-labelledby="item-levels-title">
      <h2 id="item-levels-title">Stock levels (whole practice)</h2>
      <p className="field-hint">
        Compared with the total over all locations. At or below the reorder point the item shows as low stock; “to order” fills up to the
        maximum.
      </p>
      <fieldset disabled={readOnly} className="editor-grid" style={{ border: 0, padding: 0, margin: 0 }}>
        <div className="field">
          <label htmlFor="item-reorder-point">Reorder point</label>
          <input
            id="item-reorder-point"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={reorder}
            onChange={(e) => setReorder(e.target.value)}
            placeholder="none"
          />
        </div>
        <div className="field">
          <label htmlFor="item-max-stock">Maximum</label>
          <input
            id="item-max-stock"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={max}
            onChange={(e) => setMax(e.target.value)}
            placeholder="none"
          />
        </div>
      </fieldset>
      <FormError message={error} />
      {saved && (
        <p className="form-success" role="status">
          {saved}
        </p>
      )}
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="secondary">
            Save levels
          </button>
        </div>
      )}
    </form>
  );
}
