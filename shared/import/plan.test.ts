import { describe, expect, it } from "vitest";
import { IMPORT_COLUMN_NAMES, type ImportColumn } from "./columns.js";
import {
  planImport,
  type ImportRow,
  type KnownItem,
  type KnownSupplier,
  type KnownSupplierItem,
  type PlannedOp,
  type ReplicaSnapshot,
} from "./plan.js";

const EMPTY: ReplicaSnapshot = { items: [], suppliers: [], supplierItems: [] };

function ids() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
}

/** Rows from objects, numbered from line 2 (line 1 is the header). */
function rows(...cells: Array<Partial<Record<ImportColumn, string>>>): ImportRow[] {
  return cells.map((c, i) => ({ line: i + 2, cells: c }));
}

function plan(rs: ImportRow[], replica: ReplicaSnapshot = EMPTY, columns: readonly ImportColumn[] = IMPORT_COLUMN_NAMES) {
  return planImport({ columns, rows: rs }, replica, { newId: ids() });
}

/**
 * What the planned writes do to the replica, for the re-import tests: the same effect the shared
 * mutations' optimistic applies have on these fields (the pg test checks the real ones through a push).
 */
function applyOps(replica: ReplicaSnapshot, ops: PlannedOp[]): ReplicaSnapshot {
  const items = new Map(replica.items.map((i) => [i.id, { ...i }]));
  const suppliers = new Map(replica.suppliers.map((s) => [s.id, { ...s }]));
  const links = new Map(replica.supplierItems.map((l) => [l.id, { ...l }]));
  for (const op of ops) {
    switch (op.kind) {
      case "supplier.create":
        suppliers.set(op.args.id, { id: op.args.id, name: op.args.name, archived: false });
        break;
      case "item.create":
        items.set(op.args.id, { ...op.args, archived: false, defaultSupplierId: null });
        break;
      case "item.createWithPrices": {
        const { prices, preferredSupplierId, ...item } = op.args;
        items.set(item.id, { ...item, archived: false, defaultSupplierId: preferredSupplierId });
        for (const price of prices) links.set(price.id, { ...price, itemId: item.id, unitPrice: fourDecimals(price.unitPrice) });
        break;
      }
      case "item.update":
        items.set(op.args.id, { ...items.get(op.args.id)!, ...op.args });
        break;
      case "supplierItem.set": {
        const { preferred, ...link } = op.args;
        links.set(op.args.id, { ...link, unitPrice: fourDecimals(op.args.unitPrice) });
        if (preferred) items.get(op.args.itemId)!.defaultSupplierId = op.args.supplierId;
        break;
      }
      case "item.setPreferredSupplier":
        items.get(op.args.itemId)!.defaultSupplierId = op.args.supplierId;
        break;
    }
  }
  return { items: [...items.values()], suppliers: [...suppliers.values()], supplierItems: [...links.values()] };
}

/** A price stored as the database answers it: four decimals. */
function fourDecimals(price: string): string {
  const [w, f = ""] = price.split(".");
  return `${Number(w)}.${f.padEnd(4, "0")}`;
}

/** Every price the plan sets, with its item: a stored item's own writes and a new item's. */
function pricesOf(ops: PlannedOp[]) {
  return ops.flatMap((o) => {
    if (o.kind === "supplierItem.set") return [o.args];
    if (o.kind === "item.createWithPrices") return o.args.prices.map((p) => ({ ...p, itemId: o.args.id }));
    return [];
  });
}

const gloves = { name: "Nitrile gloves M", sku: "GLV-M", gtin: "05012345678900", unit: "box", pack_size: "100", category: "Consumables" };

