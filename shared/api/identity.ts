/** Who is signed in: the answer of GET /api/me and of every route that starts a session. */
import { z } from "zod";
import { ROLES } from "../auth/roles.js";

export const identity = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  practice: z.object({ id: z.uuid(), name: z.string() }),
  role: z.enum(ROLES),
  practices: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
  /**
   * Whether this user may open the platform owner console (GET /api/owner/practices), so nobody else asks
   * it. Defaults to false for identities cached by a version of the app that did not have it.
   */
  isPlatformOwner: z.boolean().default(false),
});
export type Identity = z.infer<typeof identity>;

/**
 * Who is signed in, if anyone: the client's start-up question. Answers 200 either way, because being
 * signed out is an expected outcome there, not an error (a 401 is logged by the browser as one).
 */
export const sessionStatus = z.object({ identity: identity.nullable() });
