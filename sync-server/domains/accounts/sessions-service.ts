/**
 * A user's own sessions: list them, end one, end all of them ("sign out everywhere"), or sign out of
 * this one. Ending all bumps the user's token version, so every cookie issued before stops working on its
 * next request.
 */
import { DomainError } from "../../../shared/errors.js";
import { revokeSession } from "../../auth/sessions.js";
import type { AuthContext } from "../../auth/sessions.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import { writeAudit } from "../../audit/audit.js";
import type { RequestMeta } from "./password-sign-in.js";

export async function listOwnSessions(db: Db, auth: AuthContext) {
  const sessions = await withTransaction(
    db,
    (tx) =>
      tx.session.findMany({
        where: { userId: auth.userId, revokedAt: null, expiresAt: { gt: new Date() } },
        orderBy: { lastSeenAt: "desc" },
        select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true, practice: { select: { name: true } } },
      }),
    { userId: auth.userId },
  );
  return sessions.map(({ practice, ...s }) => ({ ...s, practiceName: practice?.name ?? null, current: s.id === auth.sessionId }));
}

/** Ends one of the user's own sessions; NOT_FOUND for anyone else's (or one already ended). */
export async function revokeOwnSession(db: Db, auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
  await withTransaction(
    db,
    async (tx) => {
      const { count } = await tx.session.updateMany({
        where: { id, userId: auth.userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (count === 0) throw new DomainError("NOT_FOUND", "Session not found.");
      await writeAudit(tx, {
        practiceId: auth.practiceId,
        actorId: auth.userId,
        action: "auth.session_revoked",
        entity: "session",
        entityId: id,
        requestId: meta.requestId,
        ip: meta.ip,
      });
    },
    { userId: auth.userId, practiceId: auth.practiceId },
  );
}

export async function signOutEverywhere(db: Db, auth: AuthContext, meta: RequestMeta): Promise<void> {
  await withTransaction(
    db,
    async (tx) => {
      // updateMany: no RETURNING of the whole row, whose password hash this role may not read.
      await tx.user.updateMany({ where: { id: auth.userId }, data: { tokenVersion: { increment: 1 } } });
      await tx.session.updateMany({ where: { userId: auth.userId, revokedAt: null }, data: { revokedAt: new Date() } });
      await writeAudit(tx, {
        practiceId: auth.practiceId,
        actorId: auth.userId,
        action: "auth.sign_out_everywhere",
        requestId: meta.requestId,
        ip: meta.ip,
      });
    },
    { userId: auth.userId, practiceId: auth.practiceId },
  );
}

/** Ends the session named by a verified cookie (sign-out). */
export async function signOut(db: Db, claims: { sid: string; uid: string; pid: string | null }, meta: RequestMeta): Promise<void> {
  await revokeSession(db, claims.sid, claims.uid);
  await withTransaction(
    db,
    (tx) =>
      writeAudit(tx, {
        practiceId: claims.pid,
        actorId: claims.uid,
        action: "auth.sign_out",
        entity: "session",
        entityId: claims.sid,
        requestId: meta.requestId,
      }),
    { practiceId: claims.pid },
  );
}
