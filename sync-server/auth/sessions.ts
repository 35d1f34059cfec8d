/**
 * Server-side sessions: created at sign-in, looked up on every request, revoked at sign-out.
 */
import type { Role } from "../../shared/auth/roles.js";
import type { Db } from "../db/prisma.js";
import { withTransaction } from "../db/transaction.js";
import { SESSION_TTL_SECONDS } from "./session-token.js";

export interface AuthContext {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  practiceId: string;
  practiceName: string;
  role: Role;
}

export async function createSession(db: Db, data: { userId: string; practiceId: string | null; userAgent?: string; ip?: string }) {
  return withTransaction(
    db,
    (tx) =>
      tx.session.create({
        data: {
          userId: data.userId,
          practiceId: data.practiceId,
          userAgent: data.userAgent?.slice(0, 300) ?? null,
          ip: data.ip ?? null,
          expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
        },
      }),
    { userId: data.userId },
  );
}

interface SessionRow {
  id: string;
  userId: string;
  practiceId: string | null;
  revoked: boolean;
  expiresAtMs: number;
  lastSeenAtMs: number;
  email: string;
  name: string;
  tokenVersion: number;
  disabled: boolean;
  practiceName: string | null;
  role: Role | null;
}

/**
 * The live session for these claims, or null if it was revoked, expired, or the user's access changed.
 *
 * Every request runs this, so it is one statement (it was three ORM queries and a second context
 * switch, then a transaction of four round trips): session, user, membership and practice joined, under
 * the user's context only, set by the database function app_load_session before it reads. The policies on a
 * user's own rows allow exactly that much: own_sessions, own_user (only the columns the API role is
 * granted: never the password hash), own_memberships, and member_practices (a practice the user belongs
 * to). A session of another user, or a practice the user has left, reads as missing.
 */
export async function loadSession(db: Db, claims: { sid: string; uid: string; tv: number }): Promise<AuthContext | null> {
  // One statement: the function sets the user's context, then reads (migration 20261201150500).
  const rows = await db.$queryRaw<SessionRow[]>`SELECT * FROM app_load_session(${claims.sid}::uuid, ${claims.uid}::uuid)`;
  const row = rows[0];
  if (!row || row.userId !== claims.uid || row.revoked || row.expiresAtMs < Date.now()) return null;
  if (row.disabled || row.tokenVersion !== claims.tv || !row.practiceId) return null;
  if (row.practiceName === null || row.role === null) return null;
  if (Date.now() - row.lastSeenAtMs > 60_000) {
    // "Last seen" for the sessions list; at most one write a minute per session, off the request's path.
    void withTransaction(db, (tx) => tx.session.update({ where: { id: row.id }, data: { lastSeenAt: new Date() } }), {
      userId: row.userId,
    }).catch(() => {});
  }
  return {
    sessionId: row.id,
    userId: row.userId,
    email: row.email,
    name: row.name,
    practiceId: row.practiceId,
    practiceName: row.practiceName,
    role: row.role,
  };
}

export async function revokeSession(db: Db, sessionId: string, userId?: string): Promise<void> {
  await withTransaction(db, (tx) => tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } }), {
    userId,
  });
}

/** What the client needs to know about who is signed in. */
export async function describeIdentity(db: Db, auth: AuthContext) {
  const memberships = await withTransaction(
    db,
    (tx) =>
      tx.membership.findMany({
        where: { userId: auth.userId },
        select: { role: true, practice: { select: { id: true, name: true } } },
        orderBy: { createdAt: "asc" },
      }),
    { userId: auth.userId },
  );
  return {
    user: { id: auth.userId, email: auth.email, name: auth.name },
    practice: { id: auth.practiceId, name: auth.practiceName },
    role: auth.role,
    practices: memberships.map((m) => ({ id: m.practice.id, name: m.practice.name, role: m.role })),
  };
}
