/** Tenant-scoped access to practice items and their batches. */
import { DomainError } from "../../../shared/errors.js";
import type { Tx } from "../../db/prisma.js";

export function itemsRepo(tx: Tx) {
  return {
    async getActive(practiceId: string, id: string) {
      const item = await tx.item.findFirst({ where: { practiceId, id }, select: { id: true, name: true, archived: true, batchTracked: true } });
      if (!item) throw new DomainError("NOT_FOUND", "Item not found.");
      if (item.archived) throw new DomainError("ITEM_ARCHIVED", `Item "${item.name}" is archived.`);
      return item;
    },

    async getBatch(practiceId: string, itemId: string, batchId: string) {
      const batch = await tx.batch.findFirst({ where: { practiceId, id: batchId, itemId }, select: { id: true } });
      if (!batch) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
      return batch;
    },
  };
}
