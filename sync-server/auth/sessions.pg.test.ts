/**
 * The session check every request makes, as the row-level-security role the API runs on: one read
 * (session, user, membership and practice joined) under the user's context, and every way a session
 * stops being valid still answers null.
 */
import { countStatements } from "../../test/statement-counter.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, type Db } from "../db/prisma.js";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { asAppRole } from "../../test/pg-urls.js";
import { createSession, loadSession } from "./sessions.js";

let t: TestDatabase;
let p: TestPractice;
let other: TestPractice;
let app: Db;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 0 });
  other = await makePractice(t.db, { items: 0 });
  app = createPrisma(asAppRole(t.url), 2);
});
afterAll(async () => {
  await app.$disconnect();
  await t.drop();
});

const statements = countStatements();

async function newSession(userId: string, practiceId: string | null) {
  const s = await createSession(app, { userId, practiceId });
  return { sid: s.id, uid: userId, tv: 0 };
}

describe("loadSession", () => {
  it("answers the identity, role and practice of a live session in a single statement", async () => {
    const claims = await newSession(p.users.STAFF.id, p.practiceId);
    await loadSession(app, claims); // warm the pool
    const s0 = statements.count;
    const auth = await loadSession(app, claims);
    const used = statements.count - s0;
    expect(auth).toMatchObject({
      sessionId: claims.sid,
      userId: p.users.STAFF.id,
      email: p.users.STAFF.email,
      practiceId: p.practiceId,
      role: "STAFF",
    });
    expect(auth?.practiceName).toBeTruthy();
    // The function sets the user's context and reads: no BEGIN, set_config, COMMIT round trips.
    expect(used).toBe(1);
  });

  it("is null for a revoked, expired, foreign or practice-less session, a stale token version, a disabled user or a removed member", async () => {
    const claims = await newSession(p.users.VIEWER.id, p.practiceId);
    expect(await loadSession(app, claims)).not.toBeNull();
    expect(await loadSession(app, { ...claims, tv: 1 })).toBeNull();
    // Someone else's session id with my user id: not readable as me.
    expect(await loadSession(app, { ...claims, uid: other.users.VIEWER.id })).toBeNull();
    expect(await loadSession(app, await newSession(p.users.VIEWER.id, null))).toBeNull();

    const expired = await newSession(p.users.VIEWER.id, p.practiceId);
    await t.db.session.update({ where: { id: expired.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadSession(app, expired)).toBeNull();
    const revoked = await newSession(p.users.VIEWER.id, p.practiceId);
    await t.db.session.update({ where: { id: revoked.sid }, data: { revokedAt: new Date() } });
    expect(await loadSession(app, revoked)).toBeNull();

    // A session bound to a practice the user no longer belongs to.
    const removed = await newSession(other.users.STAFF.id, other.practiceId);
    expect(await loadSession(app, removed)).not.toBeNull();
    await t.db.membership.delete({ where: { practiceId_userId: { practiceId: other.practiceId, userId: other.users.STAFF.id } } });
    expect(await loadSession(app, removed)).toBeNull();

    const disabled = await newSession(other.users.ADMIN.id, other.practiceId);
    await t.db.user.update({ where: { id: other.users.ADMIN.id }, data: { disabledAt: new Date() } });
    expect(await loadSession(app, disabled)).toBeNull();
  });

  it("leaves no user context behind on the pooled connection", async () => {
    const claims = await newSession(p.users.STAFF.id, p.practiceId);
    expect(await loadSession(app, claims)).not.toBeNull();
    // The pool has 2 connections: ask both, several times, what context they carry now.
    const seen = await Promise.all(
      Array.from({ length: 6 }, () => app.$queryRaw<{ uid: string | null }[]>`SELECT app_user_id()::text AS uid`),
    );
    expect(seen.map((r) => r[0]?.uid ?? null)).toEqual(Array(6).fill(null));
  });
});
