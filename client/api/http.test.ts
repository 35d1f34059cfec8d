import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineContract, NO_CONTENT } from "../../shared/api/define.js";
import { logout, me } from "../../shared/api/sign-in.js";
import { revokeSession } from "../../shared/api/sessions.js";
import { failedEmails } from "../../shared/api/emails.js";
import { ApiError, NetworkError, ProtocolError } from "./errors.js";
import { createApiClient, type FetchLike } from "./http.js";

function recorder(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  return { fetch, calls };
}

const headersOf = (init: RequestInit | undefined) => (init?.headers ?? {}) as Record<string, string>;

const postX = defineContract({
  method: "POST",
  path: "/api/x",
  access: "public",
  body: z.object({ a: z.number() }),
  response: z.object({ ok: z.boolean() }),
});
const getY = defineContract({ method: "GET", path: "/api/y", access: "public", response: z.object({ ok: z.boolean() }) });

describe("api client", () => {
  it("sends JSON with same-origin credentials and the CSRF cookie on non-GET requests", async () => {
    const { fetch, calls } = recorder(() => new Response(JSON.stringify({ ok: true }), { status: 200 }));
    const api = createApiClient({ fetch, readCookie: (name) => (name === "venzory_csrf" ? "tok-123" : undefined) });
    expect(await api.call(postX, { body: { a: 1 } })).toEqual({ ok: true });
    await api.call(getY);

    expect(calls[0]?.url).toBe("/api/x");
    expect(calls[0]?.init).toMatchObject({ method: "POST", credentials: "same-origin", body: '{"a":1}' });
    expect(headersOf(calls[0]?.init)).toMatchObject({ "Content-Type": "application/json", "X-CSRF-Token": "tok-123" });
    expect(calls[1]?.init.credentials).toBe("same-origin");
    expect(headersOf(calls[1]?.init)["X-CSRF-Token"]).toBeUndefined();
  });

  it("omits the CSRF header when there is no cookie, and reads no body from a 204 route", async () => {
    const { fetch, calls } = recorder(() => new Response(null, { status: 204 }));
    expect(await createApiClient({ fetch, readCookie: () => undefined }).call(logout)).toBeUndefined();
    expect(headersOf(calls[0]?.init)["X-CSRF-Token"]).toBeUndefined();
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it("builds the path from the contract's params and query", async () => {
    const { fetch, calls } = recorder(() => new Response(JSON.stringify({ emails: [], next: null }), { status: 200 }));
    const api = createApiClient({ fetch, readCookie: () => undefined });
    await api.call(revokeSession, { params: { id: "a/b c" } });
    await api.call(failedEmails, { query: { limit: 10, before: undefined } });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "POST /api/auth/sessions/a%2Fb%20c/revoke",
      "GET /api/emails/failed?limit=10",
    ]);
    expect(NO_CONTENT).toBe(revokeSession.response);
  });

  it("maps error bodies, network failures and unexpected bodies to typed errors", async () => {
    const failing = createApiClient({
      fetch: recorder(
        () => new Response(JSON.stringify({ error: { code: "UNAUTHENTICATED", message: "Sign in.", requestId: "r1" } }), { status: 401 }),
      ).fetch,
    });
    await expect(failing.call(me)).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED", message: "Sign in.", requestId: "r1" });
    await expect(failing.call(me)).rejects.toBeInstanceOf(ApiError);

    const html = createApiClient({ fetch: recorder(() => new Response("<h1>Bad gateway</h1>", { status: 502 })).fetch });
    await expect(html.call(me)).rejects.toMatchObject({ status: 502, code: "HTTP_502" });

    const offline = createApiClient({ fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    await expect(offline.call(me)).rejects.toBeInstanceOf(NetworkError);

    // The answer is checked against the contract's response schema.
    const wrong = createApiClient({ fetch: recorder(() => new Response(JSON.stringify({ ok: "yes" }), { status: 200 })).fetch });
    await expect(wrong.call(getY)).rejects.toBeInstanceOf(ProtocolError);
    await expect(wrong.call(me)).rejects.toBeInstanceOf(ProtocolError);
  });

  it("fails a call the server never answers, or stops answering midway, as a network error the sync retries", async () => {
    // A fetch that only ever ends when its signal aborts, as a dead connection does.
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const silent = createApiClient({ fetch: hanging, timeoutMs: 30 });
    await expect(silent.call(getY)).rejects.toBeInstanceOf(NetworkError);
    await expect(silent.call(getY)).rejects.toThrow("did not answer within");

    // Headers arrive, then the body stalls until the abort errors it (as the browser's fetch does).
    const stalling: FetchLike = async (_url, init) => {
      const bodyStream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"ok":'));
          init.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
        },
      });
      return new Response(bodyStream, { status: 200 });
    };
    await expect(createApiClient({ fetch: stalling, timeoutMs: 30 }).call(getY)).rejects.toBeInstanceOf(NetworkError);
  });
});
