import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { memberInvite } from "../../../shared/accounts/mutations.js";
import type { PushRequest } from "../../../shared/protocol/push.js";
import { ProtocolError } from "../../api/errors.js";
import { createApiClient, type FetchLike } from "../../api/http.js";
import { openReplica } from "../../replica/open.js";
import { enqueueMutation } from "../../replica/outbox.js";
import { pushOutbox } from "../../sync/push.js";
import { httpTransport } from "../../sync/transport.js";
import { memoryStorage } from "../../testing/memoryStorage.js";
import { loadCachedIdentity, saveCachedIdentity, type Identity } from "../auth/index.js";
import { acceptInvite, consumeSignInLink, describeDevice, listSessions, requestSignup, switchPractice } from "./data.js";

const A = "5eed0000-0000-4000-8000-00000000000a";
const B = "5eed0000-0000-4000-8000-00000000000b";
const practices = [
  { id: A, name: "Riverside", role: "ADMIN" as const },
  { id: B, name: "Hillside", role: "STAFF" as const },
];
const identityIn = (id: string): Identity => ({
  user: { id: "u1", email: "admin@demo.venzory.test", name: "Alex" },
  practice: { id, name: practices.find((p) => p.id === id)!.name },
  role: practices.find((p) => p.id === id)!.role,
  practices,
  isPlatformOwner: false,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A fake server: answers by path, records every call. */
function fakeApi(routes: Record<string, (body: unknown) => Response>) {
  const calls: { path: string; body: unknown }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ path: url, body });
    const route = routes[url];
    return route ? route(body) : json(404, { error: { code: "NOT_FOUND", message: `no ${url}` } });
  };
  return { api: createApiClient({ fetch, readCookie: () => undefined }), calls };
}

describe("practice switch", () => {
  it("caches the new identity and leaves the other practice's outbox in its own database, to push when it is active again", async () => {
    const storage = memoryStorage();
    saveCachedIdentity(storage, identityIn(A));
    const pushes: PushRequest[] = [];
    const { api, calls } = fakeApi({
      "/api/auth/switch-practice": (body) => json(200, identityIn((body as { practiceId: string }).practiceId)),
      "/api/sync/push": (body) => {
        const req = body as PushRequest;
        pushes.push(req);
        return json(200, {
          lastSeq: req.mutations.at(-1)!.seq,
          results: req.mutations.map((m) => ({ seq: m.seq, id: m.id, status: "applied" })),
        });
      },
    });

    // Practice A has an unsent invitation when the user switches (offline, say, then online for the switch).
    const dbA = await openReplica(A, `switch-test-${A}`);
    const queued = await enqueueMutation(dbA, memberInvite, { id: crypto.randomUUID(), email: "new@example.test", role: "STAFF" });
    dbA.close();

    const identity = await switchPractice(api, storage, B);
    expect(calls[0]).toEqual({ path: "/api/auth/switch-practice", body: { practiceId: B } });
    expect(identity.practice.id).toBe(B);
    expect((await loadCachedIdentity(storage))?.practice.id).toBe(B);

    // B's replica starts with its own (empty) outbox and pushes nothing of A's.
    const dbB = await openReplica(B, `switch-test-${B}`);
    expect(await dbB.outbox.count()).toBe(0);
    await pushOutbox(dbB, httpTransport(api));
    expect(pushes).toHaveLength(0);
    dbB.close();

    // Back on A: the entry is still queued and goes out with the next push.
    await switchPractice(api, storage, A);
    const reopened = await openReplica(A, `switch-test-${A}`);
    expect((await reopened.outbox.toArray()).map((e) => e.id)).toEqual([queued.id]);
    await pushOutbox(reopened, httpTransport(api));
    expect(pushes.map((p) => p.mutations.map((m) => m.name))).toEqual([["member.invite"]]);
    reopened.close();
  });

  it("keeps the cached identity when the switch is refused", async () => {
    const storage = memoryStorage();
    saveCachedIdentity(storage, identityIn(A));
    const { api } = fakeApi({
      "/api/auth/switch-practice": () => json(404, { error: { code: "NOT_FOUND", message: "Practice not found." } }),
    });
    await expect(switchPractice(api, storage, B)).rejects.toMatchObject({ code: "NOT_FOUND", message: "Practice not found." });
    expect((await loadCachedIdentity(storage))?.practice.id).toBe(A);
  });
});

describe("account answers", () => {
  it("parses the check-email answer, the identity of consumed links and the sessions list", async () => {
    const { api, calls } = fakeApi({
      "/api/auth/signup": () => json(202, { status: "check_email", message: "Check your inbox." }),
      "/api/auth/magic-link/consume": () => json(200, identityIn(A)),
      "/api/auth/invite/accept": () => json(200, identityIn(B)),
      "/api/auth/sessions": () =>
        json(200, {
          sessions: [
            {
              id: "s1",
              createdAt: "2026-11-25T10:00:00.000Z",
              lastSeenAt: null,
              userAgent: null,
              ip: "127.0.0.1",
              practiceName: "Riverside",
              current: true,
            },
          ],
        }),
    });
    const storage = memoryStorage();
    expect(await requestSignup(api, { practiceName: "P", name: "N", email: "e@x.test", password: "long enough pw" })).toEqual({
      status: "check_email",
      message: "Check your inbox.",
    });
    expect((await consumeSignInLink(api, storage, "tok")).practice.id).toBe(A);
    expect((await loadCachedIdentity(storage))?.practice.id).toBe(A);
    expect((await acceptInvite(api, storage, "tok2", { name: "Sam", password: "long enough pw" })).practice.id).toBe(B);
    expect(calls.at(-1)?.body).toEqual({ token: "tok2", name: "Sam", password: "long enough pw" });
    expect((await listSessions(api))[0]).toMatchObject({ id: "s1", current: true });
  });

  it("refuses answers that do not match the protocol", async () => {
    const { api } = fakeApi({
      "/api/auth/sessions": () => json(200, { sessions: [{ id: 1 }] }),
      "/api/auth/magic-link/consume": () => json(200, { ok: true }),
    });
    await expect(listSessions(api)).rejects.toBeInstanceOf(ProtocolError);
    await expect(consumeSignInLink(api, memoryStorage(), "t")).rejects.toBeInstanceOf(ProtocolError);
  });

  it("describes devices from their user agent", () => {
    expect(describeDevice("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36")).toBe(
      "Chrome on Linux",
    );
    expect(describeDevice(null)).toBe("Unknown device");
  });
});
