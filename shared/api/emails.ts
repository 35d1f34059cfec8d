/** Failed emails of the caller's practice, for admins (retrying one is the `email.retry` mutation). */
import { z } from "zod";
import { defineContract } from "./define.js";

export const failedEmail = z.object({
  id: z.string(),
  kind: z.string(),
  recipient: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deadAt: z.string().nullable(),
  createdAt: z.string(),
});

export const failedEmails = defineContract({
  method: "GET",
  path: "/api/emails/failed",
  access: "emails.manage",
  query: z.object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    before: z.iso.datetime().optional(),
  }),
  response: z.object({ emails: z.array(failedEmail), next: z.string().nullable() }),
});
