import { lazy, Suspense } from "react";
import { LoginScreen } from "../features/auth/LoginScreen.js";
import { useSessionContext } from "./sessionContext.js";

// The replica (Dexie), the sync engine and the shell load only once someone is signed in: the login
// screen, the first thing a new device shows, stays small.
const SignedIn = lazy(() => import("./SignedIn.js"));

/** The layout of the app's screens: the login screen while signed out, else the practice's app shell. */
export function SignedInGate() {
  const { state, login } = useSessionContext();
  if (state.status === "signedOut") return <LoginScreen onLogin={login} notice={state.notice} />;
  return (
    <Suspense fallback={<p className="page-status">Opening…</p>}>
      <SignedIn identity={state.identity} />
    </Suspense>
  );
}
