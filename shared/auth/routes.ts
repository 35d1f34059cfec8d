import type { Permission } from "./roles.js";

/**
 * Who may call each HTTP route — the route half of the permission table (mutations carry their own
 * permission in shared/mutations). The server's route guard enforces this table before any router runs,
 * and refuses routes missing from it, so a new route cannot ship without deciding who may call it.
 *
 * - "public": no session needed (the handler may still use one if present).
 * - "session": any member of the active practice; the handler applies finer rules (e.g. each pushed
 *   mutation is checked against its own permission).
 * - a Permission: the role must hold it (see PERMISSIONS).
 */
export type RouteAccess = "public" | "session" | Permission;

export const ROUTE_ACCESS = {
  "GET /api/health": "public",
  "GET /api/auth/csrf": "public",
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "public",
  "POST /api/auth/signup": "public",
  "POST /api/auth/magic-link": "public",
  "POST /api/auth/magic-link/consume": "public",
  "POST /api/auth/password-reset": "public",
  "POST /api/auth/password-reset/consume": "public",
  "POST /api/auth/invite/accept": "public",
  "GET /api/me": "session",
  "GET /api/auth/sessions": "session",
  "POST /api/auth/sessions/:id/revoke": "session",
  "POST /api/auth/logout-everywhere": "session",
  "POST /api/auth/switch-practice": "session",
  "GET /api/members": "session",
  "GET /api/onboarding": "session",
  "GET /api/owner/practices": "session",
  "POST /api/sync/push": "session",
  "POST /api/sync/pull": "stock.read",
  "GET /api/sync/poke": "stock.read",
  "GET /api/emails/failed": "emails.manage",
} as const satisfies Record<string, RouteAccess>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

interface CompiledRoute {
  key: RouteKey;
  method: string;
  pattern: RegExp;
  access: RouteAccess;
}

const compiled: CompiledRoute[] = Object.entries(ROUTE_ACCESS).map(([key, access]) => {
  const [method, path] = key.split(" ") as [string, string];
  const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]+/g, "[^/]+")}/?$`);
  return { key: key as RouteKey, method, pattern, access };
});

/** The table entry for a request, or undefined when the route is not in the table. */
export function routeAccessFor(method: string, path: string): CompiledRoute | undefined {
  const m = method === "HEAD" ? "GET" : method;
  return compiled.find((r) => r.method === m && r.pattern.test(path));
}
