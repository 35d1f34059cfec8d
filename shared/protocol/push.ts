import { z } from "zod";
import { int32 } from "../validation/numbers.js";
import { safeText } from "../validation/text.js";

/** One queued mutation as the client sends it. `seq` is per client, gap-free, starting at 1. */
export const pushMutation = z.object({
  id: z.uuid(),
  seq: int32().positive(),
  name: safeText().min(1).max(100),
  args: z.unknown(),
  /** The client's clock, for display only: nothing is ordered by it. */
  clientTime: safeText().max(40),
});

export const MAX_PUSH_BATCH = 500;

export const pushRequest = z.object({
  clientId: z.uuid(),
  schemaVersion: int32().nonnegative(),
  mutations: z.array(pushMutation).max(MAX_PUSH_BATCH),
});

export const mutationOutcome = z.discriminatedUnion("status", [
  z.object({ seq: int32(), id: z.uuid(), status: z.literal("applied") }),
  z.object({ seq: int32(), id: z.uuid(), status: z.literal("duplicate"), original: z.enum(["applied", "rejected", "conflict"]) }),
  z.object({ seq: int32(), id: z.uuid(), status: z.literal("rejected"), code: safeText(), message: safeText() }),
  z.object({ seq: int32(), id: z.uuid(), status: z.literal("conflict"), code: safeText(), message: safeText() }),
]);

export const pushResponse = z.object({
  /** The highest seq the server has consumed for this client (applied or rejected). */
  lastSeq: int32().nonnegative(),
  results: z.array(mutationOutcome),
  /** Set when the batch stopped early: a gap (resend from lastSeq + 1) or a temporary failure (retry). */
  stopped: z.object({ reason: z.enum(["gap", "retry"]), code: safeText(), message: safeText() }).optional(),
});

export type PushMutation = z.infer<typeof pushMutation>;
export type PushRequest = z.infer<typeof pushRequest>;
export type PushResponse = z.infer<typeof pushResponse>;
export type MutationOutcome = z.infer<typeof mutationOutcome>;
