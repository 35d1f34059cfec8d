/**
 * Sign-up, magic link and password reset: the requests answer 202 with the same body whether or not an
 * account exists, and at once: the look-up, hashing, token and email happen after the answer
 * (accounts/after-answer.ts), so its timing says nothing about the address either. The consume
 * endpoints are POSTs from a page with a button, so following the emailed link (a GET) never uses the
 * token.
 */
import { Router } from "express";
import { z } from "zod";
import { emailAddress } from "../../../../shared/accounts/mutations.js";
import { safeText } from "../../../../shared/validation/text.js";
import { afterAnswer } from "../after-answer.js";
import { requestMagicLink } from "../magic-link.js";
import { newPassword } from "../password-policy.js";
import { requestPasswordReset, resetPassword } from "../password-reset.js";
import { signInWithEmailLink } from "../sign-in-link.js";
import { requestSignup } from "../signup.js";
import { TOKEN_PATTERN } from "../tokens.js";
import { parse } from "../../../http/validate.js";
import { meta, startSession } from "./sign-in.js";
import type { AccountDeps } from "./index.js";

export const emailLinkToken = safeText().regex(TOKEN_PATTERN, "This link is not valid. Open it again from your email.");

const signupBody = z.object({
  practiceName: safeText().trim().min(1, "Enter the practice name").max(120),
  name: safeText().trim().min(1, "Enter your name").max(100),
  email: emailAddress,
  // Any character may be in a password, but not one that cannot be stored or hashed as sent.
  password: safeText().pipe(newPassword),
});

/** The one answer to every "email me a link" request. */
export const CHECK_EMAIL = { status: "check_email", message: "If that address can be used, we have sent it an email. Check your inbox (and spam folder)." } as const;

export function emailLinksRouter(deps: AccountDeps): Router {
  const router = Router();

  router.post("/auth/signup", async (req, res) => {
    const input = parse(signupBody, req.body);
    await afterAnswer.schedule(req.log, "sign-up request", () => requestSignup(deps.systemDb, deps.relay, input, meta(req)));
    res.status(202).json(CHECK_EMAIL);
  });

  router.post("/auth/magic-link", async (req, res) => {
    const { email } = parse(z.object({ email: emailAddress }), req.body);
    await afterAnswer.schedule(req.log, "magic link request", () => requestMagicLink(deps.systemDb, deps.relay, email, meta(req)));
    res.status(202).json(CHECK_EMAIL);
  });

  router.post("/auth/magic-link/consume", async (req, res) => {
    const { token } = parse(z.object({ token: emailLinkToken }), req.body);
    await startSession(req, res, deps, await signInWithEmailLink(deps.systemDb, token, meta(req)));
  });

  router.post("/auth/password-reset", async (req, res) => {
    const { email } = parse(z.object({ email: emailAddress }), req.body);
    await afterAnswer.schedule(req.log, "password reset request", () => requestPasswordReset(deps.systemDb, deps.relay, email, meta(req)));
    res.status(202).json(CHECK_EMAIL);
  });

  router.post("/auth/password-reset/consume", async (req, res) => {
    const { token, password } = parse(z.object({ token: emailLinkToken, password: safeText().pipe(newPassword) }), req.body);
    await startSession(req, res, deps, await resetPassword(deps.systemDb, token, password, meta(req)));
  });

  return router;
}
