import { getRouteApi } from "@tanstack/react-router";
import { ItemEditor } from "./ItemEditor.js";

const itemRoute = getRouteApi("/app/items/$itemId");
const newItemRoute = getRouteApi("/app/items/new");

/** "/items/<id>". Keyed: another item is another form. */
export function ItemPage() {
  const { itemId } = itemRoute.useParams();
  return <ItemEditor key={itemId} itemId={itemId} />;
}

/** "/items/new", optionally "?gtin=…" (e.g. from a scan of an unknown code). */
export function NewItemPage() {
  const { gtin } = newItemRoute.useSearch();
  return <ItemEditor itemId={null} gtin={gtin} />;
}