describe("planImport: bad rows are reported with line, column and reason, and plan nothing", () => {
  it("a missing name", () => {
    const p = plan(rows({ sku: "A1" }));
    expect(p.errors).toEqual([{ line: 2, column: "name", reason: "Name is required." }]);
    expect(p.ops).toEqual([]);
    expect(p.summary.rowsWithErrors).toBe(1);
  });

  it("a GTIN whose check digit is wrong (GS1 mod 10), or of the wrong length", () => {
    const p = plan(rows({ name: "A", gtin: "05012345678901" }, { name: "B", gtin: "123456789" }, { name: "C", gtin: "5012345678900" }));
    expect(p.errors).toEqual([
      { line: 2, column: "gtin", reason: "The check digit is wrong: check the barcode number." },
      { line: 3, column: "gtin", reason: "A GTIN has 8, 12, 13 or 14 digits (this has 9)." },
    ]);
    // The GTIN-13 is fine and is stored as 14 digits.
    expect(p.ops).toEqual([
      expect.objectContaining({ kind: "item.create", line: 4, args: expect.objectContaining({ gtin: "05012345678900" }) }),
    ]);
  });

  it('a price with a decimal comma ("12,50") is refused with the fix; "12.50" is taken with its exact digits', () => {
    const p = plan(
      rows(
        { name: "A", sku: "A", supplier: "S", unit_price: "12,50" },
        { name: "B", sku: "B", supplier: "S", unit_price: "12.50" },
        { name: "C", sku: "C", supplier: "S", unit_price: "1,234.50" },
        { name: "D", sku: "D", supplier: "S", unit_price: "-3.00" },
        { name: "E", sku: "E", supplier: "S", unit_price: "0.12345" },
        { name: "F", sku: "F", supplier: "S", unit_price: "£4" },
      ),
    );
    expect(p.errors).toEqual([
      { line: 2, column: "unit_price", reason: "Use a dot for decimals: 12.50." },
      { line: 4, column: "unit_price", reason: "Write the price without thousands separators: 1234.50." },
      { line: 5, column: "unit_price", reason: "A price cannot be negative." },
      { line: 6, column: "unit_price", reason: "A price has at most 4 decimals." },
      { line: 7, column: "unit_price", reason: expect.stringContaining("a number like 12.50") },
    ]);
    expect(pricesOf(p.ops)).toEqual([expect.objectContaining({ unitPrice: "12.50", currency: "GBP" })]);
  });

  it("an unknown currency, and a lower-case known one", () => {
    const p = plan(
      rows(
        { name: "A", sku: "A", supplier: "S", unit_price: "1", currency: "GPB" },
        { name: "B", sku: "B", supplier: "S", unit_price: "1", currency: "eur" },
        { name: "C", sku: "C", supplier: "S", unit_price: "1", currency: "EURO" },
      ),
    );
    expect(p.errors).toEqual([
      { line: 2, column: "currency", reason: '"GPB" is not an ISO 4217 currency code.' },
      { line: 4, column: "currency", reason: "A currency is a three-letter ISO code such as GBP or EUR." },
    ]);
    expect(pricesOf(p.ops)).toEqual([expect.objectContaining({ currency: "EUR" })]);
  });

  it("a SKU twice in the file for the same supplier (or without one) is a duplicate; another supplier is a second price", () => {
    const p = plan(
      rows(
        { ...gloves, supplier: "MediSupply", unit_price: "12.50" },
        { ...gloves, supplier: "medisupply ", unit_price: "11.00" },
        { ...gloves, sku: " GLV-M ", supplier: "Henry Schein", unit_price: "13.00" },
        { name: "Swabs", sku: "SWB" },
        { name: "Swabs", sku: "SWB" },
      ),
    );
    expect(p.errors).toEqual([
      { line: 3, column: "supplier", reason: "Duplicate of line 2: the same item and supplier." },
      { line: 6, column: "sku", reason: "Duplicate of line 5: the same item again." },
    ]);
    // A new item and its prices (from lines 2 and 4) are one write; an item without a supplier is item.create.
    expect(p.ops.map((o) => [o.kind, o.line])).toEqual([
      ["supplier.create", 2],
      ["supplier.create", 4],
      ["item.createWithPrices", 2],
      ["item.create", 5],
    ]);
    const [medi, henry] = p.ops.filter((o) => o.kind === "supplier.create").map((o) => o.args.id);
    expect(p.ops[2]!.args).toMatchObject({
      preferredSupplierId: null,
      prices: [
        expect.objectContaining({ supplierId: medi, unitPrice: "12.50" }),
        expect.objectContaining({ supplierId: henry, unitPrice: "13.00" }),
      ],
    });
  });

  it("one GTIN on two different SKUs (in the file, or against the replica) is refused", () => {
    const p = plan(rows({ name: "A", sku: "A", gtin: "05012345678900" }, { name: "B", sku: "B", gtin: "5012345678900" }));
    expect(p.errors).toEqual([{ line: 3, column: "gtin", reason: "GTIN 05012345678900 is already used on line 2 for another item." }]);

    const replica = {
      ...EMPTY,
      items: [item({ id: "i1", name: "Old gloves", sku: "OLD", gtin: "05012345678900" }), item({ id: "i2", name: "Swabs", sku: "SWB" })],
    };
    const q = plan(rows({ name: "Swabs", sku: "SWB", gtin: "05012345678900" }), replica);
    expect(q.errors).toEqual([{ line: 2, column: "gtin", reason: 'GTIN 05012345678900 belongs to "Old gloves", but SKU SWB to "Swabs".' }]);
  });

  it("rows of one item must agree on the item's columns", () => {
    const p = plan(rows({ ...gloves, supplier: "A", unit_price: "1" }, { ...gloves, pack_size: "50", supplier: "B", unit_price: "1" }));
    expect(p.errors).toEqual([{ line: 3, column: "pack_size", reason: "Differs from line 2, which describes the same item." }]);
  });

  it("supplier columns without a supplier, a new supplier item without a price, two preferred suppliers", () => {
    const p = plan(
      rows(
        { name: "A", sku: "A", unit_price: "1.00" },
        { name: "B", sku: "B", supplier: "S" },
        { name: "C", sku: "C", supplier: "S", unit_price: "1", preferred: "yes" },
        { name: "C", sku: "C", supplier: "T", unit_price: "1", preferred: "yes" },
        { name: "D", sku: "D", batch_tracked: "maybe", pack_size: "0" },
      ),
    );
    expect(p.errors).toEqual([
      { line: 2, column: "supplier", reason: "Name the supplier that unit_price belongs to." },
      { line: 3, column: "unit_price", reason: "A price is required for a new supplier item." },
      { line: 5, column: "preferred", reason: "Line 4 already makes another supplier preferred for this item." },
      { line: 6, column: "pack_size", reason: "Must be at least 1." },
      { line: 6, column: "batch_tracked", reason: 'Use "yes" or "no".' },
    ]);
  });

  it("a row without sku and gtin cannot be matched on re-import, and a header without name is refused whole", () => {
    expect(plan(rows({ name: "A" })).errors).toEqual([
      { line: 2, column: "sku", reason: "Give a sku or a gtin: a re-import finds the item by them." },
    ]);
    const p = plan(rows({ sku: "A" }), EMPTY, ["sku", "unit"]);
    expect(p.errors).toEqual([{ line: 1, column: "name", reason: 'The header has no "name" column.' }]);
    expect(p.ops).toEqual([]);
  });

  it("an archived item or supplier is not silently revived", () => {
    const replica = {
      items: [item({ id: "i1", name: "Old", sku: "OLD", archived: true })],
      suppliers: [{ id: "s1", name: "Gone Ltd", archived: true }],
      supplierItems: [],
    };
    const p = plan(rows({ name: "Old", sku: "OLD" }, { name: "New", sku: "NEW", supplier: "gone ltd", unit_price: "1" }), replica);
    expect(p.errors).toEqual([
      { line: 2, column: null, reason: '"Old" is archived: unarchive it before importing it.' },
      { line: 3, column: "supplier", reason: 'Supplier "Gone Ltd" is archived.' },
    ]);
  });
});

