/** Magic links and password resets over HTTP, with the links taken out of the delivered emails. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { signIn, startAccountServer, STRONG, type AccountServer } from "./account-test-server.js";

let s: AccountServer;
let p: TestPractice;
const rawTokens: string[] = [];
beforeAll(async () => {
  s = await startAccountServer();
  p = await makePractice(s.t.db, { password: STRONG });
});
afterAll(() => s.close());

async function link(kind: "magic-link" | "password-reset", email: string) {
  const res = await s.browser().post(`/api/auth/${kind}`, { email });
  expect(res.status).toBe(202);
  const { token } = await s.nextEmail(email);
  rawTokens.push(token);
  return token;
}
const consumeMagic = (token: string, b = s.browser()) => b.post("/api/auth/magic-link/consume", { token });

describe("magic link", () => {
  it("answers the same for unknown and known addresses, and emails only the known one", async () => {
    const nobody = `nobody-${randomUUID()}@example.test`;
    const unknown = await s.browser().post("/api/auth/magic-link", { email: nobody });
    const known = await s.browser().post("/api/auth/magic-link", { email: p.users.VIEWER.email });
    expect([unknown.status, unknown.json]).toEqual([known.status, known.json]);
    expect(unknown.status).toBe(202);
    await s.nextEmail(p.users.VIEWER.email);
    const resetUnknown = await s.browser().post("/api/auth/password-reset", { email: nobody });
    const resetKnown = await s.browser().post("/api/auth/password-reset", { email: p.users.VIEWER.email });
    expect([resetUnknown.status, resetUnknown.json]).toEqual([resetKnown.status, resetKnown.json]);
    await s.nextEmail(p.users.VIEWER.email);
    expect(s.stub.delivered.filter((d) => String(d.payload.to).includes(nobody))).toEqual([]);
  });

  it("signs in with a new session once; reuse is refused; a GET never consumes it", async () => {
    const token = await link("magic-link", p.users.STAFF.email);
    expect((await s.browser().get(`/api/auth/magic-link/consume?token=${token}`)).status).toBe(404);
    const sessionsBefore = await s.t.db.session.count({ where: { userId: p.users.STAFF.id } });
    const b = s.browser();
    const res = await consumeMagic(token, b);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ user: { id: p.users.STAFF.id }, practice: { id: p.practiceId }, role: "STAFF" });
    expect((await b.get("/api/me")).status).toBe(200);
    expect(await s.t.db.session.count({ where: { userId: p.users.STAFF.id } })).toBe(sessionsBefore + 1);
    expect(await s.t.db.auditLog.count({ where: { actorId: p.users.STAFF.id, action: "auth.magic_link_sign_in" } })).toBe(1);
    const again = await consumeMagic(token);
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe("TOKEN_INVALID");
  });

  it("refuses an expired link, and a newer link invalidates the older one", async () => {
    const expired = await link("magic-link", p.users.STAFF.email);
    await s.t.db.authToken.updateMany({
      where: { userId: p.users.STAFF.id, consumedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await consumeMagic(expired)).status).toBe(410);
    const older = await link("magic-link", p.users.STAFF.email);
    const newer = await link("magic-link", p.users.STAFF.email);
    expect((await consumeMagic(older)).status).toBe(410);
    expect((await consumeMagic(newer)).status).toBe(200);
  });

  it("refuses a token of another purpose and malformed tokens", async () => {
    const reset = await link("password-reset", p.users.VIEWER.email);
    expect((await consumeMagic(reset)).status).toBe(410);
    expect((await s.browser().post("/api/auth/magic-link/consume", { token: "short" })).status).toBe(400);
    expect((await s.browser().post("/api/auth/magic-link/consume", {})).status).toBe(400);
    // Not consumed by the wrong endpoint: it still resets the password.
    expect((await s.browser().post("/api/auth/password-reset/consume", { token: reset, password: "another fine passphrase" })).status).toBe(
      200,
    );
  });
});

describe("password reset", () => {
  it("sets the password, ends every older session, signs in, and is single use", async () => {
    const user = p.users.ADMIN;
    const before = await signIn(s, user.email, STRONG);
    const token = await link("password-reset", user.email);
    expect((await s.browser().post("/api/auth/password-reset/consume", { token, password: "password1" })).status).toBe(400);
    const b = s.browser();
    const res = await b.post("/api/auth/password-reset/consume", { token, password: "a brand new passphrase" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ user: { id: user.id }, role: "ADMIN" });
    expect((await before.get("/api/me")).status).toBe(401);
    expect((await b.get("/api/me")).status).toBe(200);
    expect((await s.browser().post("/api/auth/login", { email: user.email, password: STRONG })).status).toBe(401);
    await signIn(s, user.email, "a brand new passphrase");
    expect((await s.browser().post("/api/auth/password-reset/consume", { token, password: "yet another passphrase" })).status).toBe(410);
    const audit = await s.t.db.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "auth.password_reset" } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("stores only SHA-256 hashes of tokens, never the raw tokens, and never logs them in the audit", async () => {
    expect(rawTokens.length).toBeGreaterThan(5);
    const rows = [...(await s.t.db.authToken.findMany()), ...(await s.t.db.signupRequest.findMany()), ...(await s.t.db.invite.findMany())];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify([rows, await s.t.db.auditLog.findMany(), await s.t.db.user.findMany()]);
    for (const token of rawTokens) expect(dump).not.toContain(token);
  });
});
