/**
 * Turning a proven identity (a password, a consumed link, a confirmed sign-up, an accepted invite, a
 * practice switch) into a fresh session: always a new session id (no fixation), a cookie carrying the
 * current token version, and the same body as GET /api/me.
 */
import type { Request, Response } from "express";
import { DomainError } from "../../../../shared/errors.js";
import type { Identity } from "../../../../shared/api/identity.js";
import type { SignedIn } from "../magic-link.js";
import type { RequestMeta } from "../password-sign-in.js";
import { readSessionCookie, setSessionCookie, type SessionTokens } from "../../../auth/session-token.js";
import { createSession, describeIdentity, loadSession, revokeSession, type AuthContext } from "../../../auth/sessions.js";
import type { Db } from "../../../db/prisma.js";
import { isPlatformOwner } from "../owner-console.js";

/** The identity every sign-in answer and GET /api/me (and /api/session) give, owner flag included. */
export async function identityOf(db: Db, auth: AuthContext, platformOwnerEmail: string | undefined): Promise<Identity> {
  return { ...(await describeIdentity(db, auth)), isPlatformOwner: isPlatformOwner(auth.email, platformOwnerEmail) };
}

export async function startSession(
  req: Request,
  res: Response,
  deps: { db: Db; tokens: SessionTokens; platformOwnerEmail?: string },
  who: SignedIn,
  options: { endPrevious?: boolean; onCreated?: (sessionId: string) => Promise<void> } = {},
): Promise<Identity> {
  // One browser, one session: the session this browser held before (any user) ends with the new one.
  if (options.endPrevious ?? true) {
    const previous = readSessionCookie(req);
    const previousClaims = previous ? await deps.tokens.verify(previous) : null;
    if (previousClaims) await revokeSession(deps.db, previousClaims.sid, previousClaims.uid);
  }
  const session = await createSession(deps.db, {
    userId: who.userId,
    practiceId: who.practiceId,
    userAgent: req.get("user-agent"),
    ip: req.ip,
  });
  const claims = { sid: session.id, uid: who.userId, tv: who.tokenVersion };
  setSessionCookie(req, res, await deps.tokens.sign({ ...claims, pid: who.practiceId }));
  await options.onCreated?.(session.id);
  const auth = await loadSession(deps.db, claims);
  if (!auth) throw new DomainError("UNAUTHENTICATED", "Please sign in.");
  return identityOf(deps.db, auth, deps.platformOwnerEmail);
}

/** The live session of a public route's caller, if any (public routes are not authenticated by the guard). */
export async function optionalSession(req: Request, deps: { db: Db; tokens: SessionTokens }): Promise<AuthContext | null> {
  const token = readSessionCookie(req);
  const claims = token ? await deps.tokens.verify(token) : null;
  return claims ? loadSession(deps.db, claims) : null;
}

export const meta = (req: Request): RequestMeta => ({ requestId: req.id, ip: req.ip ?? null });
