/**
 * Server mutators by name: the composition of every domain's mutators, injected into push from the
 * composition root (http/app.ts). Typed as ServerMutators, so each shared mutation (shared/mutations)
 * must have exactly one, taking exactly its arguments; the compiler refuses anything else.
 */
import { nullPrototype } from "../../shared/mutations/index.js";
import type { ServerMutators } from "../sync/mutator-context.js";
import { archiveLocation, createLocation, updateLocation } from "./locations/mutators.js";
import { retryEmail } from "./emails/mutators.js";
import { adjustStock } from "./stock/mutators.js";
import { changeMemberRole, completeOnboardingStep, dismissOnboarding, inviteMember, leavePractice, removePracticeMember, revokeMemberInvite, updatePracticeDetails } from "./accounts/mutators.js";

/** Null-prototype, like MUTATIONS: a client-sent name such as "constructor" must find nothing. */
export const SERVER_MUTATORS: Readonly<ServerMutators> = nullPrototype({
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
} satisfies ServerMutators);

