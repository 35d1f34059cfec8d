/**
 * Who may call each HTTP route — the route half of the permission table (mutations carry their own
 * permission in shared/mutations). Derived from the HTTP contracts (shared/api): a route exists only as
 * a contract, and a contract cannot be written without its access. The server's route guard enforces
 * this table before any router runs and refuses routes missing from it.
 *
 * - "public": no session needed (the handler may still use one if present).
 * - "session": any member of the active practice; the handler applies finer rules (e.g. each pushed
 *   mutation is checked against its own permission).
 * - a Permission: the role must hold it (see PERMISSIONS).
 */
import { routeKeyOf, type RouteAccess, type RouteKeyOf } from "../api/define.js";
import { CONTRACTS, type ApiContract } from "../api/index.js";

export type { RouteAccess };

export type RouteKey = RouteKeyOf<ApiContract>;

/** "METHOD /path" → access, e.g. "GET /api/emails/failed" → "emails.manage". */
export const ROUTE_ACCESS = Object.fromEntries(CONTRACTS.map((c) => [routeKeyOf(c), c.access])) as {
  [C in ApiContract as RouteKeyOf<C>]: C["access"];
};

interface CompiledRoute {
  key: RouteKey;
  method: string;
  pattern: RegExp;
  access: RouteAccess;
}

const compiled: CompiledRoute[] = CONTRACTS.map((c) => ({
  key: routeKeyOf(c),
  method: c.method,
  pattern: new RegExp(`^${c.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]+/g, "[^/]+")}/?$`),
  access: c.access,
}));

/** The table entry for a request, or undefined when the route is not in the table. */
export function routeAccessFor(method: string, path: string): CompiledRoute | undefined {
  const m = method === "HEAD" ? "GET" : method;
  return compiled.find((r) => r.method === m && r.pattern.test(path));
}
