/** Invitations over HTTP: sent by mutation, accepted from the emailed link. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "../../../test/http.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { pushOne, signIn, startAccountServer, STRONG, type AccountServer } from "./account-test-server.js";
import { INVITES_PER_HOUR } from "./invites.js";

let s: AccountServer;
let p: TestPractice;
let admin: Browser;
beforeAll(async () => {
  s = await startAccountServer();
  p = await makePractice(s.t.db, { password: STRONG });
  admin = await signIn(s, p.users.ADMIN.email, STRONG);
});
afterAll(() => s.close());

async function invite(role = "STAFF", email = `invitee-${randomUUID().slice(0, 8)}@example.test`) {
  const id = randomUUID();
  expect(await pushOne(admin, "member.invite", { id, email, role })).toBe("applied");
  const { token, subject } = await s.nextEmail(email);
  return { id, email, token, subject };
}
const accept = (b: Browser, body: Record<string, unknown>) => b.post("/api/auth/invite/accept", body);

describe("invitations", () => {
  it("invite → email → accept as a new user, who is signed in to the practice with the invited role", async () => {
    const inv = await invite("STAFF");
    expect(inv.subject).toContain("invited you");
    const pending = await admin.get("/api/members");
    expect(pending.json.invites.map((i: { id: string }) => i.id)).toContain(inv.id);
    const b = s.browser();
    const needsAccount = await accept(b, { token: inv.token });
    expect(needsAccount.status).toBe(400);
    expect(needsAccount.json.error.details).toMatchObject({ needsAccount: true });
    expect((await accept(b, { token: inv.token, name: "Nia New", password: "password" })).status).toBe(400);
    const res = await accept(b, { token: inv.token, name: "Nia New", password: STRONG });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ user: { email: inv.email, name: "Nia New" }, practice: { id: p.practiceId }, role: "STAFF" });
    expect((await b.get("/api/me")).json.role).toBe("STAFF");
    expect((await accept(s.browser(), { token: inv.token, name: "Again", password: STRONG })).status).toBe(410);
    const members = await b.get("/api/members");
    expect(members.json.members.map((m: { email: string }) => m.email)).toContain(inv.email);
    expect(members.json.invites).toBeUndefined(); // only admins see pending invitations
    expect((await admin.get("/api/members")).json.invites.map((i: { id: string }) => i.id)).not.toContain(inv.id);
    expect(await s.t.db.auditLog.count({ where: { entityId: inv.id, action: { in: ["invite.sent", "invite.accepted"] } } })).toBe(2);
  });

  it("an existing account accepts without a password and joins a second practice", async () => {
    const other = await makePractice(s.t.db, { password: STRONG });
    const inv = await invite("VIEWER", other.users.STAFF.email);
    const res = await accept(s.browser(), { token: inv.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ practice: { id: p.practiceId }, role: "VIEWER" });
    expect(res.json.practices.map((x: { id: string }) => x.id).sort()).toEqual([p.practiceId, other.practiceId].sort());
  });

  it("refuses accepting while signed in as another address; the addressee can still accept", async () => {
    const inv = await invite("STAFF");
    const staff = await signIn(s, p.users.STAFF.email, STRONG);
    const res = await accept(staff, { token: inv.token });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("different email address") });
    expect((await accept(s.browser(), { token: inv.token, name: "Right Person", password: STRONG })).status).toBe(200);
  });

  it("refuses revoked and expired invitations", async () => {
    const revoked = await invite();
    expect(await pushOne(admin, "invite.revoke", { id: revoked.id })).toBe("applied");
    expect((await accept(s.browser(), { token: revoked.token, name: "X", password: STRONG })).status).toBe(410);
    const expired = await invite();
    await s.t.db.invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await accept(s.browser(), { token: expired.token, name: "X", password: STRONG });
    expect(res.status).toBe(410);
    expect(res.json.error.code).toBe("TOKEN_INVALID");
  });

  it("only admins invite; other practices' invitations are not found; members cannot be invited twice", async () => {
    const staff = await signIn(s, p.users.STAFF.email, STRONG);
    expect(await pushOne(staff, "member.invite", { id: randomUUID(), email: "x@example.test", role: "STAFF" })).toBe("FORBIDDEN");
    const other = await makePractice(s.t.db, { password: STRONG });
    const otherAdmin = await signIn(s, other.users.ADMIN.email, STRONG);
    const theirs = randomUUID();
    expect(await pushOne(otherAdmin, "member.invite", { id: theirs, email: "y@example.test", role: "STAFF" })).toBe("applied");
    expect(await pushOne(admin, "invite.revoke", { id: theirs })).toBe("NOT_FOUND");
    expect(await pushOne(admin, "member.invite", { id: randomUUID(), email: p.users.VIEWER.email, role: "ADMIN" })).toBe("ALREADY_EXISTS");
    expect(await pushOne(admin, "member.invite", { id: randomUUID(), email: "not-an-email", role: "STAFF" })).toBe("VALIDATION_FAILED");
  });

  it("limits how many invitations a practice sends per hour", async () => {
    const q = await makePractice(s.t.db, { password: STRONG });
    const qAdmin = await signIn(s, q.users.ADMIN.email, STRONG);
    // Pretend the hour's allowance was used up (rows as the invite mutation writes them).
    await s.t.db.invite.createMany({
      data: Array.from({ length: INVITES_PER_HOUR }, (_, i) => ({
        practiceId: q.practiceId,
        email: `bulk-${i}@example.test`,
        role: "STAFF" as const,
        tokenHash: randomUUID(),
        invitedById: q.users.ADMIN.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      })),
    });
    expect(await pushOne(qAdmin, "member.invite", { id: randomUUID(), email: "one-more@example.test", role: "STAFF" })).toBe(
      "RATE_LIMITED",
    );
  });
});
