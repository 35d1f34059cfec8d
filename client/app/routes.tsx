/**
 * Every screen and its path. Screens are lazy chunks of their own (the service worker precaches them
 * all, so they open offline); the entry holds React, the router, the session gate and the login screen.
 */
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Navigate,
  notFound,
  parseSearchWith,
  stringifySearchWith,
} from "@tanstack/react-router";
import { isAuthPage, pathFromLegacyHash, type AuthPage } from "../ui/router.js";
import { SessionRoot } from "./SessionGate.js";
import { SignedInGate } from "./SignedInGate.js";
import { afterSchemas, nextTask } from "./stagedImport.js";

/**
 * A signed-in screen's lazy component. Its chunk is imported in a task of its own: the router starts loading the
 * matched screen while it first renders, and the import adds a preload link for each chunk the screen
 * needs (several dozen for the dashboard), which made a new device's first render one task of 150-270 ms.
 * The mutation schemas are evaluated first, in a task before it (afterSchemas).
 */
function screen<T extends Record<string, unknown>>(importer: () => Promise<T>, exportName: keyof T & string) {
  return lazyRouteComponent(() => afterSchemas(importer), exportName);
}

const rootRoute = createRootRoute({
  component: SessionRoot,
  // Unknown paths open the location list, as the hash router did.
  notFoundComponent: () => <Navigate to="/" replace />,
});

const authRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/auth/$page",
  params: {
    parse: ({ page }): { page: AuthPage } => {
      if (!isAuthPage(page)) throw notFound();
      return { page };
    },
    stringify: ({ page }) => ({ page }),
  },
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === "string" && search.token ? { token: search.token } : {},
  // In a task of its own, but not staged behind every mutation's schema as the app's screens are: a link
  // from an email opens this page alone, and it needs only the account ones.
  component: lazyRouteComponent(() => nextTask().then(() => import("./pages/AuthRoutePage.js")), "AuthRoutePage"),
});

/** The app's screens: the login screen while signed out, the shell around the screen once signed in. */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: "app", component: SignedInGate });

// "/" is the managers' dashboard (with the location tree under it, as before, for everyone).
const locationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: screen(() => import("./pages/DashboardPage.js"), "DashboardPage"),
});

const locationListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/locations",
  component: screen(() => import("./pages/LocationsPage.js"), "LocationsPage"),
});

const STOCK_VIEWS = ["low", "expiring", "expired", "value", "lots"] as const;
type StockViewParam = (typeof STOCK_VIEWS)[number];
const stockViewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/stock/$view",
  params: {
    parse: ({ view }): { view: StockViewParam } => {
      if (!(STOCK_VIEWS as readonly string[]).includes(view)) throw notFound();
      return { view: view as StockViewParam };
    },
    stringify: ({ view }) => ({ view }),
  },
  component: screen(() => import("./pages/StockViewPage.js"), "StockViewPage"),
});

const inventoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/locations/$locationId",
  component: screen(() => import("./pages/InventoryPage.js"), "InventoryPage"),
});

const membersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/members",
  component: screen(() => import("./pages/MembersPage.js"), "MembersPage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  component: screen(() => import("./pages/AccountPage.js"), "AccountPage"),
});

const ownerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/owner",
  component: screen(() => import("./pages/OwnerPage.js"), "OwnerPage"),
});

const scanRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/scan",
  component: screen(() => import("../features/scan/ScanScreen.js"), "ScanScreen"),
});

// Receiving deliveries at the door: open orders, then the receipt screen (scan, post), each its own lazy chunk.
const receivingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/receiving",
  component: screen(() => import("../features/receiving/ReceivingScreen.js"), "ReceivingScreen"),
});

const receiptRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/receiving/new",
  validateSearch: (search: Record<string, unknown>): { order?: string } =>
    typeof search.order === "string" && /^[0-9a-f-]{36}$/i.test(search.order) ? { order: search.order } : {},
  component: screen(() => import("../features/receiving/ReceiptScreen.js"), "ReceiptScreen"),
});

const importExportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/import-export",
  component: screen(() => import("../features/import-export/ImportExportScreen.js"), "ImportExportScreen"),
});

// Catalogue: items and suppliers (each its own lazy chunk).
const itemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/items",
  component: screen(() => import("../features/catalogue/ItemsScreen.js"), "ItemsScreen"),
});

const newItemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/items/new",
  validateSearch: (search: Record<string, unknown>): { gtin?: string } =>
    typeof search.gtin === "string" && /^\d{8,14}$/.test(search.gtin) ? { gtin: search.gtin } : {},
  component: screen(() => import("../features/catalogue/ItemPages.js"), "NewItemPage"),
});

const itemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/items/$itemId",
  component: screen(() => import("../features/catalogue/ItemPages.js"), "ItemPage"),
});

const suppliersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/suppliers",
  component: screen(() => import("../features/suppliers/SuppliersScreen.js"), "SuppliersScreen"),
});

const newSupplierRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/suppliers/new",
  component: screen(() => import("../features/suppliers/SupplierPages.js"), "NewSupplierPage"),
});

const supplierRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/suppliers/$supplierId",
  component: screen(() => import("../features/suppliers/SupplierPages.js"), "SupplierPage"),
});

// Stock counts: sessions by location, the tablet count screen, the review (each its own lazy chunk).
const countsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/counts",
  component: screen(() => import("../features/counts/CountsScreen.js"), "CountsScreen"),
});

const countRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/counts/$sessionId",
  component: screen(() => import("../features/counts/CountScreen.js"), "CountScreen"),
});

const countReviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/counts/$sessionId/review",
  component: screen(() => import("../features/counts/ReviewScreen.js"), "ReviewScreen"),
});

// Orders to suppliers: the list (with templates), suggested orders, one order (each its own lazy chunk).
const ordersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/orders",
  component: screen(() => import("../features/orders/OrdersScreen.js"), "OrdersScreen"),
});

const orderSuggestionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/orders/suggestions",
  component: screen(() => import("../features/orders/SuggestionsScreen.js"), "SuggestionsScreen"),
});

const orderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/orders/$orderId",
  component: screen(() => import("../features/orders/OrderScreen.js"), "OrderScreen"),
});

const routeTree = rootRoute.addChildren([
  authRoute,
  appRoute.addChildren([
    locationsRoute,
    locationListRoute,
    stockViewRoute,
    inventoryRoute,
    membersRoute,
    accountRoute,
    ownerRoute,
    importExportRoute,
    scanRoute,
    receivingRoute,
    receiptRoute,
    itemsRoute,
    newItemRoute,
    itemRoute,
    suppliersRoute,
    newSupplierRoute,
    supplierRoute,
    countsRoute,
    countRoute,
    countReviewRoute,
    ordersRoute,
    orderSuggestionsRoute,
    orderRoute,
  ]),
]);

// Links emailed before real paths (`/#/auth/magic?token=…`) open their page: rewritten before the
// router reads the address, replacing the entry so Back does not return to the old form.
const legacy = pathFromLegacyHash(window.location.hash);
if (legacy) window.history.replaceState(window.history.state, "", legacy);

export const router = createRouter({
  routeTree,
  // Search values stay strings: a token that looks like a number must not become one (the default
  // parser JSON-decodes each value).
  parseSearch: parseSearchWith((value) => value),
  stringifySearch: stringifySearchWith((value) => String(value)),
  // Hovering or focusing a link fetches that screen's chunk ahead of the click.
  defaultPreload: "intent",
});

// An old link followed while the app is already open in this tab changes only the hash: same rewrite.
window.addEventListener("hashchange", () => {
  const path = pathFromLegacyHash(window.location.hash);
  if (path) void router.navigate({ href: path, replace: true });
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
