import { api } from "../api/client.js";
import { LoginScreen } from "../features/auth/LoginScreen.js";
import { useSession } from "../features/auth/session.js";
import { ReplicaProvider } from "./ReplicaProvider.js";
import { Shell } from "./Shell.js";

/** Session gate: login screen, or the practice's replica and the app shell. */
export function App() {
  const { state, login, logout, sessionEnded } = useSession(api, window.localStorage);

  if (state.status === "loading") return <p className="page-status">Starting…</p>;
  if (state.status === "signedOut") return <LoginScreen onLogin={login} notice={state.notice} />;
  const { identity } = state;
  return (
    <ReplicaProvider practiceId={identity.practice.id} role={identity.role} api={api}>
      <Shell identity={identity} onLogout={() => void logout()} onSessionEnded={sessionEnded} />
    </ReplicaProvider>
  );
}
