import type { MutationDef } from "./define.js";
import { locationArchive, locationCreate, locationUpdate } from "../locations/mutations.js";
import { emailRetry } from "../emails/mutations.js";
import { stockAdjust } from "../stock/mutations.js";
import { inviteRevoke, memberChangeRole, memberInvite, memberLeave, memberRemove, onboardingComplete, onboardingDismiss, practiceUpdateDetails } from "../accounts/mutations.js";

/**
 * Every mutation the system knows, by name. Adding one here makes it pushable (and attackable in tests).
 * A null-prototype object: names come from clients, and "constructor" or "__proto__" must find nothing.
 * Look names up with mutationNamed().
 */
export const MUTATIONS: Readonly<Record<string, MutationDef>> = Object.assign(Object.create(null) as Record<string, MutationDef>, {
  [locationCreate.name]: locationCreate,
  [locationUpdate.name]: locationUpdate,
  [locationArchive.name]: locationArchive,
  [stockAdjust.name]: stockAdjust,
  [emailRetry.name]: emailRetry,
  [memberInvite.name]: memberInvite,
  [inviteRevoke.name]: inviteRevoke,
  [memberChangeRole.name]: memberChangeRole,
  [memberRemove.name]: memberRemove,
  [practiceUpdateDetails.name]: practiceUpdateDetails,
  [onboardingDismiss.name]: onboardingDismiss,
  [onboardingComplete.name]: onboardingComplete,
  [memberLeave.name]: memberLeave,
} as Record<string, MutationDef>);

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** The mutation with this (untrusted) name; own keys only, so inherited names are unknown. */
export function mutationNamed(name: string): MutationDef | undefined {
  return Object.hasOwn(MUTATIONS, name) ? MUTATIONS[name] : undefined;
}

export { emailRetry, locationArchive, locationCreate, locationUpdate, stockAdjust };
export type { MutationDef, ReplicaTx } from "./define.js";
