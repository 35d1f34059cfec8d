/**
 * Accounts over HTTP: sign-up, emailed links (sign-in, password reset, invitations), sessions and
 * switching practice, each through its shared contract (shared/api), which also parses the answer.
 * Screens call these and never fetch themselves.
 */
import * as links from "../../../shared/api/email-links.js";
import type { Identity } from "../../../shared/api/identity.js";
import * as sessions from "../../../shared/api/sessions.js";
import type { ContractInput } from "../../../shared/api/define.js";
import type { ApiClient } from "../../api/http.js";
import { saveCachedIdentity } from "../auth/index.js";

export type { CheckEmail } from "../../../shared/api/email-links.js";
export type { SessionInfo } from "../../../shared/api/sessions.js";

export type SignupInput = ContractInput<typeof links.signup>["body"];

export const requestSignup = (api: ApiClient, input: SignupInput) => api.call(links.signup, { body: input });
export const requestSignInLink = (api: ApiClient, email: string) => api.call(links.requestMagicLink, { body: { email } });
export const requestPasswordReset = (api: ApiClient, email: string) => api.call(links.requestPasswordReset, { body: { email } });

/**
 * The POSTs behind the emailed links. Each starts a fresh session and answers the identity (as /api/me),
 * which is cached for offline starts before it is returned.
 */
export async function consumeSignInLink(api: ApiClient, storage: Storage, token: string): Promise<Identity> {
  return remember(storage, await api.call(links.consumeMagicLink, { body: { token } }));
}

export async function resetPassword(api: ApiClient, storage: Storage, token: string, password: string): Promise<Identity> {
  return remember(storage, await api.call(links.consumePasswordReset, { body: { token, password } }));
}

/** Accepts an invitation; `account` is needed only when the invited address has no account yet. */
export async function acceptInvite(
  api: ApiClient,
  storage: Storage,
  token: string,
  account?: { name: string; password: string },
): Promise<Identity> {
  return remember(storage, await api.call(links.acceptInvite, { body: { token, ...account } }));
}

/**
 * Moves the session to another practice of the user. Only the session and the cached identity change:
 * each practice's replica (and its outbox of unsent changes) stays in its own database, and pushes the
 * next time that practice is active.
 */
export async function switchPractice(api: ApiClient, storage: Storage, practiceId: string): Promise<Identity> {
  return remember(storage, await api.call(sessions.switchPractice, { body: { practiceId } }));
}

function remember(storage: Storage, identity: Identity): Identity {
  saveCachedIdentity(storage, identity);
  return identity;
}

export const listSessions = async (api: ApiClient) => (await api.call(sessions.listSessions)).sessions;
export const revokeSession = (api: ApiClient, id: string) => api.call(sessions.revokeSession, { params: { id } });
export const signOutEverywhere = (api: ApiClient) => api.call(sessions.logoutEverywhere);

/** A short description of a browser from its user agent ("Chrome on Windows"). */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /iPad|iPhone/.test(userAgent)
    ? "iOS"
    : /Android/.test(userAgent)
      ? "Android"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "an unknown system";
  return `${browser} on ${os}`;
}
