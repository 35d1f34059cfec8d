import type { PullRequest, PullResponse } from "../../shared/protocol/pull.js";
import type { PushRequest, PushResponse } from "../../shared/protocol/push.js";
import type { FetchLike } from "../api/http.js";

/** What a scripted handler may answer: a body (200), an HTTP error, or a thrown network failure. */
export type Scripted<T> = T | { status: number; body: unknown } | { networkError: true };

export interface RecordedCall {
  url: string;
  init: RequestInit;
  body: unknown;
}

/**
 * A fake `fetch` for the sync endpoints. Handlers get the parsed request and answer; every call is
 * recorded with its headers so tests can assert on what went over the wire.
 */
export function fakeSyncFetch(handlers: {
  push?: (req: PushRequest) => Scripted<PushResponse>;
  pull?: (req: PullRequest) => Scripted<PullResponse>;
}): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ url, init, body });
    const handler = url.endsWith("/api/sync/push") ? handlers.push : url.endsWith("/api/sync/pull") ? handlers.pull : undefined;
    if (!handler) return json(404, { error: { code: "NOT_FOUND", message: `No fake for ${url}` } });
    const answer = (handler as (req: unknown) => Scripted<unknown>)(body);
    if (isObject(answer) && "networkError" in answer) throw new TypeError("Failed to fetch");
    if (isObject(answer) && "status" in answer && "body" in answer && typeof answer.status === "number")
      return json(answer.status, answer.body);
    return json(200, answer);
  };
  return { fetch, calls };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** An empty pull page at `cursor`. */
export function emptyPage(cursor: number, lastSeq: number, over: Partial<PullResponse> = {}): PullResponse {
  return { reset: false, cursor, hasMore: false, lastSeq, changes: [], deletes: [], outcomes: [], ...over };
}
