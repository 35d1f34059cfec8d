import { lazyRouteComponent } from "@tanstack/react-router";

/*
 * The router loads a matched route's component chunk as soon as the address matches it, whether or not
 * the screen is shown. A signed-out start at "/" then loaded the dashboard's chunk, and with it the
 * replica, Dexie and every mutation's schema, behind the login screen: a long task of 200–330 ms on a
 * new tablet while its user was typing. Until someone has signed in, app screens load only when one is
 * rendered (never, behind the login screen); from then on the router loads them ahead as before.
 */
let screensWanted = false;

/** Called once someone is signed in: app screens may load ahead of being shown from now on. */
export function allowScreenPreload(): void {
  screensWanted = true;
}

/** lazyRouteComponent for a screen behind sign-in (see above). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the router's own signature
export function lazyScreen<T extends Record<string, any>, K extends keyof T>(importer: () => Promise<T>, exportName: K) {
  const screen = lazyRouteComponent(importer, exportName);
  const gated = screen as { preload?: () => Promise<void> };
  const preload = gated.preload;
  if (preload) gated.preload = () => (screensWanted ? preload() : Promise.resolve());
  return screen;
}
