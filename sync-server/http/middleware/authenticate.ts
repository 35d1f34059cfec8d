/**
 * Requires a live session and puts its identity on `req.auth`. practiceId, userId and role come only
 * from here, never from a request body.
 */
import type { NextFunction, Request, Response } from "express";
import { DomainError } from "../../../shared/errors.js";
import { readSessionCookie, type SessionTokens } from "../../auth/session-token.js";
import { loadSession, type AuthContext } from "../../auth/sessions.js";
import type { Db } from "../../db/prisma.js";

declare module "express-serve-static-core" {
  interface Request {
    auth?: AuthContext;
  }
}

export function authenticate(db: Db, tokens: SessionTokens) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = readSessionCookie(req);
    const claims = token ? await tokens.verify(token) : null;
    const auth = claims ? await loadSession(db, claims) : null;
    if (!auth) return next(new DomainError("UNAUTHENTICATED", "Please sign in."));
    req.auth = auth;
    req.log = req.log.child({ userId: auth.userId, practiceId: auth.practiceId });
    next();
  };
}

/** The identity of an authenticated request (after `authenticate`). */
export function authOf(req: Request): AuthContext {
  if (!req.auth) throw new DomainError("UNAUTHENTICATED", "Please sign in.");
  return req.auth;
}
