import { describe, expect, it } from "vitest";
import { z } from "zod";
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

describe("api client", () => {
  it("sends JSON with same-origin credentials and the CSRF cookie on non-GET requests", async () => {
    const { fetch, calls } = recorder(() => new Response(JSON.stringify({ ok: true }), { status: 200 }));
    const api = createApiClient({ fetch, readCookie: (name) => (name === "venzory_csrf" ? "tok-123" : undefined) });
    await api.post("/api/x", { a: 1 }, z.object({ ok: z.boolean() }));
    await api.get("/api/y", z.object({ ok: z.boolean() }));

    expect(calls[0]?.init).toMatchObject({ method: "POST", credentials: "same-origin", body: '{"a":1}' });
    expect(headersOf(calls[0]?.init)).toMatchObject({ "Content-Type": "application/json", "X-CSRF-Token": "tok-123" });
    expect(calls[1]?.init.credentials).toBe("same-origin");
    expect(headersOf(calls[1]?.init)["X-CSRF-Token"]).toBeUndefined();
  });

  it("omits the CSRF header when there is no cookie", async () => {
    const { fetch, calls } = recorder(() => new Response(null, { status: 204 }));
    await createApiClient({ fetch, readCookie: () => undefined }).post("/api/auth/logout");
    expect(headersOf(calls[0]?.init)["X-CSRF-Token"]).toBeUndefined();
  });

  it("maps error bodies, network failures and unexpected bodies to typed errors", async () => {
    const schema = z.object({ ok: z.boolean() });
    const failing = createApiClient({
      fetch: recorder(() => new Response(JSON.stringify({ error: { code: "UNAUTHENTICATED", message: "Sign in.", requestId: "r1" } }), { status: 401 })).fetch,
    });
    await expect(failing.get("/api/me", schema)).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED", message: "Sign in.", requestId: "r1" });
    await expect(failing.get("/api/me", schema)).rejects.toBeInstanceOf(ApiError);

    const html = createApiClient({ fetch: recorder(() => new Response("<h1>Bad gateway</h1>", { status: 502 })).fetch });
    await expect(html.get("/api/me", schema)).rejects.toMatchObject({ status: 502, code: "HTTP_502" });

    const offline = createApiClient({ fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    await expect(offline.get("/api/me", schema)).rejects.toBeInstanceOf(NetworkError);

    const wrong = createApiClient({ fetch: recorder(() => new Response(JSON.stringify({ ok: "yes" }), { status: 200 })).fetch });
    await expect(wrong.get("/api/me", schema)).rejects.toBeInstanceOf(ProtocolError);
  });
});
