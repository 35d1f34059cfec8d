import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent } from "react";
import { useCan } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";
import { FormError } from "../../ui/FormError.js";
import { ItemLevels } from "../inventory/index.js";
import { ItemSupplierPrices } from "./ItemSupplierPrices.js";
import {
  useCategories,
  useGtinLookup,
  useItem,
  useItemActions,
  useOnHand,
  type GtinLookup,
  type ItemFields,
  type ItemRow,
} from "./data.js";
import "./catalogue.css";

interface Draft {
  name: string;
  sku: string;
  gtin: string;
  unit: string;
  packSize: string;
  category: string;
  notes: string;
  batchTracked: boolean;
}

const emptyDraft = (gtin = ""): Draft => ({
  name: "",
  sku: "",
  gtin,
  unit: "each",
  packSize: "1",
  category: "",
  notes: "",
  batchTracked: false,
});
const draftOf = (item: ItemRow): Draft => ({
  name: item.name,
  sku: item.sku ?? "",
  gtin: item.gtin?.replace(/^0(?=\d{13}$)/, "") ?? "",
  unit: item.unit,
  packSize: String(item.packSize),
  category: item.category ?? "",
  notes: item.notes ?? "",
  batchTracked: item.batchTracked,
});

/** The fields as the mutation takes them (blank optional text clears it). Pack size is checked by the shared schema. */
function fieldsOf(d: Draft): ItemFields {
  return {
    name: d.name,
    sku: d.sku,
    gtin: d.gtin,
    unit: d.unit,
    packSize: Number(d.packSize),
    category: d.category,
    notes: d.notes,
    batchTracked: d.batchTracked,
  };
}

/** "/items/new" (optionally ?gtin=… from a scan) and "/items/<id>": create or edit an item, and its supplier prices. */
export function ItemEditor({ itemId, gtin }: { itemId: string | null; gtin?: string }) {
  const item = useItem(itemId ?? "");
  if (itemId && item === undefined) return <p className="page-status">Loading…</p>;
  if (itemId && item === null) {
    return (
      <p className="page-status">
        This item does not exist (or has not arrived yet). <Link to="/items">Back to items</Link>
      </p>
    );
  }
  return <ItemForm key={itemId ?? "new"} item={item ?? null} initialGtin={gtin} />;
}

