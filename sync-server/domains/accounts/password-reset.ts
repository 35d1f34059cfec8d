/**
 * Password reset. The request always gets the same answer, before this work runs (after-answer.ts); a
 * link is emailed only to an account that exists; the link lasts an hour and is single use. Setting the
 * new password bumps the user's token version and revokes their sessions, so every browser signed in
 * before (perhaps an attacker's) is out.
 */
import { DomainError } from "../../../shared/errors.js";
import { hashPassword } from "../../auth/password.js";
import type { Db } from "../../db/prisma.js";
import { queueEmail, type EmailEnqueuer } from "../../email/outbox.js";
import { writeAudit } from "../../audit/audit.js";
import { appLink } from "./links.js";
import { signInTarget, type SignedIn } from "./magic-link.js";
import { consumeAuthToken, issueAuthToken } from "./tokens.js";
import { withEmails } from "./with-emails.js";

export const RESET_TTL_MINUTES = 60;

export async function requestPasswordReset(
  db: Db,
  relay: EmailEnqueuer | undefined,
  email: string,
  meta: { requestId: string; ip: string | null },
): Promise<void> {
  await withEmails(db, meta.requestId, async (cause) => {
    const user = await cause.tx.user.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } });
    const send = user && !user.disabledAt;
    if (send) {
      const token = await issueAuthToken(cause.tx, user.id, "PASSWORD_RESET", RESET_TTL_MINUTES);
      await queueEmail(cause, relay, {
        kind: "password_reset",
        practiceId: null,
        recipient: email,
        data: { userName: user.name, resetUrl: appLink("reset", token), expiresInMinutes: RESET_TTL_MINUTES },
      });
    }
    await writeAudit(cause.tx, {
      practiceId: null,
      actorId: null,
      action: "auth.password_reset_requested",
      entity: "user",
      entityId: send ? user.id : undefined,
      changes: { sent: Boolean(send) },
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}

export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  meta: { requestId: string; ip: string | null },
): Promise<SignedIn> {
  // Hashed before the token is looked at: the answer takes as long for a bad token as for a good one.
  const passwordHash = await hashPassword(password);
  return withEmails(db, meta.requestId, async ({ tx }) => {
    const userId = await consumeAuthToken(tx, "PASSWORD_RESET", token);
    if (!userId) throw new DomainError("TOKEN_INVALID", "This reset link has expired or was already used. Request a new one.");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, tokenVersion: { increment: 1 } } });
    await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    // Any other outstanding reset or sign-in link dies with the old password.
    await tx.authToken.updateMany({ where: { userId, consumedAt: null }, data: { consumedAt: new Date() } });
    const target = await signInTarget(tx, userId).catch(() => null);
    await writeAudit(tx, {
      practiceId: target?.practiceId ?? null,
      actorId: userId,
      action: "auth.password_reset",
      entity: "user",
      entityId: userId,
      requestId: meta.requestId,
      ip: meta.ip,
    });
    if (!target)
      throw new DomainError(
        "UNAUTHENTICATED",
        "This account belongs to no practice, so it cannot sign in. Ask your practice admin for an invitation.",
      );
    return target;
  });
}
