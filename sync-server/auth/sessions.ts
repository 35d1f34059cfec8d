/**
 * Server-side sessions: created at sign-in, looked up on every request, revoked at sign-out.
 */
import type { Role } from "../../shared/auth/roles.js";
import type { Db } from "../db/prisma.js";
import { setPracticeContext, withTransaction } from "../db/transaction.js";
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

/** The live session for these claims, or null if it was revoked, expired, or the user's access changed. */
export async function loadSession(db: Db, claims: { sid: string; uid: string; tv: number }): Promise<AuthContext | null> {
  // The session row is readable as its user; the practice and the role only once we know which practice.
  const found = await withTransaction(
    db,
    async (tx) => {
      // Only the columns a session needs: the application role may not read the password hash at all.
      const session = await tx.session.findUnique({
        where: { id: claims.sid },
        include: { user: { select: { email: true, name: true, tokenVersion: true, disabledAt: true } } },
      });
      if (!session || session.userId !== claims.uid || session.revokedAt || session.expiresAt < new Date()) return null;
      if (session.user.disabledAt || session.user.tokenVersion !== claims.tv || !session.practiceId) return null;
      await setPracticeContext(tx, session.practiceId);
      const practice = await tx.practice.findUnique({ where: { id: session.practiceId }, select: { id: true, name: true } });
      const membership = await tx.membership.findUnique({
        where: { practiceId_userId: { practiceId: session.practiceId, userId: session.userId } },
        select: { role: true },
      });
      return practice && membership ? { session, practice, membership } : null;
    },
    { userId: claims.uid },
  );
  if (!found) return null;
  const { session, practice, membership } = found;
  if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
    // "Last seen" for the sessions list; at most one write a minute per session, off the request's path.
    void withTransaction(db, (tx) => tx.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } }), { userId: session.userId }).catch(() => {});
  }
  return {
    sessionId: session.id,
    userId: session.userId,
    email: session.user.email,
    name: session.user.name,
    practiceId: practice.id,
    practiceName: practice.name,
    role: membership.role,
  };
}

export async function revokeSession(db: Db, sessionId: string, userId?: string): Promise<void> {
  await withTransaction(db, (tx) => tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } }), { userId });
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
