/**
 * Passwordless sign-in. The request always gets the same answer, before this work runs (after-answer.ts);
 * a link is only emailed when the account exists and can sign in. Tokens last 15 minutes, are single
 * use, and a newer link invalidates older ones. The link opens a page whose button POSTs the token, so
 * GETs (link scanners) change nothing.
 */
import { DomainError } from "../../../shared/errors.js";
import type { Db, Tx } from "../../db/prisma.js";
import { queueEmail, type EmailEnqueuer } from "../../email/outbox.js";
import { writeAudit } from "../../audit/audit.js";
import { appLink } from "./links.js";
import { consumeAuthToken, issueAuthToken } from "./tokens.js";
import { withEmails } from "./with-emails.js";

export const MAGIC_LINK_TTL_MINUTES = 15;

/** Who to sign in, into which practice, with the token version the session cookie must carry. */
export interface SignedIn {
  userId: string;
  practiceId: string;
  tokenVersion: number;
}

/** An account can sign in when it is not disabled and belongs to at least one practice (sessions need one). */
export async function signInTarget(tx: Tx, userId: string, practiceId?: string): Promise<SignedIn> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { tokenVersion: true, disabledAt: true } });
  const membership = await tx.membership.findFirst({
    where: { userId, ...(practiceId ? { practiceId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { practiceId: true },
  });
  if (!user || user.disabledAt || !membership)
    throw new DomainError("UNAUTHENTICATED", "This account cannot sign in. Ask your practice admin for an invitation.");
  return { userId, practiceId: membership.practiceId, tokenVersion: user.tokenVersion };
}

async function canSignIn(tx: Tx, userId: string): Promise<boolean> {
  return (await tx.membership.count({ where: { userId, user: { disabledAt: null } } })) > 0;
}

/** Issues a magic link for a user inside the caller's transaction; null when the account cannot sign in. */
export async function issueMagicLinkIn(tx: Tx, userId: string): Promise<string | null> {
  if (!(await canSignIn(tx, userId))) return null;
  return appLink("magic", await issueAuthToken(tx, userId, "MAGIC_LINK", MAGIC_LINK_TTL_MINUTES));
}

export async function requestMagicLink(
  db: Db,
  relay: EmailEnqueuer | undefined,
  email: string,
  meta: { requestId: string; ip: string | null },
): Promise<void> {
  await withEmails(db, meta.requestId, async (cause) => {
    const user = await cause.tx.user.findUnique({ where: { email }, select: { id: true, name: true } });
    const link = user ? await issueMagicLinkIn(cause.tx, user.id) : null;
    if (user && link) {
      await queueEmail(cause, relay, {
        kind: "magic_link",
        practiceId: null,
        recipient: email,
        data: { userName: user.name, signInUrl: link, expiresInMinutes: MAGIC_LINK_TTL_MINUTES },
      });
    }
    // Audited either way (the same work on both paths); never the token itself.
    await writeAudit(cause.tx, {
      practiceId: null,
      actorId: null,
      action: "auth.magic_link_requested",
      entity: "user",
      entityId: link ? user!.id : undefined,
      changes: { sent: Boolean(link) },
      requestId: meta.requestId,
      ip: meta.ip,
    });
  });
}

/** Signs in with a magic-link token; null when the token is not a live magic link. */
export async function consumeMagicLink(db: Db, token: string, meta: { requestId: string; ip: string | null }): Promise<SignedIn | null> {
  return withEmails(db, meta.requestId, async ({ tx }) => {
    const userId = await consumeAuthToken(tx, "MAGIC_LINK", token);
    if (!userId) return null;
    const target = await signInTarget(tx, userId);
    await writeAudit(tx, {
      practiceId: target.practiceId,
      actorId: userId,
      action: "auth.magic_link_sign_in",
      entity: "user",
      entityId: userId,
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return target;
  });
}
