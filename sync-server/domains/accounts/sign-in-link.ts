/**
 * The emailed sign-in link (`/auth/magic?token=…`) carries either a magic-link token or a sign-up
 * confirmation; both sign the person in. Any other token (expired, used, or of another purpose such as
 * a password reset) is refused with one answer.
 */
import { DomainError } from "../../../shared/errors.js";
import type { Db } from "../../db/prisma.js";
import { consumeMagicLink, type SignedIn } from "./magic-link.js";
import { confirmSignup } from "./signup.js";

export async function signInWithEmailLink(db: Db, token: string, meta: { requestId: string; ip: string | null }): Promise<SignedIn> {
  const signedIn = (await consumeMagicLink(db, token, meta)) ?? (await confirmSignup(db, token, meta));
  if (!signedIn) throw new DomainError("TOKEN_INVALID", "This sign-in link has expired or was already used. Request a new one.");
  return signedIn;
}
