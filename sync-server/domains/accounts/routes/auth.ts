/** Sign-in with email and password, sign-out, and "who am I" (contracts in shared/api/sign-in.ts). */
import { Router } from "express";
import * as contracts from "../../../../shared/api/sign-in.js";
import { clearSessionCookie, readSessionCookie, type SessionTokens } from "../../../auth/session-token.js";
import type { Db } from "../../../db/prisma.js";
import { route } from "../../../http/route.js";
import { auditSignIn, checkPassword } from "../password-sign-in.js";
import { signOut } from "../sessions-service.js";
import { identityOf, meta, optionalSession, startSession } from "./sign-in.js";

export function authRouter(deps: { db: Db; systemDb: Db; tokens: SessionTokens; platformOwnerEmail?: string }): Router {
  const { db, systemDb, tokens } = deps;
  const router = Router();

  route(router, contracts.login, async ({ body }, { req, res }) => {
    const who = await checkPassword(db, systemDb, body, meta(req));
    // A password sign-in leaves the browser's other session alone (unlike the emailed links).
    return startSession(req, res, deps, who, { endPrevious: false, onCreated: (sessionId) => auditSignIn(db, who, sessionId, meta(req)) });
  });

  route(router, contracts.logout, async (_input, { req, res }) => {
    const token = readSessionCookie(req);
    const claims = token ? await tokens.verify(token) : null;
    if (claims) await signOut(db, claims, meta(req));
    clearSessionCookie(req, res);
  });

  route(router, contracts.me, async (_input, { auth }) => identityOf(db, auth, deps.platformOwnerEmail));

  route(router, contracts.session, async (_input, { req }) => {
    const auth = await optionalSession(req, deps);
    return { identity: auth ? await identityOf(db, auth, deps.platformOwnerEmail) : null };
  });

  return router;
}
