/**
 * The platform owner's overview: one row per practice with counts and last activity, nothing of a
 * practice's stock, orders or people beyond counts, and no way to act as a practice (no impersonation).
 * Visible only to the account whose email is PLATFORM_OWNER_EMAIL; everyone else gets NOT_FOUND.
 */
import { DomainError } from "../../../shared/errors.js";
import type { Db } from "../../db/prisma.js";

export function isPlatformOwner(email: string, ownerEmail: string | undefined): boolean {
  return Boolean(ownerEmail) && email.toLowerCase() === ownerEmail!.trim().toLowerCase();
}

export function assertPlatformOwner(email: string, ownerEmail: string | undefined): void {
  if (!isPlatformOwner(email, ownerEmail)) throw new DomainError("NOT_FOUND", "Not found.");
}

export async function practiceOverview(db: Db) {
  const [practices, lastAudit] = await Promise.all([
    db.practice.findMany({
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, createdAt: true, lastActivityAt: true, _count: { select: { memberships: true, items: true } } },
    }),
    db.auditLog.groupBy({ by: ["practiceId"], where: { practiceId: { not: null } }, _max: { createdAt: true } }),
  ]);
  const lastByPractice = new Map(lastAudit.map((a) => [a.practiceId, a._max.createdAt]));
  const rows = practices.map((p) => {
    const candidates = [p.lastActivityAt, lastByPractice.get(p.id) ?? null].filter((d): d is Date => d !== null);
    const lastActivityAt = candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : null;
    return { id: p.id, name: p.name, createdAt: p.createdAt, memberCount: p._count.memberships, itemCount: p._count.items, lastActivityAt };
  });
  const monthAgo = Date.now() - 30 * 24 * 3_600_000;
  return {
    practices: rows,
    summary: {
      practiceCount: rows.length,
      memberCount: rows.reduce((n, r) => n + r.memberCount, 0),
      activeLast30Days: rows.filter((r) => r.lastActivityAt && r.lastActivityAt.getTime() >= monthAgo).length,
    },
  };
}
