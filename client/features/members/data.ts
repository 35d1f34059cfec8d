/**
 * Members and invitations. Reads come from GET /api/members (people are not replicated); writes are the
 * named mutations pushed through the outbox (no optimistic effect), so the list is read again once the
 * outbox drains.
 */
import type { Role } from "../../../shared/auth/roles.js";
import { assertKeepsAnAdmin, type MembershipChange } from "../../../shared/accounts/rules.js";
import type { ContractResult } from "../../../shared/api/define.js";
import { members, type Member } from "../../../shared/api/practice.js";
import type { ApiClient } from "../../api/http.js";

export type { Invite, Member } from "../../../shared/api/practice.js";
/** Invites are listed only to roles that manage members. */
export type MembersAnswer = ContractResult<typeof members>;

export const fetchMembers = (api: ApiClient): Promise<MembersAnswer> => api.call(members);

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
