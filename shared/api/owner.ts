/** The platform owner console: counts per practice. NOT_FOUND for everyone but the owner. */
import { z } from "zod";
import { defineContract } from "./define.js";

export const ownerPractices = defineContract({
  method: "GET",
  path: "/api/owner/practices",
  access: "session",
  response: z.object({
    practices: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        createdAt: z.string(),
        memberCount: z.number().int(),
        itemCount: z.number().int(),
        lastActivityAt: z.string().nullable(),
      }),
    ),
    summary: z.object({ practiceCount: z.number().int(), memberCount: z.number().int(), activeLast30Days: z.number().int() }),
  }),
});
