/**
 * The practice's suppliers and their prices, from the replica (offline); writes are the supplier
 * mutations. Prices stay decimal text ("12.3400") from the form to the server: never a float.
 */
import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import {
  itemSetPreferredSupplier,
  supplierArchive,
  supplierCreate,
  supplierItemRemove,
  supplierItemSet,
  supplierUnarchive,
  supplierUpdate,
} from "../../../shared/suppliers/mutations.js";
import type { MutationInput } from "../../../shared/mutations/index.js";
import { supplierDirectory, type DirectorySupplier } from "../../../shared/api/suppliers.js";
import { api } from "../../api/client.js";
import type { SupplierItemRow, SupplierRow } from "../../../shared/protocol/entities.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";

export type { DirectorySupplier, SupplierItemRow, SupplierRow };
export { displayPrice } from "../../../shared/suppliers/money.js";

/** Every supplier in name order (name index), undefined while loading. */
export function useSuppliers(): SupplierRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(() => db.supplier.orderBy("name").toArray(), [db]);
}

export function useSupplier(id: string): SupplierRow | null | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => (await db.supplier.get(id)) ?? null, [db, id]);
}

/** The prices quoted for one item (itemId index). */
export function useQuotesForItem(itemId: string): SupplierItemRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(() => db.supplierItem.where("itemId").equals(itemId).toArray(), [db, itemId]);
}

/** The prices one supplier quotes (supplierId index), with each item's name. */
export function useQuotesOfSupplier(supplierId: string) {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const quotes = await db.supplierItem.where("supplierId").equals(supplierId).toArray();
    const items = await db.item.bulkGet(quotes.map((q) => q.itemId));
    return quotes
      .map((q, i) => ({ quote: q, itemName: items[i]?.name ?? "(unknown item)", preferred: items[i]?.defaultSupplierId === supplierId }))
      .sort((a, b) => a.itemName.localeCompare(b.itemName));
  }, [db, supplierId]);
}

/** Number of priced items per supplier, for the list. */
export function useQuoteCounts(): Map<string, number> | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.supplierItem.orderBy("supplierId").eachKey((key) => void counts.set(String(key), (counts.get(String(key)) ?? 0) + 1));
    return counts;
  }, [db]);
}

/**
 * The global supplier directory, searched online while adding a supplier (it is not replicated). Throws
 * when offline or refused; the caller shows that and the form still works without a directory entry.
 */
export async function searchDirectory(q: string): Promise<DirectorySupplier[]> {
  return (await api.call(supplierDirectory, { query: { q, limit: 8 } })).suppliers;
}

/** The directory entries this practice already has an account with (globalSupplierId), by entry id. */
export function useLinkedDirectoryIds(): Set<string> | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => {
    const suppliers = await db.supplier.toArray();
    return new Set(suppliers.flatMap((s) => (s.globalSupplierId && !s.archived ? [s.globalSupplierId] : [])));
  }, [db]);
}

export type SupplierFields = Omit<MutationInput<"supplier.create">, "id" | "globalSupplierId">;
export type QuoteFields = Omit<MutationInput<"supplierItem.set">, "id">;

export function useSupplierActions() {
  const mutate = useMutate();
  return useMemo(
    () => ({
      create: async (fields: SupplierFields, globalSupplierId: string | null = null) => {
        const id = crypto.randomUUID();
        await mutate(supplierCreate, { id, globalSupplierId, ...fields });
        return id;
      },
      update: (id: string, fields: Partial<SupplierFields>) => mutate(supplierUpdate, { id, ...fields }),
      archive: (id: string) => mutate(supplierArchive, { id }),
      unarchive: (id: string) => mutate(supplierUnarchive, { id }),
      setQuote: (fields: QuoteFields) => mutate(supplierItemSet, { id: crypto.randomUUID(), ...fields }),
      removeQuote: (id: string) => mutate(supplierItemRemove, { id }),
      setPreferred: (itemId: string, supplierId: string | null) => mutate(itemSetPreferredSupplier, { itemId, supplierId }),
    }),
    [mutate],
  );
}
