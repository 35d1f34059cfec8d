import { getRouteApi } from "@tanstack/react-router";
import { InventoryScreen } from "../../features/inventory/InventoryScreen.js";

const route = getRouteApi("/app/locations/$locationId");

/** "/locations/<id>": stock at one location. */
export function InventoryPage() {
  const { locationId } = route.useParams();
  // Keyed: another location is another screen (filters and the open form do not carry over).
  return <InventoryScreen key={locationId} locationId={locationId} />;
}
