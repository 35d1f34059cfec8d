/** The sync protocol's HTTP routes (wire schemas in shared/protocol). */
import { pullRequest, pullResponse } from "../protocol/pull.js";
import { pushRequest, pushResponse } from "../protocol/push.js";
import { defineContract, EVENT_STREAM } from "./define.js";

/** Any member: each pushed mutation is checked against its own permission. */
export const push = defineContract({
  method: "POST",
  path: "/api/sync/push",
  access: "session",
  body: pushRequest,
  response: pushResponse,
});

export const pull = defineContract({
  method: "POST",
  path: "/api/sync/pull",
  access: "stock.read",
  body: pullRequest,
  response: pullResponse,
});

/** Server-Sent Events: a data-free "poke" whenever the practice changes. */
export const poke = defineContract({ method: "GET", path: "/api/sync/poke", access: "stock.read", response: EVENT_STREAM });
