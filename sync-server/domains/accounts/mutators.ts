/**
 * Server side of the member and practice-settings mutations. The rules live in this folder and
 * shared/accounts/rules.ts; these adapt the push context. The push already holds the practice's version
 * lock, so the last-admin check cannot race another mutation of the same practice.
 */
import type { z } from "zod";
import type {
  inviteRevoke,
  memberChangeRole,
  memberInvite,
  memberLeave,
  memberRemove,
  onboardingComplete,
  onboardingDismiss,
  practiceUpdateDetails,
} from "../../../shared/accounts/mutations.js";
import { createInvite, revokeInvite } from "./invites.js";
import { changeRole, removeMember } from "./members.js";
import { updateOnboarding } from "./onboarding.js";
import type { MutatorContext, ServerMutators } from "../../sync/mutator-context.js";

const actor = (ctx: MutatorContext) => ({
  practiceId: ctx.practiceId,
  userId: ctx.userId,
  requestId: ctx.requestId,
  mutationId: ctx.mutationId,
});

export async function inviteMember(ctx: MutatorContext, args: z.infer<typeof memberInvite.args>) {
  await createInvite({ tx: ctx.tx, requestId: ctx.requestId, afterCommit: ctx.afterCommit }, ctx.emails, actor(ctx), args);
}

export async function revokeMemberInvite(ctx: MutatorContext, args: z.infer<typeof inviteRevoke.args>) {
  await revokeInvite(ctx.tx, actor(ctx), args.id);
}

export async function changeMemberRole(ctx: MutatorContext, args: z.infer<typeof memberChangeRole.args>) {
  await changeRole(ctx.tx, actor(ctx), args.userId, args.role);
}

export async function removePracticeMember(ctx: MutatorContext, args: z.infer<typeof memberRemove.args>) {
  await removeMember(ctx.tx, actor(ctx), args.userId);
}

export async function leavePractice(ctx: MutatorContext, _args: z.infer<typeof memberLeave.args>) {
  await removeMember(ctx.tx, actor(ctx), ctx.userId, "member.left");
}

export async function updatePracticeDetails(ctx: MutatorContext, args: z.infer<typeof practiceUpdateDetails.args>) {
  const before = await ctx.tx.practice.findUniqueOrThrow({
    where: { id: ctx.practiceId },
    select: { name: true, addressLine: true, timezone: true },
  });
  const after = {
    name: args.name,
    addressLine: args.addressLine === undefined ? before.addressLine : args.addressLine,
    timezone: args.timezone ?? before.timezone,
  };
  await ctx.tx.practice.update({ where: { id: ctx.practiceId }, data: after });
  await updateOnboarding(ctx.tx, ctx.practiceId, { complete: "details" });
  const changes: Record<string, unknown> = {};
  for (const key of ["name", "addressLine", "timezone"] as const)
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  await ctx.audit("practice.update", "practice", ctx.practiceId, changes);
}

export async function dismissOnboarding(ctx: MutatorContext, _args: z.infer<typeof onboardingDismiss.args>) {
  await updateOnboarding(ctx.tx, ctx.practiceId, { dismiss: true });
  await ctx.audit("onboarding.dismiss", "practice", ctx.practiceId);
}

export async function completeOnboardingStep(ctx: MutatorContext, args: z.infer<typeof onboardingComplete.args>) {
  await updateOnboarding(ctx.tx, ctx.practiceId, { complete: args.step });
  await ctx.audit("onboarding.complete", "practice", ctx.practiceId, { step: args.step });
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const ACCOUNT_MUTATORS = {
  "member.invite": inviteMember,
  "invite.revoke": revokeMemberInvite,
  "member.changeRole": changeMemberRole,
  "member.remove": removePracticeMember,
  "member.leave": leavePractice,
  "practice.updateDetails": updatePracticeDetails,
  "onboarding.dismiss": dismissOnboarding,
  "onboarding.complete": completeOnboardingStep,
} satisfies Partial<ServerMutators>;
