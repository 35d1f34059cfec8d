import { lazy, Suspense, useEffect, useState, type ComponentType } from "react";
import { LoginScreen } from "../features/auth/LoginScreen.js";
import { listDeviceReplicas } from "../replica/deviceReplicas.js";
import type { Identity } from "../features/auth/identity.js";
import { useSessionContext } from "./sessionContext.js";
import { afterSchemas, nextTask } from "./stagedImport.js";

// The replica (Dexie), the sync engine and the shell are not part of the login screen, the first thing a
// new device shows: they load when the browser is idle behind it (preloadSignedIn), or at sign-in.
type SignedInComponent = ComponentType<{ identity: Identity }>;
let loaded: SignedInComponent | null = null;
const loadSignedIn = () =>
  afterSchemas(() => import("./SignedIn.js")).then((m) => {
    loaded = m.default;
    return m;
  });
const SignedInLazy = lazy(loadSignedIn);
// Changes others left on a shared device, read from their replicas (Dexie): loaded only when the device
// has replicas at all, so a new device's login screen stays small.
const WaitingOnDevice = lazy(() => import("../features/sync/WaitingOnDevice.js").then((m) => ({ default: m.WaitingOnDevice })));

/** The layout of the app's screens: the login screen while signed out, else the practice's app shell. */
export function SignedInGate() {
  const { state, login } = useSessionContext();
  const signedOut = state.status === "signedOut";
  useEffect(() => (signedOut ? preloadSignedIn() : undefined), [signedOut]);
  if (signedOut) {
    const footer = listDeviceReplicas(window.localStorage).length > 0 && (
      <Suspense fallback={null}>
        <WaitingOnDevice query={{}} heading="Changes waiting on this device" className="card login-card" />
      </Suspense>
    );
    return <LoginScreen onLogin={login} notice={state.notice} footer={footer} />;
  }
  return (
    <Suspense fallback={<p className="page-status">Opening…</p>}>
      <SignedInView identity={state.identity} />
    </Suspense>
  );
}

/**
 * The signed-in chunk's root. Preloaded, it renders at once: through lazy() even a loaded module suspends
 * for a tick, and React then holds the revealed content back for up to 300 ms (its fallback throttle),
 * 0.2–0.24 s between a new tablet's sign-in and its replica opening. Chosen once per sign-in: switching
 * from the lazy wrapper to the loaded component later would remount the app and reopen its replica.
 */
function SignedInView({ identity }: { identity: Identity }) {
  const [SignedIn] = useState<SignedInComponent>(() => loaded ?? SignedInLazy);
  return <SignedIn identity={identity} />;
}

/**
 * Fetches and evaluates the signed-in chunk while the login screen waits for the user, in a task of its
 * own: loaded only after the click, it put 0.2–0.4 s of fetching and evaluating between a new tablet's
 * sign-in and its first pull. Returns the cancel for an effect.
 */
function preloadSignedIn(): () => void {
  const load = () =>
    void loadSignedIn()
      .then(nextTask)
      .then(warmNumberFormat)
      .catch(() => {}); // a failure surfaces at sign-in, through lazy()
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(load, { timeout: PRELOAD_WITHIN_MS });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(load, PRELOAD_WITHIN_MS);
  return () => window.clearTimeout(handle);
}
const PRELOAD_WITHIN_MS = 2000;

/**
 * The first number formatted in a page loads the locale's number data: 55-105 ms in headless Chromium,
 * which was the shell's first render after sign-in (its pending count). Done here, it is a task behind
 * the login screen instead.
 */
function warmNumberFormat(): void {
  (0).toLocaleString();
}
