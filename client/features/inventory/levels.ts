import { useLiveQuery } from "dexie-react-hooks";
import { useMemo } from "react";
import { parLevelSet, stockSetItemLevels } from "../../../shared/stock/mutations.js";
import type { ParLevelRow } from "../../../shared/protocol/entities.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";

/** A level field as typed: blank clears it (null), otherwise a whole number ≥ 0; undefined = not a valid number. */
export function parseLevel(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export const levelText = (n: number | null | undefined) => (n == null ? "" : String(n));

/** Par levels set at one location, by item id (through the locationId index). */
export function useParLevelsAt(locationId: string): Map<string, ParLevelRow> | undefined {
  const { db } = useReplica();
  return useLiveQuery(
    async () => new Map((await db.parLevel.where("locationId").equals(locationId).toArray()).map((p) => [p.itemId, p])),
    [db, locationId],
  );
}

export function useLevelActions() {
  const mutate = useMutate();
  return useMemo(
    () => ({
      setPar: (itemId: string, locationId: string, minQuantity: number | null, maxQuantity: number | null) =>
        mutate(parLevelSet, { itemId, locationId, minQuantity, maxQuantity }),
      setItemLevels: (itemId: string, reorderPoint: number | null, maxStock: number | null) =>
        mutate(stockSetItemLevels, { itemId, reorderPoint, maxStock }),
    }),
    [mutate],
  );
}
