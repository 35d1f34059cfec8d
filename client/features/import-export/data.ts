/**
 * Import and export against the replica. The import goes through the ordinary write path: each planned
 * mutation is validated, applied optimistically and queued in the outbox by the same rules as a screen's
 * write (many per Dexie transaction), and the sync engine pushes them; the server has no bulk door to keep in step with the rules.
 */
import { useLiveQuery } from "dexie-react-hooks";
import { useCallback } from "react";
import { can } from "../../../shared/auth/roles.js";
import { itemCreate, itemUpdate } from "../../../shared/catalogue/mutations.js";
import { DomainError } from "../../../shared/errors.js";
import type { PlannedOp, ReplicaSnapshot } from "../../../shared/import/plan.js";
import { itemCreateWithPrices, itemSetPreferredSupplier, supplierCreate, supplierItemSet } from "../../../shared/suppliers/mutations.js";
import { useReplica } from "../../app/replicaContext.js";
import type { ReplicaDb } from "../../replica/db.js";
import { getMeta } from "../../replica/meta.js";
import { enqueueMutations, type QueuedWrite } from "../../replica/outbox.js";
import { toCsv } from "./csv.js";
import { itemsSheet, stockSheet, suppliersSheet, type Sheet } from "./exports.js";

/** The permissions every mutation an import may plan needs (items, suppliers and their prices). */
export const IMPORT_PERMISSIONS = [
  itemCreate.permission,
  itemUpdate.permission,
  supplierCreate.permission,
  supplierItemSet.permission,
  itemSetPreferredSupplier.permission,
  itemCreateWithPrices.permission,
];

export function useCanImport(): boolean {
  const { role } = useReplica();
  return IMPORT_PERMISSIONS.every((p) => can(role, p));
}

/** What the planner compares the file with: the replica as this device sees it now (pending writes included). */
export async function readSnapshot(db: ReplicaDb): Promise<ReplicaSnapshot> {
  const [items, suppliers, supplierItems] = await Promise.all([db.item.toArray(), db.supplier.toArray(), db.supplierItem.toArray()]);
  return { items, suppliers, supplierItems };
}

/** One planned write as the outbox takes it (the kind names the registered mutation; args are its input). */
export function toQueuedWrite(op: PlannedOp): QueuedWrite {
  switch (op.kind) {
    case "supplier.create":
      return { def: supplierCreate, args: op.args };
    case "item.create":
      return { def: itemCreate, args: op.args };
    case "item.createWithPrices":
      return { def: itemCreateWithPrices, args: op.args };
    case "item.update":
      return { def: itemUpdate, args: op.args };
    case "supplierItem.set":
      return { def: supplierItemSet, args: op.args };
    case "item.setPreferredSupplier":
      return { def: itemSetPreferredSupplier, args: op.args };
  }
}

export interface QueueProgress {
  queued: number;
  total: number;
  /** Writes the device itself refused (the replica had changed since the preview): line and reason. */
  refused: Array<{ line: number; reason: string }>;
  /** The outbox seqs queued so far (null before the first), so the screen follows the server while the rest is queued. */
  range?: QueuedRange | null;
}

/** The outbox seqs an import took, to follow them to the server. */
export interface QueuedRange {
  firstSeq: number;
  lastSeq: number;
}

/**
 * Queues the plan in file order, `chunk` writes per Dexie transaction (each still validated and applied
 * optimistically on its own through the ordinary enqueue rules), asking the engine to push after every
 * chunk so sending starts while the rest is still being queued. Returns the outbox range it used (null
 * when nothing was queued).
 */
export function useApplyImport() {
  const { db, engine, role } = useReplica();
  return useCallback(
    async (ops: readonly PlannedOp[], onProgress: (p: QueueProgress) => void, chunk = 500): Promise<QueuedRange | null> => {
      if (!IMPORT_PERMISSIONS.every((p) => can(role, p)))
        throw new DomainError("FORBIDDEN", "Your role does not allow importing items and prices.");
      const progress: QueueProgress = { queued: 0, total: ops.length, refused: [] };
      let firstSeq: number | null = null;
      let lastSeq = 0;
      for (let start = 0; start < ops.length; start += chunk) {
        const slice = ops.slice(start, start + chunk);
        const { entries, refused } = await enqueueMutations(db, slice.map(toQueuedWrite));
        for (const entry of entries) {
          if (!entry) continue;
          firstSeq ??= entry.seq;
          lastSeq = entry.seq;
        }
        for (const r of refused) {
          progress.refused.push({ line: slice[r.index]!.line, reason: r.error instanceof Error ? r.error.message : String(r.error) });
        }
        progress.queued += slice.length;
        void engine.requestPush();
        onProgress({ ...progress, refused: [...progress.refused], range: firstSeq === null ? null : { firstSeq, lastSeq } });
      }
      return firstSeq === null ? null : { firstSeq, lastSeq };
    },
    [db, engine, role],
  );
}

/** How far the server has got with an import's writes: consumed (applied or refused) and refused. */
export function useSyncedProgress(range: QueuedRange | null): { synced: number; refused: number } | undefined {
  const { db } = useReplica();
  // Keyed on the first seq only: the range grows with every queued chunk. One read transaction (see
  // readSyncOverview): reads made one by one each waited behind the import's next chunk, and the answer
  // was dropped every time a chunk landed, so the bar stood still until the queueing ended.
  const seen = useLiveQuery(
    () =>
      db.transaction("r", [db.meta, db.rejected], async () => {
        if (!range) return { pushed: 0, refusedSeqs: [] as number[] };
        const pushed = (await getMeta(db, "pushedSeq")) ?? 0;
        const refusedSeqs = (await db.rejected.where("seq").aboveOrEqual(range.firstSeq).toArray()).map((r) => r.seq);
        return { pushed, refusedSeqs };
      }),
    [db, range?.firstSeq],
  );
  if (!seen || !range) return range ? undefined : { synced: 0, refused: 0 };
  return {
    synced: Math.max(0, Math.min(seen.pushed, range.lastSeq) - range.firstSeq + 1),
    refused: seen.refusedSeqs.filter((seq) => seq <= range.lastSeq).length,
  };
}

export type ExportKind = "items" | "suppliers" | "stock";

async function sheetOf(db: ReplicaDb, kind: ExportKind): Promise<Sheet> {
  switch (kind) {
    case "items": {
      const [items, suppliers, prices] = await Promise.all([db.item.toArray(), db.supplier.toArray(), db.supplierItem.toArray()]);
      return itemsSheet(items, suppliers, prices);
    }
    case "suppliers": {
      const [suppliers, prices, items] = await Promise.all([db.supplier.toArray(), db.supplierItem.toArray(), db.item.toArray()]);
      return suppliersSheet(suppliers, prices, items);
    }
    case "stock": {
      const [locations, items, batches, inventory] = await Promise.all([
        db.location.toArray(),
        db.item.toArray(),
        db.batch.toArray(),
        db.inventory.toArray(),
      ]);
      return stockSheet(locations, items, batches, inventory);
    }
  }
}

/** Builds an export from the replica (works offline) and hands it to the browser as a download. */
export function useExport() {
  const { db } = useReplica();
  return useCallback(
    async (kind: ExportKind): Promise<number> => {
      const sheet = await sheetOf(db, kind);
      downloadText(`venzory-${kind}-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(sheet.header, sheet.rows));
      return sheet.rows.length;
    },
    [db],
  );
}

/** Saves text as a file through a temporary object URL and link (no server round trip, works offline). */
export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next turn: some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
