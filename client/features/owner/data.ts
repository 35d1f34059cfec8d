/**
 * The platform owner console (GET /api/owner/practices): counts per practice, nothing else. The server
 * answers NOT_FOUND to everyone but the owner, so the console exists only when the request succeeds.
 */
import { useEffect, useState } from "react";
import type { ContractResult } from "../../../shared/api/define.js";
import { ownerPractices } from "../../../shared/api/owner.js";
import { api } from "../../api/client.js";
import type { ApiClient } from "../../api/http.js";

export type OwnerOverview = ContractResult<typeof ownerPractices>;

export const fetchOwnerOverview = (client: ApiClient): Promise<OwnerOverview> => client.call(ownerPractices);

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
