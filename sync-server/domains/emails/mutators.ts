/** Server side of `email.retry`: a dead email of this practice goes back to pending and into the queue. */
import type { z } from "zod";
import { DomainError } from "../../../shared/errors.js";
import type { emailRetry } from "../../../shared/emails/mutations.js";
import type { MutatorContext, ServerMutators } from "../../sync/mutator-context.js";

export async function retryEmail(ctx: MutatorContext, args: z.infer<typeof emailRetry.args>) {
  const email = await ctx.tx.emailOutbox.findFirst({
    where: { id: args.id, practiceId: ctx.practiceId },
    select: { status: true, attempts: true, lastError: true, kind: true },
  });
  if (!email) throw new DomainError("NOT_FOUND", "Email not found.");
  if (email.status !== "DEAD") throw new DomainError("CONFLICT", "Only failed emails can be retried.");
  await ctx.tx.emailOutbox.update({
    where: { id: args.id },
    data: { status: "PENDING", attempts: 0, lastError: null, deadAt: null, enqueuedAt: null, requestId: ctx.requestId },
  });
  await ctx.audit("email.retry", "email", args.id, {
    status: { from: "DEAD", to: "PENDING" },
    kind: email.kind,
    previousAttempts: email.attempts,
    lastError: email.lastError,
  });
  const relay = ctx.emails;
  if (relay) ctx.afterCommit(() => relay.requeue(args.id, ctx.requestId));
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const EMAIL_MUTATORS = { "email.retry": retryEmail } satisfies Partial<ServerMutators>;
