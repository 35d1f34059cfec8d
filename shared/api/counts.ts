/**
 * Reads a completer needs before completing a count session, beside the replicated session rows: the
 * devices that joined and when each last pushed (a tablet that has not pushed since may hold counts), and
 * the keys in scope nobody counted (left as they are unless the completer chooses to zero them).
 */
import { z } from "zod";
import { defineContract } from "./define.js";

export const countDevice = z.object({
  clientId: z.uuid(),
  userId: z.uuid(),
  userName: z.string().nullable(),
  joinedAt: z.string(),
  /** The last push this device made (any mutation); null = never pushed since binding. */
  lastPushAt: z.string().nullable(),
  linesCounted: z.number().int(),
});

export const countDevices = defineContract({
  method: "GET",
  path: "/api/counts/:id/devices",
  access: "counts.complete",
  params: z.object({ id: z.uuid() }),
  response: z.object({ devices: z.array(countDevice) }),
});

export const uncountedKey = z.object({
  itemId: z.uuid(),
  locationId: z.uuid(),
  batchId: z.uuid().nullable(),
  /** Null for a non-admin in a blind session: it would give the expected quantity away. */
  onHand: z.number().int().nullable(),
});

export const countUncounted = defineContract({
  method: "GET",
  path: "/api/counts/:id/uncounted",
  access: "counts.complete",
  params: z.object({ id: z.uuid() }),
  response: z.object({ keys: z.array(uncountedKey) }),
});
