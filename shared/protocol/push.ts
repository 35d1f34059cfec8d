import { z } from "zod";

/** One queued mutation as the client sends it. `seq` is per client, gap-free, starting at 1. */
export const pushMutation = z.object({
  id: z.uuid(),
  seq: z.number().int().positive(),
  name: z.string().min(1).max(100),
  args: z.unknown(),
  /** The client's clock, for display only: nothing is ordered by it. */
  clientTime: z.string().max(40),
});

export const MAX_PUSH_BATCH = 500;

export const pushRequest = z.object({
  clientId: z.uuid(),
  schemaVersion: z.number().int().nonnegative(),
  mutations: z.array(pushMutation).max(MAX_PUSH_BATCH),
});

export const mutationOutcome = z.discriminatedUnion("status", [
  z.object({ seq: z.number().int(), id: z.uuid(), status: z.literal("applied") }),
  z.object({ seq: z.number().int(), id: z.uuid(), status: z.literal("duplicate"), original: z.enum(["applied", "rejected", "conflict"]) }),
  z.object({ seq: z.number().int(), id: z.uuid(), status: z.literal("rejected"), code: z.string(), message: z.string() }),
  z.object({ seq: z.number().int(), id: z.uuid(), status: z.literal("conflict"), code: z.string(), message: z.string() }),
]);

export const pushResponse = z.object({
  /** The highest seq the server has consumed for this client (applied or rejected). */
  lastSeq: z.number().int().nonnegative(),
  results: z.array(mutationOutcome),
  /** Set when the batch stopped early: a gap (resend from lastSeq + 1) or a temporary failure (retry). */
  stopped: z.object({ reason: z.enum(["gap", "retry"]), code: z.string(), message: z.string() }).optional(),
});

export type PushMutation = z.infer<typeof pushMutation>;
export type PushRequest = z.infer<typeof pushRequest>;
export type PushResponse = z.infer<typeof pushResponse>;
export type MutationOutcome = z.infer<typeof mutationOutcome>;
