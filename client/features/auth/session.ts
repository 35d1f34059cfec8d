import { useCallback, useEffect, useState } from "react";
import { isApiError, isNetworkError } from "../../api/errors.js";
import type { ApiClient } from "../../api/http.js";
// The sign-in contracts (and zod with them) load when first used, after the first screen has drawn:
// the entry script stays small (bench:bundle).
const contracts = () => import("../../../shared/api/sign-in.js");
import { loadCachedIdentity, saveCachedIdentity, type Identity } from "./identity.js";

export type SessionState =
  { status: "loading" } | { status: "signedIn"; identity: Identity; offline: boolean } | { status: "signedOut"; notice?: string };

/**
 * Works out who is signed in at start. Asks GET /api/session, which answers 200 with no identity when
 * nobody is signed in: that is an expected outcome here, and a 401 would be logged as an error by the
 * browser. A network failure (or a 5xx) keeps the cached identity so the app opens offline on the local
 * replica; no identity (or a 401) means the session is over (the replica stays).
 */
export async function resumeSession(api: ApiClient, storage: Storage): Promise<SessionState> {
  if (storage.getItem(SIGN_OUT_PENDING)) {
    // Signed out while offline: the cookie outlived it. On a shared tablet the next person must not find
    // the previous one's session, so finish the sign-out first, and stay signed out either way.
    await endServerSession(api, storage);
    return { status: "signedOut" };
  }
  try {
    const { session } = await contracts();
    const { identity } = await api.call(session);
    if (!identity) return { status: "signedOut" };
    saveCachedIdentity(storage, identity);
    return { status: "signedIn", identity, offline: false };
  } catch (e) {
    if (isApiError(e) && e.status === 401) return { status: "signedOut" };
    const cached = await loadCachedIdentity(storage);
    if (cached && (isNetworkError(e) || (isApiError(e) && e.status >= 500))) return { status: "signedIn", identity: cached, offline: true };
    return { status: "signedOut", notice: isNetworkError(e) ? "You are offline. Sign in once online to use this device." : undefined };
  }
}

/** Signs in; throws ApiError (401 with the server's message) or NetworkError. */
export async function signIn(api: ApiClient, storage: Storage, email: string, password: string): Promise<Identity> {
  const { login } = await contracts();
  const identity = await api.call(login, { body: { email, password } });
  storage.removeItem(SIGN_OUT_PENDING); // the new session replaced the old cookie
  saveCachedIdentity(storage, identity);
  return identity;
}

/** Signs out. Local data (replica, outbox) is deliberately kept; only the cached identity goes. */
export async function signOut(api: ApiClient, storage: Storage): Promise<void> {
  saveCachedIdentity(storage, null);
  await endServerSession(api, storage);
}

const SIGN_OUT_PENDING = "venzory.signOutPending";

/** Ends the server session; offline, remembers to end it at the next start (see resumeSession). */
async function endServerSession(api: ApiClient, storage: Storage): Promise<void> {
  try {
    const { logout } = await contracts();
    await api.call(logout);
    storage.removeItem(SIGN_OUT_PENDING);
  } catch (e) {
    if (isApiError(e) && e.status < 500)
      storage.removeItem(SIGN_OUT_PENDING); // no session to end
    else storage.setItem(SIGN_OUT_PENDING, "1");
  }
}

/** The session as React state, with actions. */
export function useSession(api: ApiClient, storage: Storage) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    let live = true;
    void resumeSession(api, storage).then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [api, storage]);

  const login = useCallback(
    async (email: string, password: string) => {
      const identity = await signIn(api, storage, email, password);
      setState({ status: "signedIn", identity, offline: false });
    },
    [api, storage],
  );

  const logout = useCallback(async () => {
    await signOut(api, storage);
    setState({ status: "signedOut" });
  }, [api, storage]);

  /** The server said the session is over (a 401 during sync): back to the login screen, data kept. */
  const sessionEnded = useCallback((notice: string) => setState({ status: "signedOut", notice }), []);

  return { state, login, logout, sessionEnded };
}
