/** A user's own sessions, signing out everywhere, and moving the session to another practice. */
import { z } from "zod";
import { defineContract, NO_CONTENT } from "./define.js";
import { identity } from "./identity.js";

export const sessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  practiceName: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const listSessions = defineContract({
  method: "GET",
  path: "/api/auth/sessions",
  access: "session",
  response: z.object({ sessions: z.array(sessionInfo) }),
});

export const revokeSession = defineContract({
  method: "POST",
  path: "/api/auth/sessions/:id/revoke",
  access: "session",
  params: z.object({ id: z.uuid() }),
  response: NO_CONTENT,
});

export const logoutEverywhere = defineContract({
  method: "POST",
  path: "/api/auth/logout-everywhere",
  access: "session",
  response: NO_CONTENT,
});

export const switchPractice = defineContract({
  method: "POST",
  path: "/api/auth/switch-practice",
  access: "session",
  body: z.object({ practiceId: z.uuid() }),
  response: identity,
});
