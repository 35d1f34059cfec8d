/**
 * Sign-in with email and password. The answer to a failed sign-in is the same whether or not the account
 * exists, and takes the same time (a dummy hash is verified when there is no account).
 */
import { DomainError } from "../../../shared/errors.js";
import { dummyPasswordHash, verifyPassword } from "../../auth/password.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import { writeAudit } from "../../audit/audit.js";
import type { SignedIn } from "./magic-link.js";

export interface RequestMeta {
  requestId: string;
  ip: string | null;
}

/** Who these credentials sign in (into their first practice); UNAUTHENTICATED (audited) otherwise. */
export async function checkPassword(
  db: Db,
  systemDb: Db,
  credentials: { email: string; password: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  const { email, password } = credentials;
  // The password hash is readable only on the system connection; the rest runs as the signed-in user.
  const user = await systemDb.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, tokenVersion: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const membership =
    user && ok && !user.disabledAt
      ? await withTransaction(db, (tx) => tx.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "asc" } }), {
          userId: user.id,
        })
      : null;
  if (!user || !membership) {
    await withTransaction(db, (tx) =>
      writeAudit(tx, {
        practiceId: null,
        actorId: null,
        action: "auth.sign_in_failed",
        changes: { email },
        requestId: meta.requestId,
        ip: meta.ip,
      }),
    );
    throw new DomainError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  return { userId: user.id, practiceId: membership.practiceId, tokenVersion: user.tokenVersion };
}

/** Records a password sign-in once its session exists. */
export async function auditSignIn(db: Db, who: SignedIn, sessionId: string, meta: RequestMeta): Promise<void> {
  await withTransaction(
    db,
    (tx) =>
      writeAudit(tx, {
        practiceId: who.practiceId,
        actorId: who.userId,
        action: "auth.sign_in",
        entity: "session",
        entityId: sessionId,
        requestId: meta.requestId,
        ip: meta.ip,
      }),
    { practiceId: who.practiceId },
  );
}
