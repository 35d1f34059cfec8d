/** A user's own sessions: list them, end one, or end all of them (contracts in shared/api/sessions.ts). */
import { Router } from "express";
import * as contracts from "../../../../shared/api/sessions.js";
import { clearSessionCookie, type SessionTokens } from "../../../auth/session-token.js";
import type { Db } from "../../../db/prisma.js";
import { route } from "../../../http/route.js";
import { listOwnSessions, revokeOwnSession, signOutEverywhere } from "../sessions-service.js";
import { meta } from "./sign-in.js";

export function sessionsRouter(deps: { db: Db; tokens: SessionTokens }): Router {
  const { db } = deps;
  const router = Router();

  route(router, contracts.listSessions, async (_input, { auth }) => ({ sessions: await listOwnSessions(db, auth) }));

  route(router, contracts.revokeSession, async ({ params }, { auth, req, res }) => {
    await revokeOwnSession(db, auth, params.id, meta(req));
    if (params.id === auth.sessionId) clearSessionCookie(req, res);
  });

  route(router, contracts.logoutEverywhere, async (_input, { auth, req, res }) => {
    await signOutEverywhere(db, auth, meta(req));
    clearSessionCookie(req, res);
  });

  return router;
}
