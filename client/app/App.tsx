import { useCallback, useState } from "react";
import { api } from "../api/client.js";
import { AuthPages } from "../features/account/AuthPages.js";
import { LoginScreen } from "../features/auth/LoginScreen.js";
import { useSession } from "../features/auth/session.js";
import { navigate, useRoute } from "../ui/router.js";
import { ReplicaProvider } from "./ReplicaProvider.js";
import { Shell } from "./Shell.js";

/**
 * The session gate, started again (re-reading /api/me) whenever the session changes outside the login
 * form: an emailed link or invitation was used, or the user switched practice.
 */
export function App() {
  const [epoch, setEpoch] = useState(0);
  const restart = useCallback(() => setEpoch((e) => e + 1), []);
  return <SessionGate key={epoch} onSessionChanged={restart} />;
}

/** Login screen, the pages of emailed links, or the practice's replica and the app shell. */
function SessionGate({ onSessionChanged }: { onSessionChanged: () => void }) {
  const { state, login, logout, sessionEnded } = useSession(api, window.localStorage);
  const route = useRoute();
  const opened = useCallback(() => {
    navigate({ name: "locations" });
    onSessionChanged();
  }, [onSessionChanged]);

  if (state.status === "loading") return <p className="page-status">Starting…</p>;
  if (route.name === "auth") {
    return <AuthPages page={route.page} token={route.token} identity={state.status === "signedIn" ? state.identity : null} onSignedIn={opened} />;
  }
  if (state.status === "signedOut") return <LoginScreen onLogin={login} notice={state.notice} />;
  const { identity } = state;
  return (
    <ReplicaProvider practiceId={identity.practice.id} role={identity.role} api={api}>
      <Shell identity={identity} onLogout={() => void logout()} onSessionEnded={sessionEnded} onSwitched={opened} />
    </ReplicaProvider>
  );
}
