/**
 * The ledger lines of one lot, newest first, paged by keyset (createdAt, id) so a page stays cheap however
 * long the lot's history. Scoped by practice twice: the query filters on it, and the transaction sets the
 * row-level-security practice, so another practice's batch id reads as "not found".
 */
import { DomainError } from "../../../shared/errors.js";
import type { LotMovement } from "../../../shared/api/stock.js";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";

interface Caller {
  practiceId: string;
}

export interface LotMovementsPage {
  movements: LotMovement[];
  nextCursor: string | null;
}

function parseCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const at = cursor.indexOf("_");
  return { createdAt: new Date(cursor.slice(0, at)), id: cursor.slice(at + 1) };
}

export async function lotMovements(
  db: Db,
  caller: Caller,
  batchId: string,
  page: { limit: number; cursor?: string },
): Promise<LotMovementsPage> {
  return withTransaction(
    db,
    async (tx) => {
      const batch = await tx.batch.findFirst({ where: { practiceId: caller.practiceId, id: batchId }, select: { itemId: true } });
      if (!batch) throw new DomainError("NOT_FOUND", "Lot not found.");
      const after = parseCursor(page.cursor);
      const rows = await tx.stockMovement.findMany({
        // itemId lets the (practiceId, itemId, createdAt) index narrow the scan to the lot's item.
        where: {
          practiceId: caller.practiceId,
          itemId: batch.itemId,
          batchId,
          ...(after && { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }),
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: page.limit + 1,
        select: { id: true, kind: true, delta: true, locationId: true, reason: true, reference: true, actorId: true, createdAt: true },
      });
      const shown = rows.slice(0, page.limit);
      const actorIds = [...new Set(shown.map((r) => r.actorId).filter((id): id is string => id !== null))];
      const users = actorIds.length ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
      const names = new Map(users.map((u) => [u.id, u.name]));
      const last = shown.at(-1);
      return {
        movements: shown.map((r) => ({
          id: r.id,
          kind: r.kind,
          delta: r.delta,
          locationId: r.locationId,
          reason: r.reason,
          reference: r.reference,
          actorName: (r.actorId && names.get(r.actorId)) ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: rows.length > page.limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null,
      };
    },
    { practiceId: caller.practiceId, readOnly: true },
  );
}
