/**
 * Members of a practice: list, change role, remove, leave. changeRole and removeMember run only inside a
 * push mutation (accounts/mutators.ts), which already holds the practice lock (see MutatorContext in
 * sync/mutator-context.ts): the last-admin rule (shared/accounts/rules.ts) is checked with every other
 * writer of the practice waiting, so two concurrent demotions are serialised and the second sees the first.
 *
 * A role change or removal bumps the member's token version: every session cookie they hold fails its
 * next check and they sign in again, with the new role (or without this practice).
 */
import type { Role } from "../../../shared/auth/roles.js";
import { can } from "../../../shared/auth/roles.js";
import { assertKeepsAnAdmin, type MembershipChange } from "../../../shared/accounts/rules.js";
import { DomainError } from "../../../shared/errors.js";
import type { Db, Tx } from "../../db/prisma.js";
import { writeAudit } from "../../audit/audit.js";

export interface MemberActor {
  practiceId: string;
  userId: string;
  requestId: string;
  mutationId?: string;
  ip?: string | null;
}

async function membershipFor(tx: Tx, practiceId: string, userId: string) {
  const m = await tx.membership.findUnique({ where: { practiceId_userId: { practiceId, userId } }, select: { id: true, role: true } });
  if (!m) throw new DomainError("NOT_FOUND", "Member not found.");
  return m;
}

async function checkAdminRule(tx: Tx, practiceId: string, current: Role, change: MembershipChange) {
  const admins = current === "ADMIN" ? await tx.membership.count({ where: { practiceId, role: "ADMIN" } }) : 0;
  assertKeepsAnAdmin(current, change, admins);
}

function audit(tx: Tx, actor: MemberActor, action: string, userId: string, changes: Record<string, unknown>) {
  return writeAudit(tx, {
    practiceId: actor.practiceId,
    actorId: actor.userId,
    action,
    entity: "member",
    entityId: userId,
    changes: changes as never,
    requestId: actor.requestId,
    mutationId: actor.mutationId ?? null,
    ip: actor.ip ?? null,
  });
}

/**
 * Must run while the user is still a member: the application role sees (and may bump the token version
 * of) only its practice's members. updateMany, so no RETURNING of columns it may not read.
 */
async function endAccess(tx: Tx, userId: string, practiceId: string | null) {
  const { count } = await tx.user.updateMany({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
  if (count !== 1) throw new Error("The member's token version was not bumped; their sessions would outlive the change.");
  if (practiceId) await tx.session.updateMany({ where: { userId, practiceId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function changeRole(tx: Tx, actor: MemberActor, userId: string, role: Role) {
  const m = await membershipFor(tx, actor.practiceId, userId);
  if (m.role === role) return;
  await checkAdminRule(tx, actor.practiceId, m.role, { kind: "role", to: role });
  await tx.membership.update({ where: { id: m.id }, data: { role } });
  await endAccess(tx, userId, null);
  await audit(tx, actor, "member.role_changed", userId, { role: { from: m.role, to: role } });
}

export async function removeMember(tx: Tx, actor: MemberActor, userId: string, action = "member.removed") {
  const m = await membershipFor(tx, actor.practiceId, userId);
  await checkAdminRule(tx, actor.practiceId, m.role, { kind: "leave" });
  await endAccess(tx, userId, actor.practiceId);
  await tx.membership.delete({ where: { id: m.id } });
  await audit(tx, actor, action, userId, { role: m.role });
}

export async function listMembers(db: Db | Tx, viewer: { practiceId: string; userId: string; role: Role }) {
  const members = await db.membership.findMany({
    where: { practiceId: viewer.practiceId },
    orderBy: { createdAt: "asc" },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const result = {
    members: members.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
      you: m.user.id === viewer.userId,
    })),
  };
  if (!can(viewer.role, "members.manage")) return result;
  const invites = await db.invite.findMany({
    where: { practiceId: viewer.practiceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedById: true },
  });
  return { ...result, invites };
}
