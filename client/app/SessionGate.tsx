import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "../api/client.js";
import { useSession } from "../features/auth/session.js";
import { pageTitle } from "../ui/pageTitle.js";
import { SessionContext } from "./sessionContext.js";

/**
 * The root of every route: the session, started again (re-reading /api/me) whenever it changes outside
 * the login form: an emailed link or invitation was used, or the user switched practice.
 */
export function SessionRoot() {
  const [epoch, setEpoch] = useState(0);
  const restart = useCallback(() => setEpoch((e) => e + 1), []);
  return <SessionGate key={epoch} onSessionChanged={restart} />;
}

function SessionGate({ onSessionChanged }: { onSessionChanged: () => void }) {
  const { state, login, logout, sessionEnded } = useSession(api, window.localStorage);
  const navigate = useNavigate();
  const opened = useCallback(() => {
    void navigate({ to: "/" });
    onSessionChanged();
  }, [navigate, onSessionChanged]);
  const value = useMemo(
    () => (state.status === "loading" ? null : { state, login, logout, sessionEnded, opened }),
    [state, login, logout, sessionEnded, opened],
  );
  // Each screen's own title, so a screen reader says where a navigation landed.
  const path = useRouterState({ select: (s) => s.location.pathname });
  useEffect(() => {
    if (state.status !== "loading") document.title = pageTitle(path, state.status === "signedIn");
  }, [path, state.status]);

  if (!value) return <p className="page-status">Starting…</p>;
  return (
    <SessionContext.Provider value={value}>
      <Outlet />
    </SessionContext.Provider>
  );
}
