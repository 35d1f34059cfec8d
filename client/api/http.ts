import type { z } from "zod";
import {
  EVENT_STREAM,
  NO_CONTENT,
  pathOf,
  type AnyContract,
  type ContractInput,
  type ContractResult,
  type InputOptional,
} from "../../shared/api/define.js";
import { ApiError, NetworkError, ProtocolError } from "./errors.js";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Defaults to the global fetch; tests inject a fake. */
  fetch?: FetchLike;
  /** Prefix for every path; "" means same origin. */
  baseUrl?: string;
  /** Reads a cookie by name; defaults to document.cookie. */
  readCookie?: (name: string) => string | undefined;
  /** How long a call may wait for its whole answer; defaults to REQUEST_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * A call still unanswered after this long fails as a NetworkError, which the sync engine retries with
 * backoff. Without it a connection that dies silently (a tablet carried out of the Wi-Fi mid-request, a
 * half-open TCP connection) left the request, and the sync waiting behind it, pending for ever. Longer
 * than anything the server takes on purpose: a pull page's transaction may run for up to 60 s. A push
 * that times out after the server committed it is safe to send again (exactly-once by seq).
 */
export const REQUEST_TIMEOUT_MS = 90_000;

export interface ApiClient {
  /**
   * Calls the route a shared contract (shared/api) describes: fills its path parameters, adds its query,
   * sends its body as JSON and parses the answer with its response schema (nothing for 204). The input
   * may be left out when the route takes none.
   */
  call<C extends AnyContract>(
    contract: C,
    ...input: InputOptional<C> extends true ? [input?: ContractInput<C>] : [input: ContractInput<C>]
  ): Promise<ContractResult<C>>;
}

export const CSRF_COOKIE = "venzory_csrf";
/** The cookie's name over HTTPS: the `__Host-` prefix pins it to this exact origin. */
export const CSRF_COOKIE_SECURE = "__Host-venzory_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/** Reads a cookie from document.cookie (undefined outside a browser). */
export function readDocumentCookie(name: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/**
 * The one place the client talks HTTP. Same-origin credentials, JSON both ways, the CSRF header on every
 * non-GET request when the cookie exists, and errors mapped to ApiError / NetworkError / ProtocolError.
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl ?? "";
  const readCookie = options.readCookie ?? readDocumentCookie;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;

  async function request(method: string, path: string, body: unknown, schema: z.ZodType | undefined, retried = false): Promise<unknown> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") {
      const token = readCookie(CSRF_COOKIE_SECURE) ?? readCookie(CSRF_COOKIE);
      if (token) headers[CSRF_HEADER] = token;
    }
    // Covers the answer's body too: aborting a fetch fails the reading of its body.
    const signal = AbortSignal.timeout(timeoutMs);
    const unanswered = (cause: unknown) =>
      new NetworkError(`The server did not answer within ${Math.round(timeoutMs / 1000)} s (${method} ${path}).`, { cause });
    let res: Response;
    try {
      res = await doFetch(baseUrl + path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (e) {
      if (signal.aborted) throw unanswered(e);
      throw new NetworkError(`Could not reach the server (${method} ${path}).`, { cause: e });
    }
    if (!res.ok) {
      const error = await toApiError(res);
      // The refusal came with a fresh token cookie (first visit, or a rotated secret): try once more.
      if (error.code === "CSRF_FAILED" && !retried) return request(method, path, body, schema, true);
      throw error;
    }
    if (!schema) return undefined;
    let json: unknown;
    try {
      json = await res.json();
    } catch (e) {
      if (signal.aborted) throw unanswered(e);
      throw new ProtocolError(`${method} ${path} answered ${res.status} without a JSON body.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ProtocolError(`${method} ${path} answered an unexpected body: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
    return parsed.data;
  }

  return {
    call: (async (
      contract: AnyContract,
      input: { body?: unknown; query?: Record<string, unknown>; params?: Record<string, unknown> } = {},
    ) => {
      // A stream is not a request/answer: the sync triggers open it with EventSource.
      if (contract.response === EVENT_STREAM) throw new Error(`${contract.path} is an event stream, not a call.`);
      const path = pathOf(contract.path, input.params) + queryString(input.query);
      return request(contract.method, path, input.body, contract.response === NO_CONTENT ? undefined : contract.response);
    }) as ApiClient["call"],
  };
}

/** "?a=1&b=x" from the defined values of `query` ("" when there are none). */
function queryString(query: Record<string, unknown> | undefined): string {
  const pairs = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null);
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : "";
}

async function toApiError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `The server answered ${res.status}.`;
  let requestId: string | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
    if (typeof body.error?.code === "string") code = body.error.code;
    if (typeof body.error?.message === "string") message = body.error.message;
    if (typeof body.error?.requestId === "string") requestId = body.error.requestId;
  } catch {
    // Not JSON (a proxy's error page, say): keep the status-derived code.
  }
  return new ApiError(res.status, code, message, requestId);
}
