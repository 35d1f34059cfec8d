import { useSyncExternalStore } from "react";

/** The screens behind `#/...`. Unknown hashes fall back to the location list. */
export type Route = { name: "locations" } | { name: "inventory"; locationId: string };

/** Parses a hash such as `#/locations/<id>`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts[0] === "locations" && parts[1]) return { name: "inventory", locationId: decodeURIComponent(parts[1]) };
  return { name: "locations" };
}

/** The hash link for a route, for `<a href>`. */
export function hrefFor(route: Route): string {
  return route.name === "inventory" ? `#/locations/${encodeURIComponent(route.locationId)}` : "#/locations";
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
