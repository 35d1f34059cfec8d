/**
 * Tenant-scoped access to locations. Every method takes the practice first; a row of another practice
 * is indistinguishable from a missing one.
 */
import { DomainError } from "../../../shared/errors.js";
import { assertLocationActive } from "../../../shared/locations/rules.js";
import type { Tx } from "../../db/prisma.js";

export function locationsRepo(tx: Tx) {
  return {
    /** The location, locked for the rest of the transaction; NOT_FOUND when absent or another practice's. */
    async getForUpdate(practiceId: string, id: string) {
      const rows = await tx.$queryRaw<{ id: string; parentId: string | null; name: string; archived: boolean }[]>`
        SELECT "id", "parentId", "name", "archived" FROM "Location"
        WHERE "practiceId" = ${practiceId}::uuid AND "id" = ${id}::uuid FOR UPDATE`;
      const row = rows[0];
      if (!row) throw new DomainError("NOT_FOUND", "Location not found.");
      return row;
    },

    /** The location if new work may use it (shared rule: NOT_FOUND or LOCATION_ARCHIVED otherwise). */
    async getActive(practiceId: string, id: string) {
      return assertLocationActive(
        await tx.location.findFirst({ where: { practiceId, id }, select: { id: true, archived: true, name: true } }),
      );
    },

    async tree(practiceId: string) {
      return tx.location.findMany({ where: { practiceId }, select: { id: true, parentId: true } });
    },

    /** The locations directly under `parentId` (null: the top level), for the sibling-name rule. */
    async siblings(practiceId: string, parentId: string | null) {
      return tx.location.findMany({ where: { practiceId, parentId }, select: { id: true, parentId: true, name: true, archived: true } });
    },

    async activeChildCount(practiceId: string, id: string): Promise<number> {
      return tx.location.count({ where: { practiceId, parentId: id, archived: false } });
    },

    async stockOnHand(practiceId: string, id: string): Promise<number> {
      const agg = await tx.inventory.aggregate({ where: { practiceId, locationId: id }, _sum: { quantity: true } });
      return agg._sum.quantity ?? 0;
    },

    async create(practiceId: string, data: { id: string; name: string; parentId: string | null; version: bigint }) {
      return tx.location.create({ data: { ...data, practiceId } });
    },

    async update(practiceId: string, id: string, data: { name?: string; parentId?: string | null; archived?: boolean; version: bigint }) {
      const { count } = await tx.location.updateMany({ where: { practiceId, id }, data });
      if (count !== 1) throw new DomainError("NOT_FOUND", "Location not found.");
    },
  };
}
