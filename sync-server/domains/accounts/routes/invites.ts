/**
 * Accepting an invitation (public: the invitee may have no account yet). A signed-in caller accepts for
 * their own address only; otherwise the address's account is used, or created from name and password.
 */
import { Router } from "express";
import { z } from "zod";
import { acceptInvite } from "../invites.js";
import { newPassword } from "../password-policy.js";
import { safeText } from "../../../../shared/validation/text.js";
import { parse } from "../../../http/validate.js";
import { emailLinkToken } from "./email-links.js";
import { meta, optionalSession, startSession } from "./sign-in.js";
import type { AccountDeps } from "./index.js";

const acceptBody = z.object({
  token: emailLinkToken,
  name: safeText().trim().min(1).max(100).optional(),
  password: safeText().pipe(newPassword).optional(),
});

export function invitesRouter(deps: AccountDeps): Router {
  const router = Router();
  router.post("/auth/invite/accept", async (req, res) => {
    const body = parse(acceptBody, req.body);
    const session = await optionalSession(req, deps);
    const signedIn = session ? { userId: session.userId, email: session.email } : undefined;
    await startSession(req, res, deps, await acceptInvite(deps.systemDb, { ...body, signedIn }, meta(req)));
  });
  return router;
}
