/**
 * URL shapes shared by the router (client/app/routes.tsx) and the screens: the pages reachable without
 * a session, and the translation of the hash links the app used before it had real paths.
 */

/** Pages reachable without a session (emailed links and sign-up): `/auth/<page>?token=…`. */
export const AUTH_PAGES = ["signup", "email-link", "forgot", "magic", "reset", "invite"] as const;
export type AuthPage = (typeof AUTH_PAGES)[number];

export function isAuthPage(page: string): page is AuthPage {
  return (AUTH_PAGES as readonly string[]).includes(page);
}

/**
 * The real path of an old hash link (`#/auth/magic?token=…`, `#/locations/<id>`, `#/members`), or null
 * when `hash` is not one. Emails sent before the change carry such links and must keep working; the
 * server now sends `/auth/magic?token=…` (sync-server/domains/accounts/links.ts).
 */
export function pathFromLegacyHash(hash: string): string | null {
  if (!hash.startsWith("#/")) return null;
  const [path = "", query = ""] = hash.slice(1).split("?", 2);
  const search = query ? `?${query}` : "";
  // Unknown old routes fell back to the location list: they open "/" as before.
  if (path === "/" || path === "/locations" || path === "/locations/") return "/";
  const inventory = /^\/locations\/([^/]+)\/?$/.exec(path);
  if (inventory) return `/locations/${inventory[1]}`;
  if (path === "/members" || path === "/account" || path === "/owner") return path;
  const auth = /^\/auth\/([^/]+)\/?$/.exec(path);
  if (auth && isAuthPage(auth[1]!)) return `/auth/${auth[1]}${search}`;
  return "/";
}
