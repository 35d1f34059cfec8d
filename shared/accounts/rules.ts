/**
 * Rules about who belongs to a practice. A practice must always keep at least one ADMIN: without one,
 * nobody could invite, change roles or recover the practice, and we do not offer support back doors.
 */
import type { Role } from "../auth/roles.js";
import { DomainError } from "../errors.js";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const INVITE_TTL_DAYS = 7;

/** What happens to one member: a new role, or leaving the practice (removed or left). */
export type MembershipChange = { kind: "role"; to: Role } | { kind: "leave" };

/**
 * Refuses a change that would leave the practice without an ADMIN. `adminCount` must be read under the
 * practice lock (the server holds the practice's version row), so two concurrent demotions see each other.
 */
export function assertKeepsAnAdmin(current: Role, change: MembershipChange, adminCount: number): void {
  if (current !== "ADMIN") return;
  const staysAdmin = change.kind === "role" && change.to === "ADMIN";
  if (!staysAdmin && adminCount <= 1) {
    const what = change.kind === "role" ? "change the role of" : "remove";
    throw new DomainError("LAST_ADMIN", `You cannot ${what} the last admin of the practice. Make someone else an admin first.`);
  }
}

export const ONBOARDING_STEPS = [
  { id: "details", label: "Add your practice details" },
  { id: "location", label: "Create your first storage location" },
  { id: "invite", label: "Invite a colleague" },
  { id: "supplier", label: "Add your first supplier" },
  { id: "items", label: "Add your first items" },
  { id: "count", label: "Complete your first stock count" },
] as const;

export type OnboardingStepId = (typeof ONBOARDING_STEPS)[number]["id"];
export const ONBOARDING_STEP_IDS = ONBOARDING_STEPS.map((s) => s.id) as [OnboardingStepId, ...OnboardingStepId[]];
