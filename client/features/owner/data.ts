/**
 * The platform owner console (GET /api/owner/practices): counts per practice, nothing else. The server
 * answers NOT_FOUND to everyone but the owner, so the console exists only when the request succeeds.
 */
import { useEffect, useState } from "react";
import { z } from "zod";
import { api } from "../../api/client.js";
import type { ApiClient } from "../../api/http.js";

export const ownerOverviewSchema = z.object({
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
});
export type OwnerOverview = z.infer<typeof ownerOverviewSchema>;

export const fetchOwnerOverview = (client: ApiClient): Promise<OwnerOverview> => client.get("/api/owner/practices", ownerOverviewSchema);

/** Whether this user may open the console: true only after a 200 (any failure keeps it hidden). */
export function useOwnerAccess(userId: string): boolean {
  const [allowed, setAllowed] = useState<{ userId: string; ok: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    fetchOwnerOverview(api).then(
      () => live && setAllowed({ userId, ok: true }),
      () => live && setAllowed({ userId, ok: false }),
    );
    return () => {
      live = false;
    };
  }, [userId]);
  return allowed?.userId === userId && allowed.ok;
}
