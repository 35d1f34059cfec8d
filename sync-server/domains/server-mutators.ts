/**
 * Server mutators by name. Each shared mutation (shared/mutations) has exactly one; a test checks that
 * the two registries match, so a mutation cannot be defined without its authoritative implementation.
 */
import type { ServerMutator } from "../sync/mutator-context.js";
import { archiveLocation, createLocation, updateLocation } from "./locations/mutators.js";
import { retryEmail } from "./emails/mutators.js";
import { adjustStock } from "./stock/mutators.js";
import { changeMemberRole, completeOnboardingStep, dismissOnboarding, inviteMember, leavePractice, removePracticeMember, revokeMemberInvite, updatePracticeDetails } from "./accounts/mutators.js";

/** Null-prototype, like MUTATIONS: a client-sent name such as "constructor" must find nothing. Use serverMutatorNamed(). */
export const SERVER_MUTATORS: Readonly<Record<string, ServerMutator<never>>> = Object.assign(Object.create(null) as Record<string, ServerMutator<never>>, {
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
});

/** The server mutator for this (untrusted) name; own keys only. */
export function serverMutatorNamed(name: string): ServerMutator<never> | undefined {
  return Object.hasOwn(SERVER_MUTATORS, name) ? SERVER_MUTATORS[name] : undefined;
}
