/**
 * Server-side sessions: created at sign-in, looked up on every request, revoked at sign-out.
 */
import type { Role } from "../../shared/auth/roles.js";
import type { Db } from "../db/prisma.js";
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
  return db.session.create({
    data: {
      userId: data.userId,
      practiceId: data.practiceId,
      userAgent: data.userAgent?.slice(0, 300) ?? null,
      ip: data.ip ?? null,
      expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
    },
  });
}

/** The live session for these claims, or null if it was revoked, expired, or the user's access changed. */
export async function loadSession(db: Db, claims: { sid: string; uid: string; tv: number }): Promise<AuthContext | null> {
  const session = await db.session.findUnique({
    where: { id: claims.sid },
    include: { user: true, practice: { select: { id: true, name: true } } },
  });
  if (!session || session.userId !== claims.uid || session.revokedAt || session.expiresAt < new Date()) return null;
  if (session.user.disabledAt || session.user.tokenVersion !== claims.tv || !session.practice) return null;
  const membership = await db.membership.findUnique({
    where: { practiceId_userId: { practiceId: session.practice.id, userId: session.userId } },
    select: { role: true },
  });
  if (!membership) return null;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    // "Last seen" for the sessions list; at most one write a minute per session, off the request's path.
    void db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } }).catch(() => {});
  }
  return {
    sessionId: session.id,
    userId: session.userId,
    email: session.user.email,
    name: session.user.name,
    practiceId: session.practice.id,
    practiceName: session.practice.name,
    role: membership.role,
  };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** What the client needs to know about who is signed in. */
export async function describeIdentity(db: Db, auth: AuthContext) {
  const memberships = await db.membership.findMany({
    where: { userId: auth.userId },
    select: { role: true, practice: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return {
    user: { id: auth.userId, email: auth.email, name: auth.name },
    practice: { id: auth.practiceId, name: auth.practiceName },
    role: auth.role,
    practices: memberships.map((m) => ({ id: m.practice.id, name: m.practice.name, role: m.role })),
  };
}
