import { pullResponse, type PullRequest, type PullResponse } from "../../shared/protocol/pull.js";
import { pushResponse, type PushRequest, type PushResponse } from "../../shared/protocol/push.js";
import type { ApiClient } from "../api/http.js";

/** How the sync engine reaches the server. Injected, so tests can drive it with a fake fetch. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

/** The HTTP transport: POST /api/sync/push and /api/sync/pull, answers validated against the protocol. */
export function httpTransport(api: ApiClient): SyncTransport {
  return {
    push: (request) => api.post("/api/sync/push", request, pushResponse),
    pull: (request) => api.post("/api/sync/pull", request, pullResponse),
  };
}
