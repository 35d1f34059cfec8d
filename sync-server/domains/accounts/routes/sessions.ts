/**
 * A user's own sessions: list them, end one, or end all of them ("sign out everywhere"). Ending all
 * bumps the user's token version, so every cookie issued before stops working on its next request.
 */
import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../../../shared/errors.js";
import { clearSessionCookie, type SessionTokens } from "../../../auth/session-token.js";
import type { Db } from "../../../db/prisma.js";
import { withTransaction } from "../../../db/transaction.js";
import { writeAudit } from "../../../audit/audit.js";
import { authOf } from "../../../http/middleware/authenticate.js";
import { parse } from "../../../http/validate.js";

export function sessionsRouter(deps: { db: Db; tokens: SessionTokens }): Router {
  const { db } = deps;
  const router = Router();

  router.get("/auth/sessions", async (req, res) => {
    const auth = authOf(req);
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
    res.json({ sessions: sessions.map(({ practice, ...s }) => ({ ...s, practiceName: practice?.name ?? null, current: s.id === auth.sessionId })) });
  });

  router.post("/auth/sessions/:id/revoke", async (req, res) => {
    const auth = authOf(req);
    const { id } = parse(z.object({ id: z.uuid() }), req.params);
    await withTransaction(
      db,
      async (tx) => {
        const { count } = await tx.session.updateMany({ where: { id, userId: auth.userId, revokedAt: null }, data: { revokedAt: new Date() } });
        if (count === 0) throw new DomainError("NOT_FOUND", "Session not found.");
        await writeAudit(tx, { practiceId: auth.practiceId, actorId: auth.userId, action: "auth.session_revoked", entity: "session", entityId: id, requestId: req.id, ip: req.ip ?? null });
      },
      { userId: auth.userId, practiceId: auth.practiceId },
    );
    if (id === auth.sessionId) clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post("/auth/logout-everywhere", async (req, res) => {
    const auth = authOf(req);
    await withTransaction(
      db,
      async (tx) => {
        // updateMany: no RETURNING of the whole row, whose password hash this role may not read.
        await tx.user.updateMany({ where: { id: auth.userId }, data: { tokenVersion: { increment: 1 } } });
        await tx.session.updateMany({ where: { userId: auth.userId, revokedAt: null }, data: { revokedAt: new Date() } });
        await writeAudit(tx, { practiceId: auth.practiceId, actorId: auth.userId, action: "auth.sign_out_everywhere", requestId: req.id, ip: req.ip ?? null });
      },
      { userId: auth.userId, practiceId: auth.practiceId },
    );
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}
