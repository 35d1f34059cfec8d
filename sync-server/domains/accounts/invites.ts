/**
 * Invitations. An ADMIN invites an email address with a role (mutation `member.invite`); the emailed link
 * is valid for 7 days and once. Accepting it either adds the membership to the account of that address
 * (signed in, or existing) or creates the account; a signed-in user can never accept an invite addressed
 * to someone else, so a forwarded link cannot attach a practice to the wrong person.
 */
import type { Role } from "../../../shared/auth/roles.js";
import { INVITE_TTL_DAYS } from "../../../shared/accounts/rules.js";
import { DomainError } from "../../../shared/errors.js";
import { hashPassword } from "../../auth/password.js";
import type { Db, Tx } from "../../db/prisma.js";
import { queueEmail, type EmailCause, type EmailEnqueuer } from "../../email/outbox.js";
import { writeAudit } from "../../audit/audit.js";
import { asBusinessError } from "../../sync/db-errors.js";
import { appLink } from "./links.js";
import { signInTarget, type SignedIn } from "./magic-link.js";
import { hashToken, newToken } from "./tokens.js";
import { withEmails } from "./with-emails.js";

export interface InviteActor {
  practiceId: string;
  userId: string;
  requestId: string;
  mutationId?: string;
}

/** Invitations a practice may send per hour: enough for onboarding a whole team, too few to spam with. */
export const INVITES_PER_HOUR = 30;

export async function createInvite(
  cause: EmailCause,
  relay: EmailEnqueuer | undefined,
  actor: InviteActor,
  args: { id: string; email: string; role: Role },
) {
  const { tx } = cause;
  const recent = await tx.invite.count({ where: { practiceId: actor.practiceId, createdAt: { gt: new Date(Date.now() - 3_600_000) } } });
  if (recent >= INVITES_PER_HOUR)
    throw new DomainError(
      "RATE_LIMITED",
      `This practice has sent ${INVITES_PER_HOUR} invitations in the last hour. Please try again later.`,
    );
  const member = await tx.membership.findFirst({
    where: { practiceId: actor.practiceId, user: { email: args.email } },
    select: { id: true },
  });
  if (member) throw new DomainError("ALREADY_EXISTS", "This person is already a member of the practice.");
  // Inviting the same address again replaces the pending invitation (its old link stops working).
  const now = new Date();
  await tx.invite.updateMany({
    where: { practiceId: actor.practiceId, email: args.email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 3_600_000);
  await tx.invite.create({
    data: {
      id: args.id,
      practiceId: actor.practiceId,
      email: args.email,
      role: args.role,
      tokenHash: hash,
      invitedById: actor.userId,
      expiresAt,
    },
  });
  const [practice, inviter] = await Promise.all([
    tx.practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { name: true } }),
    tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } }),
  ]);
  await queueEmail(cause, relay, {
    kind: "invite",
    practiceId: actor.practiceId,
    recipient: args.email,
    data: {
      practiceName: practice.name,
      inviterName: inviter.name,
      role: args.role,
      acceptUrl: appLink("invite", token),
      expiresAt: expiresAt.toISOString(),
    },
  });
  await writeAudit(tx, {
    practiceId: actor.practiceId,
    actorId: actor.userId,
    action: "invite.sent",
    entity: "invite",
    entityId: args.id,
    changes: { email: args.email, role: args.role },
    requestId: actor.requestId,
    mutationId: actor.mutationId ?? null,
  });
}

export async function revokeInvite(tx: Tx, actor: InviteActor, inviteId: string) {
  const invite = await tx.invite.findFirst({
    where: { id: inviteId, practiceId: actor.practiceId },
    select: { acceptedAt: true, revokedAt: true, email: true },
  });
  if (!invite) throw new DomainError("NOT_FOUND", "Invitation not found.");
  if (invite.acceptedAt) throw new DomainError("CONFLICT", "This invitation was already accepted. Remove the member instead.");
  if (invite.revokedAt) return;
  await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: new Date() } });
  await writeAudit(tx, {
    practiceId: actor.practiceId,
    actorId: actor.userId,
    action: "invite.revoked",
    entity: "invite",
    entityId: inviteId,
    changes: { email: invite.email },
    requestId: actor.requestId,
    mutationId: actor.mutationId ?? null,
  });
}

export interface AcceptInput {
  token: string;
  name?: string;
  password?: string;
  /** The signed-in user, if the request carries a live session. */
  signedIn?: { userId: string; email: string };
}

export async function acceptInvite(db: Db, input: AcceptInput, meta: { requestId: string; ip: string | null }): Promise<SignedIn> {
  // A new account's password is hashed up front, outside the transaction that holds the invite row.
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  try {
    return await acceptIn(db, input, passwordHash, meta);
  } catch (err) {
    // Two invitations to one new address accepted at the same instant: the unique email lets one create
    // the account; the other rolled back (its invite still usable) and simply needs another try.
    if (!(err instanceof DomainError) && asBusinessError(err)?.code === "ALREADY_EXISTS") {
      throw new DomainError("CONFLICT", "Your account was just created by another request. Please try again.");
    }
    throw err;
  }
}

async function acceptIn(
  db: Db,
  input: AcceptInput,
  passwordHash: string | undefined,
  meta: { requestId: string; ip: string | null },
): Promise<SignedIn> {
  return withEmails(db, meta.requestId, async ({ tx }) => {
    const tokenHash = hashToken(input.token);
    const now = new Date();
    const { count } = await tx.invite.updateMany({
      where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count !== 1)
      throw new DomainError("TOKEN_INVALID", "This invitation has expired, was withdrawn or was already used. Ask for a new one.");
    const invite = await tx.invite.findUniqueOrThrow({ where: { tokenHash } });
    // Refusals below throw, which rolls back the acceptance: the invite stays usable by its addressee.
    if (input.signedIn && input.signedIn.email !== invite.email) {
      throw new DomainError(
        "FORBIDDEN",
        "This invitation was sent to a different email address. Sign out, then open the link again, or ask for an invitation to your own address.",
      );
    }
    let user = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true, disabledAt: true } });
    let created = false;
    if (user?.disabledAt) throw new DomainError("FORBIDDEN", "This account is disabled.");
    if (!user) {
      const name = input.name?.trim();
      if (!name || !passwordHash)
        throw new DomainError("VALIDATION_FAILED", "Enter your name and choose a password to create your account.", { needsAccount: true });
      user = await tx.user.create({ data: { email: invite.email, name, passwordHash }, select: { id: true, disabledAt: true } });
      created = true;
    }
    // Someone already in the practice keeps their current role: an old invite must not demote or promote.
    const existing = await tx.membership.findUnique({ where: { practiceId_userId: { practiceId: invite.practiceId, userId: user.id } } });
    if (!existing) await tx.membership.create({ data: { practiceId: invite.practiceId, userId: user.id, role: invite.role } });
    await writeAudit(tx, {
      practiceId: invite.practiceId,
      actorId: user.id,
      action: "invite.accepted",
      entity: "invite",
      entityId: invite.id,
      changes: { email: invite.email, role: existing?.role ?? invite.role, newAccount: created },
      requestId: meta.requestId,
      ip: meta.ip,
    });
    return signInTarget(tx, user.id, invite.practiceId);
  });
}
