import { pull, push } from "../../shared/api/sync.js";
import type { PullRequest, PullResponse } from "../../shared/protocol/pull.js";
import type { PushRequest, PushResponse } from "../../shared/protocol/push.js";
import type { ApiClient } from "../api/http.js";

/** How the sync engine reaches the server. Injected, so tests can drive it with a fake fetch. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(request: PullRequest): Promise<PullResponse>;
}

/** The HTTP transport: the sync contracts (shared/api/sync.ts), answers validated against the protocol. */
export function httpTransport(api: ApiClient): SyncTransport {
  return {
    push: (request) => api.call(push, { body: request }),
    pull: (request) => api.call(pull, { body: request }),
  };
}
