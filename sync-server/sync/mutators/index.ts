/**
 * Server mutators by name. Each shared mutation (shared/mutations) has exactly one; a test checks that
 * the two registries match, so a mutation cannot be defined without its authoritative implementation.
 */
import type { ServerMutator } from "./context.js";
import { archiveLocation, createLocation, updateLocation } from "./location.js";
import { retryEmail } from "./email.js";
import { adjustStock } from "./stock.js";
import { changeMemberRole, completeOnboardingStep, dismissOnboarding, inviteMember, leavePractice, removePracticeMember, revokeMemberInvite, updatePracticeDetails } from "./members.js";

export const SERVER_MUTATORS: Record<string, ServerMutator<never>> = {
  "location.create": createLocation,
  "location.update": updateLocation,
  "location.archive": archiveLocation,
  "stock.adjust": adjustStock,
  "email.retry": retryEmail,
  "member.invite": inviteMember,
  "invite.revoke": revokeMemberInvite,
  "member.changeRole": changeMemberRole,
  "member.remove": removePracticeMember,
  "practice.updateDetails": updatePracticeDetails,
  "onboarding.dismiss": dismissOnboarding,
  "onboarding.complete": completeOnboardingStep,
  "member.leave": leavePractice,
};
