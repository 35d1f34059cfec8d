/**
 * Requires a live session and puts its identity on `req.auth`. practiceId, userId and role come only
 * from here, never from a request body.
 */
import type { Request } from "express";
import { z } from "zod";
import { DomainError } from "../../../shared/errors.js";
import { readSessionCookie, type SessionClaims, type SessionTokens } from "../../auth/session-token.js";
import { loadSession, type AuthContext } from "../../auth/sessions.js";
import type { Db } from "../../db/prisma.js";

declare module "express-serve-static-core" {
  interface Request {
    auth?: AuthContext;
  }
}

// A validly signed token can still carry claims the database cannot take (a session id that is not a
// UUID makes PostgreSQL refuse the query): only well-formed ids ever reach it. Token versions are 32-bit
// columns.
const claimsShape = z.object({
  sid: z.guid(),
  uid: z.guid(),
  pid: z.guid().nullable(),
  tv: z.number().int().min(0).max(2_147_483_647),
});

/** The claims of a well-formed token, or null. */
export function wellFormedClaims(claims: SessionClaims | null): SessionClaims | null {
  const parsed = claimsShape.safeParse(claims);
  return parsed.success ? parsed.data : null;
}

/**
 * Authenticates one request: sets `req.auth` or throws UNAUTHENTICATED. Database failures reject (the
 * error handler answers them). A plain async function, not a middleware: an async middleware called by
 * hand, with its promise dropped, once took the whole process down with an unhandled rejection.
 */
export async function authenticateRequest(db: Db, tokens: SessionTokens, req: Request): Promise<AuthContext> {
  const token = readSessionCookie(req);
  const claims = token ? wellFormedClaims(await tokens.verify(token)) : null;
  const auth = claims ? await loadSession(db, claims) : null;
  if (!auth) throw new DomainError("UNAUTHENTICATED", "Please sign in.");
  req.auth = auth;
  req.log = req.log.child({ userId: auth.userId, practiceId: auth.practiceId });
  return auth;
}

/** The identity of an authenticated request (after `authenticate`). */
export function authOf(req: Request): AuthContext {
  if (!req.auth) throw new DomainError("UNAUTHENTICATED", "Please sign in.");
  return req.auth;
}
