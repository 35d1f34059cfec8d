/**
 * Moving a signed-in user to another of their practices: a new session (new id) bound to that practice;
 * the old session is revoked, so a session id never changes its practice. Not a member → NOT_FOUND, the
 * same answer as a practice that does not exist.
 */
import { DomainError } from "../../../shared/errors.js";
import type { Db } from "../../db/prisma.js";
import { setPracticeContext, withTransaction } from "../../db/transaction.js";
import { writeAudit } from "../../audit/audit.js";
import { signInTarget, type SignedIn } from "./magic-link.js";

export async function switchPractice(
  db: Db,
  from: { sessionId: string; userId: string; practiceId: string },
  practiceId: string,
  meta: { requestId: string; ip: string | null },
): Promise<SignedIn> {
  return withTransaction(
    db,
    async (tx) => {
      const member = await tx.membership.findUnique({
        where: { practiceId_userId: { practiceId, userId: from.userId } },
        select: { id: true },
      });
      if (!member) throw new DomainError("NOT_FOUND", "Practice not found.");
      await setPracticeContext(tx, practiceId); // a member now: the audit row belongs to that practice
      await tx.session.updateMany({ where: { id: from.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
      await writeAudit(tx, {
        practiceId,
        actorId: from.userId,
        action: "auth.switch_practice",
        entity: "practice",
        entityId: practiceId,
        changes: { from: from.practiceId, to: practiceId },
        requestId: meta.requestId,
        ip: meta.ip,
      });
      return signInTarget(tx, from.userId, practiceId);
    },
    { userId: from.userId },
  );
}
