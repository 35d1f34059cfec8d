/**
 * Sign-in with email and password, sign-out, and "who am I". The answer to a failed sign-in is the same
 * whether or not the account exists, and takes the same time (a dummy hash is verified).
 */
import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../../../shared/errors.js";
import { safeText } from "../../../../shared/validation/text.js";
import { dummyPasswordHash, verifyPassword } from "../../../auth/password.js";
import { clearSessionCookie, readSessionCookie, setSessionCookie, type SessionTokens } from "../../../auth/session-token.js";
import { createSession, describeIdentity, loadSession, revokeSession } from "../../../auth/sessions.js";
import type { Db } from "../../../db/prisma.js";
import { writeAudit } from "../../../audit/audit.js";
import { withTransaction } from "../../../db/transaction.js";
import { authOf } from "../../../http/middleware/authenticate.js";
import { parse } from "../../../http/validate.js";

const loginBody = z.object({
  email: safeText().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254)),
  password: safeText().min(1, "Enter your password").max(128),
});

export function authRouter(deps: { db: Db; systemDb: Db; tokens: SessionTokens }): Router {
  const { db, systemDb, tokens } = deps;
  const router = Router();

  router.post("/auth/login", async (req, res) => {
    const { email, password } = parse(loginBody, req.body);
    // The password hash is readable only on the system connection; the rest runs as the signed-in user.
    const user = await systemDb.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabledAt: true, tokenVersion: true } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const membership = user && ok && !user.disabledAt
      ? await withTransaction(db, (tx) => tx.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "asc" } }), { userId: user.id })
      : null;
    if (!user || !membership) {
      await withTransaction(db, (tx) =>
        writeAudit(tx, { practiceId: null, actorId: null, action: "auth.sign_in_failed", changes: { email }, requestId: req.id, ip: req.ip ?? null }),
      );
      throw new DomainError("UNAUTHENTICATED", "Email or password is incorrect.");
    }
    const session = await createSession(db, { userId: user.id, practiceId: membership.practiceId, userAgent: req.get("user-agent"), ip: req.ip });
    setSessionCookie(req, res, await tokens.sign({ sid: session.id, uid: user.id, pid: membership.practiceId, tv: user.tokenVersion }));
    await withTransaction(
      db,
      (tx) => writeAudit(tx, { practiceId: membership.practiceId, actorId: user.id, action: "auth.sign_in", entity: "session", entityId: session.id, requestId: req.id, ip: req.ip ?? null }),
      { practiceId: membership.practiceId },
    );
    const auth = await loadSession(db, { sid: session.id, uid: user.id, tv: user.tokenVersion });
    res.json(await describeIdentity(db, auth!));
  });

  router.post("/auth/logout", async (req, res) => {
    const token = readSessionCookie(req);
    const claims = token ? await tokens.verify(token) : null;
    if (claims) {
      await revokeSession(db, claims.sid, claims.uid);
      await withTransaction(
        db,
        (tx) => writeAudit(tx, { practiceId: claims.pid, actorId: claims.uid, action: "auth.sign_out", entity: "session", entityId: claims.sid, requestId: req.id }),
        { practiceId: claims.pid },
      );
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get("/me", async (req, res) => {
    res.json(await describeIdentity(db, authOf(req)));
  });

  return router;
}
