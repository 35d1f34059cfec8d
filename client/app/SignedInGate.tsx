import { lazy, Suspense } from "react";
import { LoginScreen } from "../features/auth/LoginScreen.js";
import { listDeviceReplicas } from "../replica/deviceReplicas.js";
import { useSessionContext } from "./sessionContext.js";

// The replica (Dexie), the sync engine and the shell load only once someone is signed in: the login
// screen, the first thing a new device shows, stays small.
const SignedIn = lazy(() => import("./SignedIn.js"));
// Changes others left on a shared device, read from their replicas (Dexie): loaded only when the device
// has replicas at all, so a new device's login screen stays small.
const WaitingOnDevice = lazy(() => import("../features/sync/WaitingOnDevice.js").then((m) => ({ default: m.WaitingOnDevice })));

/** The layout of the app's screens: the login screen while signed out, else the practice's app shell. */
export function SignedInGate() {
  const { state, login } = useSessionContext();
  if (state.status === "signedOut") {
    const footer = listDeviceReplicas(window.localStorage).length > 0 && (
      <Suspense fallback={null}>
        <WaitingOnDevice query={{}} heading="Changes waiting on this device" className="card login-card" />
      </Suspense>
    );
    return <LoginScreen onLogin={login} notice={state.notice} footer={footer} />;
  }
  return (
    <Suspense fallback={<p className="page-status">Opening…</p>}>
      <SignedIn identity={state.identity} />
    </Suspense>
  );
}
