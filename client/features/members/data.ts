/**
 * Members and invitations. Reads come from GET /api/members (people are not replicated); writes are the
 * named mutations pushed through the outbox (no optimistic effect), so the list is read again once the
 * outbox drains.
 */
import { z } from "zod";
import { ROLES, type Role } from "../../../shared/auth/roles.js";
import { assertKeepsAnAdmin, type MembershipChange } from "../../../shared/accounts/rules.js";
import type { ApiClient } from "../../api/http.js";

export const memberSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  role: z.enum(ROLES),
  joinedAt: z.string(),
  you: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  expiresAt: z.string(),
  invitedById: z.string().nullable().optional(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** Invites are listed only to roles that manage members. */
export const membersAnswerSchema = z.object({ members: z.array(memberSchema), invites: z.array(inviteSchema).optional() });
export type MembersAnswer = z.infer<typeof membersAnswerSchema>;

export const fetchMembers = (api: ApiClient): Promise<MembersAnswer> => api.get("/api/members", membersAnswerSchema);

/**
 * The last-admin rule checked against the list on screen, so the refusal shows at once (with the same
 * message the server would give). The server checks again under its lock. Returns the message or null.
 */
export function lastAdminRefusal(members: readonly Member[], member: Member, change: MembershipChange): string | null {
  const admins = members.filter((m) => m.role === "ADMIN").length;
  try {
    assertKeepsAnAdmin(member.role, change, admins);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", STAFF: "Staff", VIEWER: "Viewer" };
