/** Members over HTTP: role changes and removals take effect at once; a practice always keeps an admin. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import type { Browser } from "../../../test/http.js";
import { TestClient } from "../../../test/sync-client.js";
import { withTransaction } from "../../db/transaction.js";
import { addMember } from "./practices.js";
import { pushOne, signIn, startAccountServer, STRONG, type AccountServer } from "./account-test-server.js";

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

describe("members", () => {
  it("lists members with roles for any member", async () => {
    const viewer = await signIn(s, p.users.VIEWER.email, STRONG);
    const res = await viewer.get("/api/members");
    expect(res.status).toBe(200);
    expect(res.json.members.map((m: { role: string }) => m.role).sort()).toEqual(["ADMIN", "STAFF", "VIEWER"]);
    expect(res.json.members.find((m: { you: boolean }) => m.you).userId).toBe(p.users.VIEWER.id);
  });

  it("a role change ends the member's sessions at once; signing in again gives the new role", async () => {
    const q = await makePractice(s.t.db, { password: STRONG });
    const admin = await signIn(s, q.users.ADMIN.email, STRONG);
    const staff = await signIn(s, q.users.STAFF.email, STRONG);
    expect(await pushOne(staff, "member.changeRole", { userId: q.users.STAFF.id, role: "ADMIN" })).toBe("FORBIDDEN");
    expect(await pushOne(admin, "member.changeRole", { userId: q.users.STAFF.id, role: "VIEWER" })).toBe("applied");
    expect((await staff.get("/api/me")).status).toBe(401);
    expect((await (await signIn(s, q.users.STAFF.email, STRONG)).get("/api/me")).json.role).toBe("VIEWER");
    expect((await admin.get("/api/me")).status).toBe(200);
    const audit = await s.t.db.auditLog.findFirstOrThrow({ where: { action: "member.role_changed", entityId: q.users.STAFF.id } });
    expect(audit.changes).toEqual({ role: { from: "STAFF", to: "VIEWER" } });
    expect(await pushOne(admin, "member.changeRole", { userId: p.users.STAFF.id, role: "ADMIN" })).toBe("NOT_FOUND");
  });

  it("removal kills the member's access on the next request", async () => {
    const q = await makePractice(s.t.db, { password: STRONG });
    const admin = await signIn(s, q.users.ADMIN.email, STRONG);
    const viewer = await signIn(s, q.users.VIEWER.email, STRONG);
    expect(await pushOne(admin, "member.remove", { userId: q.users.VIEWER.id })).toBe("applied");
    expect((await viewer.get("/api/me")).status).toBe(401);
    expect((await s.browser().post("/api/auth/login", { email: q.users.VIEWER.email, password: STRONG })).status).toBe(401);
    expect((await admin.get("/api/members")).json.members).toHaveLength(2);
  });

  it("the last admin can be neither demoted, removed, nor leave; staff can leave", async () => {
    const q = await makePractice(s.t.db, { password: STRONG });
    const admin = await signIn(s, q.users.ADMIN.email, STRONG);
    expect(await pushOne(admin, "member.changeRole", { userId: q.users.ADMIN.id, role: "STAFF" })).toBe("LAST_ADMIN");
    expect(await pushOne(admin, "member.remove", { userId: q.users.ADMIN.id })).toBe("LAST_ADMIN");
    expect(await pushOne(admin, "member.leave", {})).toBe("LAST_ADMIN");
    const staff = await signIn(s, q.users.STAFF.email, STRONG);
    expect(await pushOne(staff, "member.leave", {})).toBe("applied");
    expect((await staff.get("/api/me")).status).toBe(401);
    expect(await s.t.db.membership.count({ where: { practiceId: q.practiceId, role: "ADMIN" } })).toBe(1);
  });

  it("two admins demoting each other at the same time leave exactly one admin", async () => {
    const q = await makePractice(s.t.db, { password: STRONG });
    const second = await withTransaction(s.t.db, (tx) =>
      addMember(tx, q.practiceId, {
        email: `second-${randomUUID().slice(0, 6)}@example.test`,
        name: "Second",
        role: "ADMIN",
        password: STRONG,
      }),
    );
    const a = await signIn(s, q.users.ADMIN.email, STRONG);
    const b = await signIn(s, second.email, STRONG);
    // The loser is refused by the rule, or (if the winner committed before its request was authenticated)
    // its session is already gone or already carries the lower role.
    const attempt = (by: Browser, userId: string) => pushOne(by, "member.changeRole", { userId, role: "STAFF" }, { allowSignedOut: true });
    const results = await Promise.all([attempt(a, second.id), attempt(b, q.users.ADMIN.id)]);
    expect(results.filter((r) => r === "applied")).toHaveLength(1);
    expect(results.filter((r) => r !== "applied")[0]).toMatch(/^(LAST_ADMIN|UNAUTHENTICATED|FORBIDDEN)$/);
    expect(await s.t.db.membership.count({ where: { practiceId: q.practiceId, role: "ADMIN" } })).toBe(1);
  });
  it("under the practice lock, concurrent demotions through the push never remove the last two admins", async () => {
    for (let round = 0; round < 5; round++) {
      const q = await makePractice(s.t.db);
      const second = await withTransaction(s.t.db, (tx) =>
        addMember(tx, q.practiceId, { email: `lock-${randomUUID().slice(0, 6)}@example.test`, name: "Second", role: "ADMIN" }),
      );
      const a = new TestClient(s.t.db, { practiceId: q.practiceId, userId: q.users.ADMIN.id, role: "ADMIN" });
      const b = new TestClient(s.t.db, { practiceId: q.practiceId, userId: second.id, role: "ADMIN" });
      const [ra, rb] = await Promise.all([
        a.push([a.mutation("member.changeRole", { userId: second.id, role: "VIEWER" })]),
        b.push([b.mutation("member.remove", { userId: q.users.ADMIN.id })]),
      ]);
      const codes = [ra.results[0], rb.results[0]].map((r) => (r!.status === "rejected" ? r!.code : r!.status)).sort();
      expect(codes).toEqual(["LAST_ADMIN", "applied"]);
      expect(await s.t.db.membership.count({ where: { practiceId: q.practiceId, role: "ADMIN" } })).toBe(1);
    }
  });
});

describe("switch practice", () => {
  it("gives a new session for another practice of the user and refuses practices the user is not in", async () => {
    const other = await makePractice(s.t.db, { password: STRONG });
    await withTransaction(s.t.db, (tx) => addMember(tx, other.practiceId, { email: p.users.STAFF.email, name: "ignored", role: "VIEWER" }));
    const b = await signIn(s, p.users.STAFF.email, STRONG);
    const before = b.cookieHeader();
    expect((await b.post("/api/auth/switch-practice", { practiceId: randomUUID() })).status).toBe(404);
    const stranger = await makePractice(s.t.db);
    expect((await b.post("/api/auth/switch-practice", { practiceId: stranger.practiceId })).status).toBe(404);
    expect((await b.post("/api/auth/switch-practice", { practiceId: "nope" })).status).toBe(400);
    const res = await b.post("/api/auth/switch-practice", { practiceId: other.practiceId });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ practice: { id: other.practiceId }, role: "VIEWER" });
    expect((await b.get("/api/me")).json.practice.id).toBe(other.practiceId);
    expect(b.cookieHeader()).not.toBe(before);
    const old = s.browser();
    expect((await old.request("GET", "/api/me", undefined, { cookie: before })).status).toBe(401);
    expect(await s.t.db.auditLog.count({ where: { action: "auth.switch_practice", actorId: p.users.STAFF.id } })).toBe(1);
  });
});

describe("platform owner console", () => {
  it("lists practices with counts for the owner only; everyone else gets 404", async () => {
    const owner = await signIn(s, ownerEmail, STRONG);
    const res = await owner.get("/api/owner/practices");
    expect(res.status).toBe(200);
    const row = res.json.practices.find((x: { id: string }) => x.id === p.practiceId);
    expect(row).toEqual({
      id: p.practiceId,
      name: expect.any(String),
      createdAt: expect.any(String),
      memberCount: expect.any(Number),
      itemCount: 3,
      lastActivityAt: expect.any(String),
    });
    expect(res.json.summary.practiceCount).toBe(res.json.practices.length);
    for (const email of [p.users.ADMIN.email, p.users.VIEWER.email]) {
      expect((await (await signIn(s, email, STRONG)).get("/api/owner/practices")).status).toBe(404);
    }
    expect((await s.browser().get("/api/owner/practices")).status).toBe(401);
  });
});
