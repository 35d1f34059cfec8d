/**
 * Sign-up, magic link and password reset (contracts in shared/api/email-links.ts): the requests answer
 * 202 with the same body whether or not an account exists, and at once: the look-up, hashing, token and
 * email happen after the answer (accounts/after-answer.ts), so its timing says nothing about the address
 * either. The consume endpoints are POSTs from a page with a button, so following the emailed link (a
 * GET) never uses the token.
 */
import { Router } from "express";
import * as contracts from "../../../../shared/api/email-links.js";
import { route } from "../../../http/route.js";
import { afterAnswer } from "../after-answer.js";
import { requestMagicLink } from "../magic-link.js";
import { assertNewPassword } from "../password-policy.js";
import { requestPasswordReset, resetPassword } from "../password-reset.js";
import { signInWithEmailLink } from "../sign-in-link.js";
import { requestSignup } from "../signup.js";
import { meta, startSession } from "./sign-in.js";
import type { AccountDeps } from "./index.js";

/** The one answer to every "email me a link" request. */
export const CHECK_EMAIL = {
  status: "check_email",
  message: "If that address can be used, we have sent it an email. Check your inbox (and spam folder).",
} as const;

export function emailLinksRouter(deps: AccountDeps): Router {
  const router = Router();

  route(router, contracts.signup, async ({ body }, { req }) => {
    assertNewPassword(body.password);
    await afterAnswer.schedule(req.log, "sign-up request", () => requestSignup(deps.systemDb, deps.relay, body, meta(req)));
    return CHECK_EMAIL;
  });

  route(router, contracts.requestMagicLink, async ({ body }, { req }) => {
    await afterAnswer.schedule(req.log, "magic link request", () => requestMagicLink(deps.systemDb, deps.relay, body.email, meta(req)));
    return CHECK_EMAIL;
  });

  route(router, contracts.consumeMagicLink, async ({ body }, { req, res }) =>
    startSession(req, res, deps, await signInWithEmailLink(deps.systemDb, body.token, meta(req))),
  );

  route(router, contracts.requestPasswordReset, async ({ body }, { req }) => {
    await afterAnswer.schedule(req.log, "password reset request", () =>
      requestPasswordReset(deps.systemDb, deps.relay, body.email, meta(req)),
    );
    return CHECK_EMAIL;
  });

  route(router, contracts.consumePasswordReset, async ({ body }, { req, res }) => {
    assertNewPassword(body.password);
    return startSession(req, res, deps, await resetPassword(deps.systemDb, body.token, body.password, meta(req)));
  });

  return router;
}
