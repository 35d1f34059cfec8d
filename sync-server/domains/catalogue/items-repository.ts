/** Tenant-scoped access to practice items and their batches. */
import { DomainError } from "../../../shared/errors.js";
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import type { Tx } from "../../db/prisma.js";

export function itemsRepo(tx: Tx) {
  return {
    /** The item if new work may use it (shared rule: NOT_FOUND or ITEM_ARCHIVED otherwise). */
    async getActive(practiceId: string, id: string) {
      return assertItemActive(await tx.item.findFirst({ where: { practiceId, id }, select: { id: true, name: true, archived: true, batchTracked: true } }));
    },

    async getBatch(practiceId: string, itemId: string, batchId: string) {
      const batch = await tx.batch.findFirst({ where: { practiceId, id: batchId, itemId }, select: { id: true } });
      if (!batch) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
      return batch;
    },
  };
}
