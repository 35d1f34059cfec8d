/**
 * The platform owner console (GET /api/owner/practices): counts per practice, nothing else. The server
 * answers NOT_FOUND to everyone but the owner; the identity says who that is (isPlatformOwner), so only
 * the owner's app ever asks.
 */
import type { ContractResult } from "../../../shared/api/define.js";
import { ownerPractices } from "../../../shared/api/owner.js";
import type { ApiClient } from "../../api/http.js";

export type OwnerOverview = ContractResult<typeof ownerPractices>;

export const fetchOwnerOverview = (client: ApiClient): Promise<OwnerOverview> => client.call(ownerPractices);