function item(over: Partial<KnownItem> & { id: string; name: string }): KnownItem {
  return {
    sku: null,
    gtin: null,
    unit: "each",
    packSize: 1,
    category: null,
    batchTracked: false,
    archived: false,
    defaultSupplierId: null,
    ...over,
  };
}

describe("planImport: re-import is idempotent and edits only what changed", () => {
  const file = rows(
    {
      ...gloves,
      batch_tracked: "no",
      supplier: "MediSupply",
      supplier_sku: "MS-1",
      unit_price: "12.50",
      currency: "GBP",
      supplier_pack_size: "10",
      minimum_order: "2",
      lead_time_days: "3",
      preferred: "yes",
    },
    { ...gloves, supplier: "Henry Schein", unit_price: "0.1234", currency: "EUR" },
    { name: "Flu vaccine", gtin: "4006381333931", batch_tracked: "yes", unit: "dose" },
  );

  it("the first run creates, the second plans nothing", () => {
    const first = plan(file);
    expect(first.errors).toEqual([]);
    expect(first.summary).toMatchObject({ itemsCreated: 2, suppliersCreated: 2, pricesSet: 2, preferredSet: 1, itemsUpdated: 0 });
    const after = applyOps(EMPTY, first.ops);
    const second = plan(file, after);
    expect(second.errors).toEqual([]);
    expect(second.ops).toEqual([]);
  });

  it("a changed price and a changed name become one supplier-item upsert and one item edit of that field only", () => {
    const after = applyOps(EMPTY, plan(file).ops);
    const edited = rows(
      { ...file[0]!.cells, name: "Nitrile gloves (M)", unit_price: "12.5000" },
      { ...file[1]!.cells, name: "Nitrile gloves (M)", unit_price: "0.1299" },
      file[2]!.cells,
    );
    const p = plan(edited, after);
    const glovesId = after.items.find((i) => i.sku === "GLV-M")!.id;
    expect(p.ops).toEqual([
      { kind: "item.update", line: 2, args: { id: glovesId, name: "Nitrile gloves (M)" } },
      expect.objectContaining({
        kind: "supplierItem.set",
        line: 3,
        create: false,
        args: expect.objectContaining({ unitPrice: "0.1299", currency: "EUR" }),
      }),
    ]);
  });

  it("blank cells leave stored values alone; matching by GTIN adds a SKU; SKUs match exactly, as the database's unique key does", () => {
    const replica = {
      ...EMPTY,
      items: [
        item({ id: "i1", name: "Swabs", gtin: "05012345678900", unit: "pack", category: "Wound care" }),
        item({ id: "i2", name: "Tape", sku: "TP-1" }),
      ],
    };
    const p = plan(
      rows({ name: "Swabs", gtin: "5012345678900", sku: "SWB-1" }, { name: "Tape", sku: "TP-1 " }, { name: "Tape (small)", sku: "tp-1" }),
      replica,
    );
    expect(p.ops).toEqual([
      { kind: "item.update", line: 2, args: { id: "i1", sku: "SWB-1" } },
      expect.objectContaining({ kind: "item.create", line: 4, args: expect.objectContaining({ sku: "tp-1" }) }),
    ]);
  });

  it("money stays decimal text: the digits given are the digits sent, compared without floats", () => {
    const replica: ReplicaSnapshot = {
      items: [item({ id: "i1", name: "A", sku: "A" })],
      suppliers: [{ id: "s1", name: "S", archived: false } satisfies KnownSupplier],
      supplierItems: [
        {
          id: "l1",
          supplierId: "s1",
          itemId: "i1",
          supplierSku: null,
          unitPrice: "0.3000",
          currency: "GBP",
          packSize: 1,
          minimumOrder: 1,
          leadTimeDays: null,
        } satisfies KnownSupplierItem,
      ],
    };
    // 0.1 + 0.2 !== 0.3 in floats; "0.30" is the stored 0.3000 exactly: nothing to do.
    expect(plan(rows({ name: "A", sku: "A", supplier: "S", unit_price: "0.30" }), replica).ops).toEqual([]);
    const p = plan(rows({ name: "A", sku: "A", supplier: "S", unit_price: "99999999.9999" }), replica);
    expect(p.ops).toEqual([expect.objectContaining({ args: expect.objectContaining({ id: "l1", unitPrice: "99999999.9999" }) })]);
    expect(plan(rows({ name: "A", sku: "A", supplier: "S", unit_price: "100000000" }), replica).errors[0]?.reason).toBe(
      "A price is at most 99999999.9999.",
    );
  });
});
