import { z } from "zod";
import { defineMutation } from "../mutations/define.js";

/** An admin sends a dead-lettered email again. Server-only: emails are not replicated to tablets. */
export const emailRetry = defineMutation({
  name: "email.retry",
  permission: "emails.manage",
  args: z.object({ id: z.uuid() }),
});
