/** Reads about the signed-in member's practice (writes are mutations through the sync push). */
import { z } from "zod";
import { ONBOARDING_STEP_IDS } from "../accounts/rules.js";
import { ROLES } from "../auth/roles.js";
import { defineContract } from "./define.js";

export const member = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  role: z.enum(ROLES),
  joinedAt: z.string(),
  you: z.boolean(),
});
export type Member = z.infer<typeof member>;

export const invite = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  expiresAt: z.string(),
  invitedById: z.string().nullable().optional(),
});
export type Invite = z.infer<typeof invite>;

/** Invites are listed only to roles that manage members. */
export const members = defineContract({
  method: "GET",
  path: "/api/members",
  access: "session",
  response: z.object({ members: z.array(member), invites: z.array(invite).optional() }),
});

export const onboarding = defineContract({
  method: "GET",
  path: "/api/onboarding",
  access: "session",
  response: z.object({
    steps: z.array(z.object({ id: z.enum(ONBOARDING_STEP_IDS), label: z.string(), done: z.boolean() })),
    dismissed: z.boolean(),
    completedCount: z.number().int(),
    total: z.number().int(),
    visible: z.boolean(),
  }),
});
