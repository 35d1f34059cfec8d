import { describe, expect, it } from "vitest";
import { createApiClient, type FetchLike } from "../../api/http.js";
import { memoryStorage } from "../../testing/memoryStorage.js";
import { loadCachedIdentity, saveCachedIdentity, type Identity } from "./identity.js";
import { resumeSession, signIn, signOut } from "./session.js";

const identity: Identity = {
  user: { id: "u1", email: "admin@demo.venzory.test", name: "Alex Admin" },
  practice: { id: "5eed0000-0000-4000-8000-000000000001", name: "Riverside" },
  role: "ADMIN",
  practices: [{ id: "5eed0000-0000-4000-8000-000000000001", name: "Riverside", role: "ADMIN" }],
  isPlatformOwner: false,
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const apiAnswering = (answer: FetchLike) => createApiClient({ fetch: answer, readCookie: () => undefined });

describe("session", () => {
  it("starts offline on the cached identity when the server cannot be reached", async () => {
    const storage = memoryStorage();
    saveCachedIdentity(storage, identity);
    const state = await resumeSession(
      apiAnswering(() => Promise.reject(new TypeError("offline"))),
      storage,
    );
    expect(state).toEqual({ status: "signedIn", identity, offline: true });
  });

  it("shows the login screen on 401 even with a cached identity", async () => {
    const storage = memoryStorage();
    saveCachedIdentity(storage, identity);
    const state = await resumeSession(
      apiAnswering(async () => json(401, { error: { code: "UNAUTHENTICATED", message: "no" } })),
      storage,
    );
    expect(state.status).toBe("signedOut");
  });

  it("asks GET /api/session at start: no identity there is a plain signed-out start, an identity signs in", async () => {
    const asked: string[] = [];
    const answering = (body: unknown) => apiAnswering(async (url) => (asked.push(String(url)), json(200, body)));
    expect(await resumeSession(answering({ identity: null }), memoryStorage())).toEqual({ status: "signedOut" });
    const storage = memoryStorage();
    expect(await resumeSession(answering({ identity }), storage)).toEqual({ status: "signedIn", identity, offline: false });
    expect(await loadCachedIdentity(storage)).toEqual(identity);
    expect(asked.map((u) => new URL(u, "http://x").pathname)).toEqual(["/api/session", "/api/session"]);
  });

  it("an identity cached before the owner flag existed still opens offline (as not the owner)", async () => {
    const storage = memoryStorage();
    const { isPlatformOwner: _, ...older } = identity;
    storage.setItem("venzory.identity", JSON.stringify(older));
    expect(await loadCachedIdentity(storage)).toEqual({ ...older, isPlatformOwner: false });
  });

  it("a sign-out made offline ends the server session at the next start, instead of resuming it (shared tablets)", async () => {
    const storage = memoryStorage();
    saveCachedIdentity(storage, identity);
    await signOut(
      apiAnswering(() => Promise.reject(new TypeError("offline"))),
      storage,
    );
    const asked: string[] = [];
    const online = apiAnswering(async (url) => {
      asked.push(new URL(String(url), "http://x").pathname);
      return url.toString().endsWith("/api/session") ? json(200, { identity }) : new Response(null, { status: 204 });
    });
    expect(await resumeSession(online, storage)).toEqual({ status: "signedOut" });
    expect(asked).toEqual(["/api/auth/logout"]);
    // Done once: the next start asks as usual.
    expect(await resumeSession(online, storage)).toEqual({ status: "signedIn", identity, offline: false });
  });

  it("caches the identity on sign-in and forgets it on sign-out, even offline", async () => {
    const storage = memoryStorage();
    await signIn(
      apiAnswering(async () => json(200, identity)),
      storage,
      "admin@demo.venzory.test",
      "pw",
    );
    expect(await loadCachedIdentity(storage)).toEqual(identity);
    await signOut(
      apiAnswering(() => Promise.reject(new TypeError("offline"))),
      storage,
    );
    expect(await loadCachedIdentity(storage)).toBeNull();
  });
});
