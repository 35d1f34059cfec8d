/**
 * Managing a practice's people and settings. Server-only (members, invites and practice settings are not
 * replicated to tablets), so no optimistic apply: the client shows the result after the push answers.
 */
import { z } from "zod";
import { ROLES } from "../auth/roles.js";
import { ONBOARDING_STEP_IDS } from "./rules.js";
import { safeText } from "../validation/text.js";
import { defineMutation } from "../mutations/define.js";

export const emailAddress = safeText().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));

/** Invites someone by email; `id` is the invite's id, chosen by the client so a retried push cannot invite twice. */
export const memberInvite = defineMutation({
  name: "member.invite",
  permission: "members.manage",
  args: z.object({ id: z.uuid(), email: emailAddress, role: z.enum(ROLES) }),
});

export const inviteRevoke = defineMutation({
  name: "invite.revoke",
  permission: "members.manage",
  args: z.object({ id: z.uuid() }),
});

export const memberChangeRole = defineMutation({
  name: "member.changeRole",
  permission: "members.manage",
  args: z.object({ userId: z.uuid(), role: z.enum(ROLES) }),
});

export const memberRemove = defineMutation({
  name: "member.remove",
  permission: "members.manage",
  args: z.object({ userId: z.uuid() }),
});

/**
 * The signed-in member leaves the practice. VIEWERs are read-only (no mutation is open to them), so an
 * admin removes a viewer who wants to leave.
 */
export const memberLeave = defineMutation({
  name: "member.leave",
  permission: "members.leave",
  args: z.object({}),
});

export const practiceUpdateDetails = defineMutation({
  name: "practice.updateDetails",
  permission: "practice.manage",
  args: z.object({
    name: safeText().trim().min(1, "Name is required").max(120),
    addressLine: safeText().trim().max(300).nullable().optional(),
    timezone: safeText()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en-GB", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "Unknown time zone")
      .optional(),
  }),
});

/** Hides the onboarding checklist for the whole practice. */
export const onboardingDismiss = defineMutation({
  name: "onboarding.dismiss",
  permission: "practice.manage",
  args: z.object({}),
});

/** Ticks a checklist step by hand (steps the data cannot show, or ones the practice wants to skip). */
export const onboardingComplete = defineMutation({
  name: "onboarding.complete",
  permission: "practice.manage",
  args: z.object({ step: z.enum(ONBOARDING_STEP_IDS) }),
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const ACCOUNT_MUTATIONS = {
  [memberInvite.name]: memberInvite,
  [inviteRevoke.name]: inviteRevoke,
  [memberChangeRole.name]: memberChangeRole,
  [memberRemove.name]: memberRemove,
  [memberLeave.name]: memberLeave,
  [practiceUpdateDetails.name]: practiceUpdateDetails,
  [onboardingDismiss.name]: onboardingDismiss,
  [onboardingComplete.name]: onboardingComplete,
};
