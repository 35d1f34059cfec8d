import { getRouteApi } from "@tanstack/react-router";
import { StockViewsScreen } from "../../features/stock-views/StockViewsScreen.js";

const route = getRouteApi("/app/stock/$view");

/** "/stock/<view>": a practice-wide stock list (low, expiring, expired, value, lots). */
export function StockViewPage() {
  const { view } = route.useParams();
  return <StockViewsScreen key={view} view={view} />;
}
