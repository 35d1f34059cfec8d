/** The completer's reads of a count session: its devices, and the keys in scope nobody counted. */
import { can, type Role } from "../../../shared/auth/roles.js";
import { countKey } from "../../../shared/counts/rules.js";
import { DomainError } from "../../../shared/errors.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import { loadSession, stockInScope } from "./sessions.js";

interface Caller {
  practiceId: string;
  role: Role;
}

export async function countDevices(db: Db, caller: Caller, sessionId: string) {
  return withTransaction(
    db,
    async (tx) => {
      if (!(await loadSession(tx, caller.practiceId, sessionId))) throw new DomainError("NOT_FOUND", "Count session not found.");
      const participants = await tx.countParticipant.findMany({
        where: { practiceId: caller.practiceId, sessionId },
        orderBy: { joinedAt: "asc" },
        select: { clientId: true, userId: true, joinedAt: true, client: { select: { lastPushAt: true } } },
      });
      const [users, lines] = await Promise.all([
        tx.user.findMany({ where: { id: { in: [...new Set(participants.map((p) => p.userId))] } }, select: { id: true, name: true } }),
        tx.countLine.groupBy({ by: ["clientId"], where: { practiceId: caller.practiceId, sessionId }, _count: { _all: true } }),
      ]);
      const names = new Map(users.map((u) => [u.id, u.name]));
      const counted = new Map(lines.map((l) => [l.clientId, l._count._all]));
      return {
        devices: participants.map((p) => ({
          clientId: p.clientId,
          userId: p.userId,
          userName: names.get(p.userId) ?? null,
          joinedAt: p.joinedAt.toISOString(),
          lastPushAt: p.client.lastPushAt?.toISOString() ?? null,
          linesCounted: counted.get(p.clientId) ?? 0,
        })),
      };
    },
    { practiceId: caller.practiceId, readOnly: true },
  );
}

export async function uncountedKeys(db: Db, caller: Caller, sessionId: string) {
  return withTransaction(
    db,
    async (tx) => {
      const session = await loadSession(tx, caller.practiceId, sessionId);
      if (!session) throw new DomainError("NOT_FOUND", "Count session not found.");
      const [stock, lines] = await Promise.all([
        stockInScope(tx, caller.practiceId, session),
        tx.countLine.findMany({
          where: { practiceId: caller.practiceId, sessionId, supersededById: null },
          select: { itemId: true, locationId: true, batchId: true },
        }),
      ]);
      const counted = new Set(lines.map(countKey));
      const hide = session.blind && !can(caller.role, "counts.override");
      return {
        keys: stock
          .filter((s) => !counted.has(countKey(s)))
          .map((s) => ({ itemId: s.itemId, locationId: s.locationId, batchId: s.batchId, onHand: hide ? null : s.quantity })),
      };
    },
    { practiceId: caller.practiceId, readOnly: true },
  );
}
