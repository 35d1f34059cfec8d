/**
 * Accepting an invitation (public: the invitee may have no account yet). A signed-in caller accepts for
 * their own address only; otherwise the address's account is used, or created from name and password.
 */
import { Router } from "express";
import { acceptInvite as contract } from "../../../../shared/api/email-links.js";
import { route } from "../../../http/route.js";
import { acceptInvite } from "../invites.js";
import { assertNewPassword } from "../password-policy.js";
import { meta, optionalSession, startSession } from "./sign-in.js";
import type { AccountDeps } from "./index.js";

export function invitesRouter(deps: AccountDeps): Router {
  const router = Router();
  route(router, contract, async ({ body }, { req, res }) => {
    if (body.password !== undefined) assertNewPassword(body.password);
    const session = await optionalSession(req, deps);
    const signedIn = session ? { userId: session.userId, email: session.email } : undefined;
    return startSession(req, res, deps, await acceptInvite(deps.systemDb, { ...body, signedIn }, meta(req)));
  });
  return router;
}
