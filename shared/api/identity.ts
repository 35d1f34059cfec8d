/** Who is signed in: the answer of GET /api/me and of every route that starts a session. */
import { z } from "zod";
import { ROLES } from "../auth/roles.js";

export const identity = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  practice: z.object({ id: z.uuid(), name: z.string() }),
  role: z.enum(ROLES),
  practices: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
});
export type Identity = z.infer<typeof identity>;
