/**
 * What a client asks when it starts: whether someone is signed in (GET /api/session answers 200 either way,
 * so a signed-out load is not an error in the browser's console), and whether the user is the platform
 * owner (in the identity, so nobody else needs to ask /api/owner/practices and get a 404).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { signIn, startAccountServer, STRONG, type AccountServer } from "./account-test-server.js";

let s: AccountServer;
let p: TestPractice;
let ownerEmail: string;
beforeAll(async () => {
  s = await startAccountServer({
    before: async (t) => {
      const platform = await makePractice(t.db, { password: STRONG });
      ownerEmail = platform.users.ADMIN.email;
      return { PLATFORM_OWNER_EMAIL: ownerEmail.toUpperCase() };
    },
  });
  p = await makePractice(s.t.db, { password: STRONG });
});
afterAll(() => s.close());

it("the identity says whether the user is the platform owner, at sign-in and in /api/me", async () => {
  for (const [email, expected] of [
    [ownerEmail, true],
    [p.users.ADMIN.email, false],
    [p.users.VIEWER.email, false],
  ] as const) {
    const b = s.browser();
    const login = await b.post("/api/auth/login", { email, password: STRONG });
    expect(login.status).toBe(200);
    expect(login.json.isPlatformOwner, email).toBe(expected);
    expect((await b.get("/api/me")).json.isPlatformOwner, email).toBe(expected);
    // And the console agrees with it.
    expect((await b.get("/api/owner/practices")).status).toBe(expected ? 200 : 404);
  }
});

it("GET /api/session answers 200 with no identity when signed out, and the identity when signed in", async () => {
  const b = s.browser();
  const out = await b.get("/api/session");
  expect([out.status, out.json]).toEqual([200, { identity: null }]);
  const staff = await signIn(s, p.users.STAFF.email, STRONG);
  const in_ = await staff.get("/api/session");
  expect(in_.status).toBe(200);
  expect(in_.json.identity).toEqual((await staff.get("/api/me")).json);
  expect(in_.json.identity).toMatchObject({ user: { email: p.users.STAFF.email }, role: "STAFF", isPlatformOwner: false });
  expect((await staff.post("/api/auth/logout")).status).toBe(204);
  expect((await staff.get("/api/session")).json).toEqual({ identity: null });
  // /api/me itself keeps answering 401 to API clients without a session.
  expect((await staff.get("/api/me")).status).toBe(401);
});
