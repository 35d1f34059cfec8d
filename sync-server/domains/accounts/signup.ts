/**
 * Sign-up in two steps. The request only records a pending sign-up and emails a confirmation link; the
 * practice, the user and their ADMIN membership are created when the link is confirmed. So nobody can
 * create an account (with their own password) for an address they do not control.
 *
 * The confirmation link opens the same page and endpoint as a magic link, but its email says what it is
 * (a confirmation that creates the account); an existing account gets a sign-in link that says why it came.
 *
 * The answer to the request never reveals whether the email already has an account: the route answers
 * before this work runs (after-answer.ts), and both paths hash the password, write one outbox email and
 * one audit row. An existing account gets a sign-in link instead.
 */
import { hashPassword } from "../../auth/password.js";
import type { Db } from "../../db/prisma.js";
import type { EmailEnqueuer } from "../../email/outbox.js";
import { queueEmail } from "../../email/outbox.js";
import { writeAudit } from "../../audit/audit.js";
import { createPractice } from "./practices.js";
import { asBusinessError } from "../../sync/db-errors.js";
import { DomainError } from "../../../shared/errors.js";
import { appLink } from "./links.js";
import { issueMagicLinkIn, MAGIC_LINK_TTL_MINUTES, signInTarget, type SignedIn } from "./magic-link.js";
import { hashToken, newToken } from "./tokens.js";
import { withEmails } from "./with-emails.js";

export const SIGNUP_TTL_MINUTES = 24 * 60;

export interface SignupRequestInput {
  practiceName: string;
  name: string;
  email: string;
  password: string;
}

export async function requestSignup(
  db: Db,
  relay: EmailEnqueuer | undefined,
  input: SignupRequestInput,
  meta: { requestId: string; ip: string | null },
): Promise<void> {
  // Hashed on both paths (also for an existing account, where it is thrown away) so timing is the same.
  const passwordHash = await hashPassword(input.password);
  await withEmails(db, meta.requestId, async (cause) => {
    const { tx } = cause;
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, disabledAt: true } });
    if (existing) {
      // Someone (maybe the owner, who forgot) tried to sign up again: send the owner a sign-in link.
      const link = existing.disabledAt ? null : await issueMagicLinkIn(tx, existing.id);
      if (link) {
        await queueEmail(cause, relay, {
          kind: "magic_link",
          practiceId: null,
          recipient: input.email,
          data: { userName: existing.name, signInUrl: link, expiresInMinutes: MAGIC_LINK_TTL_MINUTES, afterSignup: true },
        });
      }
      await writeAudit(tx, {
        practiceId: null,
        actorId: null,
        action: "auth.signup_existing_email",
        entity: "user",
        entityId: existing.id,
        requestId: meta.requestId,
        ip: meta.ip,
      });
      return;
    }
    // A newer sign-up for the same address replaces older pending ones.
    await tx.signupRequest.updateMany({ where: { email: input.email, consumedAt: null }, data: { consumedAt: new Date() } });
    const { token, hash } = newToken();
    const pending = await tx.signupRequest.create({
      data: {
        email: input.email,
        name: input.name,
        practiceName: input.practiceName,
        passwordHash,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + SIGNUP_TTL_MINUTES * 60_000),
      },
      select: { id: true },
    });
    await queueEmail(cause, relay, {
      kind: "signup_confirmation",
      practiceId: null,
      recipient: input.email,
      data: {
        userName: input.name,
        practiceName: input.practiceName,
        confirmUrl: appLink("magic", token),
        expiresInMinutes: SIGNUP_TTL_MINUTES,
      },
    });
    await writeAudit(tx, {
      practiceId: null,
      actorId: null,
      action: "auth.signup_requested",
      entity: "signup",
      entityId: pending.id,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}

/**
 * Confirms a sign-up: creates the practice (with its version counter), the user and their ADMIN
 * membership. Null when the token is not a live sign-up confirmation.
 */
export async function confirmSignup(db: Db, token: string, meta: { requestId: string; ip: string | null }): Promise<SignedIn | null> {
  try {
    return await withEmails(db, meta.requestId, async ({ tx }) => {
      const tokenHash = hashToken(token);
      const now = new Date();
      const { count } = await tx.signupRequest.updateMany({
        where: { tokenHash, consumedAt: null, expiresAt: { gt: now } },
        data: { consumedAt: now },
      });
      if (count !== 1) return null;
      const pending = await tx.signupRequest.findUniqueOrThrow({ where: { tokenHash } });
      if (await tx.user.findUnique({ where: { email: pending.email }, select: { id: true } })) {
        throw new DomainError("ALREADY_EXISTS", "An account with this email already exists. Sign in instead.");
      }
      const practice = await createPractice(tx, { name: pending.practiceName });
      const user = await tx.user.create({ data: { email: pending.email, name: pending.name, passwordHash: pending.passwordHash } });
      await tx.membership.create({ data: { practiceId: practice.id, userId: user.id, role: "ADMIN" } });
      await writeAudit(tx, {
        practiceId: practice.id,
        actorId: user.id,
        action: "auth.signup",
        entity: "practice",
        entityId: practice.id,
        changes: { practiceName: practice.name, userId: user.id, role: "ADMIN" },
        requestId: meta.requestId,
        ip: meta.ip,
      });
      return signInTarget(tx, user.id, practice.id);
    });
  } catch (err) {
    // Two confirmations for one address racing: the unique email decides, the loser gets a clear answer.
    const business = err instanceof DomainError ? null : asBusinessError(err);
    if (business?.code === "ALREADY_EXISTS")
      throw new DomainError("ALREADY_EXISTS", "An account with this email already exists. Sign in instead.");
    throw err;
  }
}
