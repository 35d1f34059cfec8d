/**
 * Links in emails open a page of the app (`/auth/<page>?token=…`, a client route: the server and the
 * service worker answer any such path with the app shell) that asks for a click before any token is
 * used, so link scanners that follow GETs consume nothing. The access log records the path only, never
 * the query, and pages send no Referer (helmet's Referrer-Policy), so the token stays out of both. Links
 * sent before real paths (`/#/auth/…`) are rewritten by the client (client/ui/router.ts).
 *
 * The base URL is configured once by the account router. Mutators (the invite email) run inside the sync
 * push, which knows nothing of URLs, so they read it from here.
 */
let base: string | undefined;

export function configureAppUrl(appUrl: string): void {
  base = appUrl.replace(/\/+$/, "");
}

export function appLink(page: "magic" | "reset" | "invite", token: string): string {
  const root = base ?? (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return `${root}/auth/${page}?token=${encodeURIComponent(token)}`;
}
