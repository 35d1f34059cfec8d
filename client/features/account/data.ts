/**
 * Accounts over HTTP: sign-up, emailed links (sign-in, password reset, invitations), sessions and
 * switching practice. Every answer is parsed with zod; screens call these and never fetch themselves.
 */
import { z } from "zod";
import type { ApiClient } from "../../api/http.js";
import { identitySchema, saveCachedIdentity, type Identity } from "../auth/identity.js";

/** The one answer to every "email me a link" request (it never says whether the address has an account). */
export const checkEmailSchema = z.object({ status: z.literal("check_email"), message: z.string() });
export type CheckEmail = z.infer<typeof checkEmailSchema>;

export interface SignupInput {
  practiceName: string;
  name: string;
  email: string;
  password: string;
}

export const requestSignup = (api: ApiClient, input: SignupInput) => api.post("/api/auth/signup", input, checkEmailSchema);
export const requestSignInLink = (api: ApiClient, email: string) => api.post("/api/auth/magic-link", { email }, checkEmailSchema);
export const requestPasswordReset = (api: ApiClient, email: string) => api.post("/api/auth/password-reset", { email }, checkEmailSchema);

/**
 * The POSTs behind the emailed links. Each starts a fresh session and answers the identity (as /api/me),
 * which is cached for offline starts before it is returned.
 */
export async function consumeSignInLink(api: ApiClient, storage: Storage, token: string): Promise<Identity> {
  return remember(storage, await api.post("/api/auth/magic-link/consume", { token }, identitySchema));
}

export async function resetPassword(api: ApiClient, storage: Storage, token: string, password: string): Promise<Identity> {
  return remember(storage, await api.post("/api/auth/password-reset/consume", { token, password }, identitySchema));
}

/** Accepts an invitation; `account` is needed only when the invited address has no account yet. */
export async function acceptInvite(api: ApiClient, storage: Storage, token: string, account?: { name: string; password: string }): Promise<Identity> {
  return remember(storage, await api.post("/api/auth/invite/accept", { token, ...account }, identitySchema));
}

/**
 * Moves the session to another practice of the user. Only the session and the cached identity change:
 * each practice's replica (and its outbox of unsent changes) stays in its own database, and pushes the
 * next time that practice is active.
 */
export async function switchPractice(api: ApiClient, storage: Storage, practiceId: string): Promise<Identity> {
  return remember(storage, await api.post("/api/auth/switch-practice", { practiceId }, identitySchema));
}

function remember(storage: Storage, identity: Identity): Identity {
  saveCachedIdentity(storage, identity);
  return identity;
}

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  practiceName: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;
export const sessionsSchema = z.object({ sessions: z.array(sessionSchema) });

export const listSessions = async (api: ApiClient): Promise<SessionInfo[]> => (await api.get("/api/auth/sessions", sessionsSchema)).sessions;
export const revokeSession = (api: ApiClient, id: string) => api.post(`/api/auth/sessions/${encodeURIComponent(id)}/revoke`);
export const signOutEverywhere = (api: ApiClient) => api.post("/api/auth/logout-everywhere");

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
