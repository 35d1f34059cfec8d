/** Tenant-scoped access to a practice's suppliers and their quotes (PracticeSupplier, PracticeSupplierItem). */
import { DomainError } from "../../../shared/errors.js";
import type { Tx } from "../../db/prisma.js";

const supplierSelect = {
  id: true,
  name: true,
  archived: true,
  accountNumber: true,
  orderEmail: true,
  phone: true,
  notes: true,
  globalSupplierId: true,
} as const;

export interface SupplierWrite {
  name?: string;
  accountNumber?: string | null;
  orderEmail?: string | null;
  phone?: string | null;
  notes?: string | null;
  archived?: boolean;
  version: bigint;
}

export interface QuoteWrite {
  supplierSku?: string | null;
  unitPrice: string;
  currency: string;
  packSize: number;
  minimumOrder: number;
  leadTimeDays: number | null;
  version: bigint;
}

export function suppliersRepo(tx: Tx) {
  return {
    /** The supplier or NOT_FOUND (also for another practice's id). */
    async get(practiceId: string, id: string) {
      const row = await tx.practiceSupplier.findFirst({ where: { practiceId, id }, select: supplierSelect });
      if (!row) throw new DomainError("NOT_FOUND", "Supplier not found.");
      return row;
    },

    async withName(practiceId: string, name: string) {
      return tx.practiceSupplier.findMany({ where: { practiceId, name }, select: { id: true, name: true } });
    },

    async globalExists(id: string): Promise<boolean> {
      return (await tx.globalSupplier.count({ where: { id } })) === 1;
    },

    async create(
      practiceId: string,
      data: {
        id: string;
        globalSupplierId: string | null;
        name: string;
        accountNumber: string | null;
        orderEmail: string | null;
        phone: string | null;
        notes: string | null;
        version: bigint;
      },
    ) {
      await tx.practiceSupplier.create({ data: { ...data, practiceId } });
    },

    async update(practiceId: string, id: string, data: SupplierWrite) {
      const { count } = await tx.practiceSupplier.updateMany({ where: { practiceId, id }, data });
      if (count !== 1) throw new DomainError("NOT_FOUND", "Supplier not found.");
    },

    /** Items whose preferred supplier this is (ids only). */
    async preferredBy(practiceId: string, supplierId: string) {
      return tx.item.findMany({ where: { practiceId, defaultSupplierId: supplierId }, select: { id: true } });
    },

    async clearPreferred(practiceId: string, supplierId: string, version: bigint) {
      await tx.item.updateMany({ where: { practiceId, defaultSupplierId: supplierId }, data: { defaultSupplierId: null, version } });
    },

    async quote(practiceId: string, supplierId: string, itemId: string) {
      return tx.practiceSupplierItem.findFirst({ where: { practiceId, practiceSupplierId: supplierId, itemId } });
    },

    async quoteById(practiceId: string, id: string) {
      const row = await tx.practiceSupplierItem.findFirst({ where: { practiceId, id } });
      if (!row) throw new DomainError("NOT_FOUND", "Supplier price not found.");
      return row;
    },

    async createQuote(practiceId: string, data: QuoteWrite & { id: string; supplierId: string; itemId: string }) {
      const { supplierId, ...rest } = data;
      await tx.practiceSupplierItem.create({ data: { ...rest, practiceSupplierId: supplierId, practiceId } });
    },

    async updateQuote(practiceId: string, id: string, data: QuoteWrite) {
      await tx.practiceSupplierItem.updateMany({ where: { practiceId, id }, data });
    },

    /** Deletes a quote and leaves its tombstone, so replicas that pull later drop it too. */
    async deleteQuote(practiceId: string, id: string, version: bigint) {
      await tx.practiceSupplierItem.deleteMany({ where: { practiceId, id } });
      await tx.tombstone.create({ data: { practiceId, entity: "supplierItem", entityId: id, version } });
    },
  };
}
