import { useLiveQuery } from "dexie-react-hooks";
import { useMemo, useState, type FormEvent } from "react";
import { parLevelSet, stockSetItemLevels } from "../../../shared/stock/mutations.js";
import type { ParLevelRow } from "../../../shared/protocol/entities.js";
import { useMutate, useReplica } from "../../app/replicaContext.js";
import { errorMessage } from "../../ui/format.js";

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

/**
 * A form of two levels (a low one and a maximum, both optional): the typed texts, parsed on submit, then
 * saved. The order rule (low not above the maximum) is the mutation's own shared schema, whose message
 * the form shows; only the parsing of what was typed is done here.
 */
export function useLevelPairForm(
  initial: { low: number | null | undefined; high: number | null | undefined },
  save: (low: number | null, high: number | null) => Promise<unknown>,
  savedMessage: string,
) {
  const [low, setLow] = useState(levelText(initial.low));
  const [high, setHigh] = useState(levelText(initial.high));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    const lo = parseLevel(low);
    const hi = parseLevel(high);
    if (lo === undefined || hi === undefined) return setError("Levels are whole numbers of 0 or more (leave blank for none).");
    try {
      await save(lo, hi);
      setError(null);
      setSaved(savedMessage);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return { low, setLow, high, setHigh, error, saved, submit };
}
