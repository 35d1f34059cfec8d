/**
 * The document title of each screen ("Items — Venzory"): screen readers announce it when a screen
 * opens, and it names the tab and the history entry. Read from the path alone, so every screen has one
 * without each screen setting it.
 */
const APP = "Venzory";

const STOCK_VIEWS: Record<string, string> = {
  low: "Low stock",
  expiring: "Expiring soon",
  expired: "Expired stock",
  value: "Stock value",
  lots: "Lot lookup",
};

const AUTH_PAGES: Record<string, string> = {
  signup: "Create a practice",
  "email-link": "Email me a sign-in link",
  forgot: "Reset your password",
  magic: "Sign in",
  reset: "Choose a new password",
  invite: "Join a practice",
};

/** The screen's name for a path of the signed-in app, or null for a path no screen has. */
function screenName(path: string): string | null {
  const parts = path.split("/").filter(Boolean);
  const [first, second, third] = parts;
  if (parts.length === 0) return "Overview";
  if (first === "auth" && second) return AUTH_PAGES[second] ?? null;
  if (parts.length === 1) {
    const top: Record<string, string> = {
      locations: "Locations",
      items: "Items",
      suppliers: "Suppliers",
      counts: "Stock counts",
      orders: "Orders",
      scan: "Scan",
      receiving: "Receive a delivery",
      "import-export": "Import and export",
      members: "Members",
      account: "Your account",
      owner: "Practices",
    };
    return top[first!] ?? null;
  }
  if (first === "stock" && parts.length === 2) return STOCK_VIEWS[second!] ?? null;
  if (first === "locations" && parts.length === 2) return "Location stock";
  if (first === "items" && parts.length === 2) return second === "new" ? "New item" : "Item";
  if (first === "suppliers" && parts.length === 2) return second === "new" ? "New supplier" : "Supplier";
  if (first === "counts" && parts.length === 2) return "Count";
  if (first === "receiving" && parts.length === 2) return "Receiving";
  if (first === "orders" && parts.length === 2) return second === "suggestions" ? "Suggested orders" : "Order";
  if (first === "counts" && parts.length === 3 && third === "review") return "Count review";
  return null;
}

/** "<screen> — Venzory"; the sign-in screen while signed out (it shows on any path but the auth pages). */
export function pageTitle(path: string, signedIn: boolean): string {
  const onAuthPage = path.startsWith("/auth/");
  const name = !signedIn && !onAuthPage ? "Sign in" : screenName(path);
  return name ? `${name} — ${APP}` : APP;
}