function ItemForm({ item, initialGtin }: { item: ItemRow | null; initialGtin?: string }) {
  const [draft, setDraft] = useState<Draft>(() => (item ? draftOf(item) : emptyDraft(initialGtin)));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [lookup, setLookup] = useState<GtinLookup | null>(null);
  const actions = useItemActions();
  const lookUp = useGtinLookup();
  const categories = useCategories();
  const navigate = useNavigate();
  const canManage = useCan("catalogue.manage");
  const canArchive = useCan("catalogue.archive");
  const onHand = useOnHand(item?.id ?? "");
  const readOnly = !canManage || item?.archived === true;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function applyLookup(found: GtinLookup) {
    setLookup(found);
    // A GTIN known globally pre-fills the name (never overwriting what was typed).
    if (found.kind === "global") setDraft((d) => (d.name.trim() ? d : { ...d, name: found.product.name }));
  }

  async function checkGtin(code: string) {
    if (!code.trim() || (item && code.trim() === draftOf(item).gtin)) return setLookup(null);
    applyLookup(await lookUp(code));
  }

  useEffect(() => {
    // A GTIN handed over in the address (a scan of an unknown code) is looked up once, on arrival.
    if (initialGtin && !item) void lookUp(initialGtin).then(applyLookup);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    try {
      if (item) {
        await actions.update(item.id, fieldsOf(draft));
        setSaved("Saved.");
      } else {
        const id = await actions.create(fieldsOf(draft));
        await navigate({ to: "/items/$itemId", params: { itemId: id }, replace: true });
      }
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function toggleArchive() {
    if (!item) return;
    try {
      if (item.archived) await actions.unarchive(item.id);
      else if (window.confirm(`Archive "${item.name}"? It disappears from lists and takes no new stock; you can restore it later.`))
        await actions.archive(item.id);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="screen catalogue-screen" aria-labelledby="item-title">
      <div className="screen-header">
        <div>
          <p className="breadcrumb">
            <Link to="/items">Items</Link> /
          </p>
          <h1 id="item-title">
            {item ? item.name : "New item"}
            {item?.archived && <span className="badge badge-muted">archived</span>}
          </h1>
        </div>
        {item && canArchive && (
          <button type="button" className={item.archived ? "secondary" : "danger"} onClick={toggleArchive}>
            {item.archived ? "Restore item" : "Archive item"}
          </button>
        )}
      </div>
      {item?.archived && <p className="notice">This item is archived: restore it to change it or book stock.</p>}

      <form className="card" onSubmit={submit} aria-labelledby="item-title">
        <fieldset disabled={readOnly} className="editor-grid" style={{ border: 0, padding: 0, margin: 0 }}>
          <div className="field wide">
            <label htmlFor="item-gtin">GTIN (barcode number)</label>
            <input
              id="item-gtin"
              value={draft.gtin}
              inputMode="numeric"
              autoComplete="off"
              maxLength={14}
              placeholder="e.g. 5012345678900"
              onChange={(e) => set("gtin", e.target.value.replace(/\s/g, ""))}
              onBlur={(e) => void checkGtin(e.target.value)}
            />
            <GtinNote lookup={lookup} />
          </div>
          <div className="field wide">
            <label htmlFor="item-name">Name</label>
            <input
              id="item-name"
              value={draft.name}
              onChange={(e) => set("name", e.target.value)}
              maxLength={200}
              required
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="item-sku">SKU (your code)</label>
            <input id="item-sku" value={draft.sku} onChange={(e) => set("sku", e.target.value)} maxLength={64} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="item-category">Category</label>
            <input
              id="item-category"
              list="item-categories"
              value={draft.category}
              onChange={(e) => set("category", e.target.value)}
              maxLength={80}
              autoComplete="off"
            />
            <datalist id="item-categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="item-unit">Unit</label>
            <input
              id="item-unit"
              value={draft.unit}
              onChange={(e) => set("unit", e.target.value)}
              maxLength={32}
              required
              placeholder="each, box, vial…"
            />
          </div>
          <div className="field">
            <label htmlFor="item-pack">Units per pack</label>
            <input
              id="item-pack"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.packSize}
              onChange={(e) => set("packSize", e.target.value)}
              required
            />
          </div>
          <div className="field wide">
            <label className="checkbox">
              <input type="checkbox" checked={draft.batchTracked} onChange={(e) => set("batchTracked", e.target.checked)} />
              Track batches (lot and expiry for every movement)
            </label>
          </div>
          <div className="field wide">
            <label htmlFor="item-notes">Notes</label>
            <textarea id="item-notes" rows={3} value={draft.notes} onChange={(e) => set("notes", e.target.value)} maxLength={2000} />
          </div>
        </fieldset>
        <FormError message={error} />
        {saved && <p className="form-success">{saved}</p>}
        {!readOnly && (
          <div className="form-actions">
            <button type="submit">{item ? "Save changes" : "Create item"}</button>
            {!item && (
              <Link className="button secondary" to="/items">
                Cancel
              </Link>
            )}
          </div>
        )}
        {item && onHand !== undefined && (
          <p className="field-hint">On hand across all locations: {onHand ?? "hidden during a blind count"}</p>
        )}
      </form>

      {item && <ItemLevels key={`levels-${item.id}`} item={item} />}
      {item && <ItemSupplierPrices item={item} />}
    </section>
  );
}

function GtinNote({ lookup }: { lookup: GtinLookup | null }) {
  if (!lookup) return <p className="field-hint">Type or scan it; a product other practices already use fills in its name.</p>;
  switch (lookup.kind) {
    case "invalid":
      return <p className="lookup-note warn">That is not a valid GTIN: check the digits.</p>;
    case "practice":
      return (
        <p className="lookup-note warn">
          Already used by{" "}
          <Link to="/items/$itemId" params={{ itemId: lookup.item.id }}>
            {lookup.item.name}
          </Link>
          .
        </p>
      );
    case "global":
      return (
        <p className="lookup-note">
          Known product: <strong>{lookup.product.name}</strong>
          {lookup.product.manufacturer ? ` (${lookup.product.manufacturer})` : ""}.
        </p>
      );
    case "unknown":
      return <p className="lookup-note">New to the catalogue: it is added with this item's name.</p>;
    case "offline":
      return <p className="lookup-note">Offline: the product is looked up when this item syncs.</p>;
  }
}
