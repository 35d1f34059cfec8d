import { useSyncExternalStore } from "react";

/** Pages reachable without a session (emailed links and sign-up); `token` comes from `?token=`. */
export type AuthPage = "signup" | "email-link" | "forgot" | "magic" | "reset" | "invite";
const AUTH_PAGES: readonly AuthPage[] = ["signup", "email-link", "forgot", "magic", "reset", "invite"];

/** The screens behind `#/...`. Unknown hashes fall back to the location list. */
export type Route =
  | { name: "locations" }
  | { name: "inventory"; locationId: string }
  | { name: "members" }
  | { name: "account" }
  | { name: "owner" }
  | { name: "auth"; page: AuthPage; token: string };

/** Parses a hash such as `#/locations/<id>` or `#/auth/magic?token=…`. */
export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "locations" && parts[1]) return { name: "inventory", locationId: decodeURIComponent(parts[1]) };
  if (parts[0] === "members" || parts[0] === "account" || parts[0] === "owner") return { name: parts[0] };
  if (parts[0] === "auth" && AUTH_PAGES.includes(parts[1] as AuthPage)) {
    return { name: "auth", page: parts[1] as AuthPage, token: new URLSearchParams(query).get("token") ?? "" };
  }
  return { name: "locations" };
}

/** The hash link for a route, for `<a href>`. */
export function hrefFor(route: Route): string {
  switch (route.name) {
    case "inventory":
      return `#/locations/${encodeURIComponent(route.locationId)}`;
    case "auth":
      return `#/auth/${route.page}${route.token ? `?token=${encodeURIComponent(route.token)}` : ""}`;
    case "locations":
    case "members":
    case "account":
    case "owner":
      return `#/${route.name}`;
  }
}

/** Goes to a route (a hash change, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

/** The current route, re-rendering on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
