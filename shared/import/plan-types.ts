/** The planner's inputs and outputs: the file as read, what it knows of the replica, and the writes it plans. */
import type { ImportColumn } from "./columns.js";

/** One data row of the file: where it starts in the file, and its cells by column (trimmed; blanks omitted or ""). */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

export interface ImportFile {
  /** The contract columns present in the header. */
  columns: readonly ImportColumn[];
  rows: readonly ImportRow[];
}

/** A reason a row (or the file, line 1) is not imported. `column` is null when no single column is at fault. */
export interface RowError {
  line: number;
  column: ImportColumn | null;
  reason: string;
}

// What the planner needs to know of the replica (structural: the replica's rows have more fields).
export interface KnownItem {
  id: string;
  name: string;
  sku: string | null;
  gtin: string | null;
  unit: string;
  packSize: number;
  category: string | null;
  batchTracked: boolean;
  archived: boolean;
  defaultSupplierId: string | null;
}
export interface KnownSupplier {
  id: string;
  name: string;
  archived: boolean;
}
export interface KnownSupplierItem {
  id: string;
  supplierId: string;
  itemId: string;
  supplierSku: string | null;
  unitPrice: string;
  currency: string;
  packSize: number;
  minimumOrder: number;
  leadTimeDays: number | null;
}
export interface ReplicaSnapshot {
  items: readonly KnownItem[];
  suppliers: readonly KnownSupplier[];
  supplierItems: readonly KnownSupplierItem[];
}

export interface ItemValues {
  name: string;
  sku: string | null;
  gtin: string | null;
  unit: string;
  packSize: number;
  category: string | null;
  batchTracked: boolean;
}
export interface SupplierItemValues {
  supplierSku: string | null;
  unitPrice: string;
  currency: string;
  packSize: number;
  minimumOrder: number;
  leadTimeDays: number | null;
}

/** A write the import will queue, with the file line it comes from (for progress and notices). */
export type PlannedOp =
  | { kind: "supplier.create"; line: number; args: { id: string; name: string } }
  | { kind: "item.create"; line: number; args: { id: string } & ItemValues }
  | {
      kind: "item.createWithPrices";
      line: number;
      args: { id: string } & ItemValues & {
          prices: Array<{ id: string; supplierId: string } & SupplierItemValues>;
          preferredSupplierId: string | null;
        };
    }
  | { kind: "item.update"; line: number; args: { id: string } & Partial<ItemValues> }
  | {
      kind: "supplierItem.set";
      line: number;
      create: boolean;
      args: { id: string; supplierId: string; itemId: string; preferred?: true } & SupplierItemValues;
    }
  | { kind: "item.setPreferredSupplier"; line: number; args: { itemId: string; supplierId: string } };

export interface ImportPlan {
  errors: RowError[];
  ops: PlannedOp[];
  summary: {
    rows: number;
    rowsWithErrors: number;
    itemsCreated: number;
    itemsUpdated: number;
    suppliersCreated: number;
    pricesSet: number;
    preferredSet: number;
  };
}

export interface PlanOptions {
  newId: () => string;
}
