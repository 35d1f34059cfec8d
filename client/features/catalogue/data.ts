/**
 * Items of the practice's catalogue. Reads come from the replica (offline), writes are the item
 * mutations (optimistic, queued, pushed). Only a GTIN the practice has never used needs the network:
 * GET /api/catalogue/products/:gtin answers the global product's name for the pre-fill.
 */
import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import { productByGtin, type GlobalProduct } from "../../../shared/api/catalogue.js";
import { itemArchive, itemCreate, itemUnarchive, itemUpdate } from "../../../shared/catalogue/mutations.js";
import { isValidGtin, toGtin14 } from "../../../shared/gs1/gtin.js";
import type { MutationInput } from "../../../shared/mutations/index.js";
import type { ItemRow } from "../../../shared/protocol/entities.js";
import { api } from "../../api/client.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { matchesItemQuery } from "./search.js";
import { sumQuantities } from "../../../shared/stock/rules.js";

export type { ItemRow };

/** Every item, in name order (read through the name index), undefined while loading. */
export function useItems(): ItemRow[] | undefined {
  const { db } = useReplica();
  return useLiveQuery(() => db.item.orderBy("name").toArray(), [db]);
}

/** Items matching a typed search (name, SKU or GTIN), archived ones only when asked. */
export function useItemSearch(query: string, includeArchived: boolean): ItemRow[] | undefined {
  const items = useItems();
  return useMemo(
    () => items?.filter((i) => (includeArchived || !i.archived) && matchesItemQuery(i, query)),
    [items, query, includeArchived],
  );
}

/** One item; null when the replica has no such item (yet), undefined while loading. */
export function useItem(id: string): ItemRow | null | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => (await db.item.get(id)) ?? null, [db, id]);
}

/** The practice's categories, for the editor's suggestions. */
export function useCategories(): string[] {
  const items = useItems();
  return useMemo(() => [...new Set((items ?? []).map((i) => i.category).filter((c): c is string => !!c))].sort(), [items]);
}

/** Units on hand per item across all locations (for the list and the archive rule); null while a blind count hides some. */
export function useOnHand(itemId: string): number | null | undefined {
  const { db } = useReplica();
  return useLiveQuery(async () => sumQuantities(await db.inventory.byItems([itemId])), [db, itemId]);
}

export type GtinLookup =
  | { kind: "invalid" }
  | { kind: "practice"; item: ItemRow }
  | { kind: "global"; product: GlobalProduct }
  | { kind: "unknown" }
  | { kind: "offline" };

/**
 * What a typed GTIN is: an item of this practice already (indexed look-up in the replica), a product
 * the global catalogue knows (one request), or new. Offline the item can still be created: the server
 * creates the global product from the item's name when the push arrives.
 */
export function useGtinLookup() {
  const { db } = useReplica();
  return async (code: string): Promise<GtinLookup> => {
    const digits = code.trim();
    if (!isValidGtin(digits)) return { kind: "invalid" };
    const mine = await db.item.where("gtin").equals(toGtin14(digits)).first();
    if (mine) return { kind: "practice", item: mine };
    try {
      const { product } = await api.call(productByGtin, { params: { gtin: digits } });
      return product ? { kind: "global", product } : { kind: "unknown" };
    } catch {
      return { kind: "offline" };
    }
  };
}

export type ItemFields = Omit<MutationInput<"item.create">, "id">;

/** Item writes. Each validates, applies optimistically, queues and pushes; throws DomainError. */
export function useItemActions() {
  const mutate = useMutate();
  return useMemo(
    () => ({
      create: async (fields: ItemFields) => {
        const id = crypto.randomUUID();
        await mutate(itemCreate, { id, ...fields });
        return id;
      },
      update: (id: string, fields: Partial<ItemFields>) => mutate(itemUpdate, { id, ...fields }),
      archive: (id: string) => mutate(itemArchive, { id }),
      unarchive: (id: string) => mutate(itemUnarchive, { id }),
    }),
    [mutate],
  );
}
