import { createContext, useContext } from "react";
import type { Identity } from "../features/auth/identity.js";
import type { SessionState } from "../features/auth/session.js";

/** The session as the routes see it (client/app/App.tsx provides it above every route). */
export interface SessionContextValue {
  state: Exclude<SessionState, { status: "loading" }>;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Sync hit a 401: back to the login screen (local data stays). */
  sessionEnded: (notice: string) => void;
  /** A session started or moved practice outside the login form: the app reopens on it at "/". */
  opened: (identity?: Identity) => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSessionContext() outside the session gate");
  return value;
}

/** The signed-in identity; only valid below the signed-in layout. */
export function useIdentity(): Identity {
  const { state } = useSessionContext();
  if (state.status !== "signedIn") throw new Error("useIdentity() while signed out");
  return state.identity;
}
