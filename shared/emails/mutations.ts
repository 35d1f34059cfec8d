import { z } from "zod";
import { defineMutation } from "../mutations/define.js";

/** An admin sends a dead-lettered email again. Server-only: emails are not replicated to tablets. */
export const emailRetry = defineMutation({
  name: "email.retry",
  permission: "emails.manage",
  args: z.object({ id: z.uuid() }),
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const EMAIL_MUTATIONS = { [emailRetry.name]: emailRetry };
