/**
 * Sign-up, magic link, password reset and invitations: requests answer 202 with the same body whether or
 * not an account exists; the consume endpoints start a session and answer the identity.
 */
import { z } from "zod";
import { emailAddress } from "../accounts/mutations.js";
import { PASSWORD_MAX, PASSWORD_MIN } from "../accounts/rules.js";
import { safeText } from "../validation/text.js";
import { defineContract } from "./define.js";
import { identity } from "./identity.js";

/** Tokens arrive from links: anything that is not plausibly one of ours (accounts/tokens.ts) is refused before touching the database. */
export const EMAIL_LINK_TOKEN = /^[A-Za-z0-9_-]{40,64}$/;
export const emailLinkToken = safeText().regex(EMAIL_LINK_TOKEN, "This link is not valid. Open it again from your email.");

/**
 * A new password's length (code points for the minimum, so an emoji counts once; UTF-16 units for the
 * maximum, as the sign-in form counts). The server also refuses common passwords (its own list).
 */
export const newPasswordShape = safeText()
  .refine((p) => [...p].length >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .refine((p) => p.length <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

/** The one answer to every "email me a link" request (it never says whether the address has an account). */
export const checkEmail = z.object({ status: z.literal("check_email"), message: z.string() });
export type CheckEmail = z.infer<typeof checkEmail>;

export const signup = defineContract({
  method: "POST",
  path: "/api/auth/signup",
  access: "public",
  body: z.object({
    practiceName: safeText().trim().min(1, "Enter the practice name").max(120),
    name: safeText().trim().min(1, "Enter your name").max(100),
    email: emailAddress,
    password: newPasswordShape,
  }),
  response: checkEmail,
  status: 202,
});

export const requestMagicLink = defineContract({
  method: "POST",
  path: "/api/auth/magic-link",
  access: "public",
  body: z.object({ email: emailAddress }),
  response: checkEmail,
  status: 202,
});

export const consumeMagicLink = defineContract({
  method: "POST",
  path: "/api/auth/magic-link/consume",
  access: "public",
  body: z.object({ token: emailLinkToken }),
  response: identity,
});

export const requestPasswordReset = defineContract({
  method: "POST",
  path: "/api/auth/password-reset",
  access: "public",
  body: z.object({ email: emailAddress }),
  response: checkEmail,
  status: 202,
});

export const consumePasswordReset = defineContract({
  method: "POST",
  path: "/api/auth/password-reset/consume",
  access: "public",
  body: z.object({ token: emailLinkToken, password: newPasswordShape }),
  response: identity,
});

/** Public: the invitee may have no account yet (then name and password create one). */
export const acceptInvite = defineContract({
  method: "POST",
  path: "/api/auth/invite/accept",
  access: "public",
  body: z.object({
    token: emailLinkToken,
    name: safeText().trim().min(1).max(100).optional(),
    password: newPasswordShape.optional(),
  }),
  response: identity,
});
