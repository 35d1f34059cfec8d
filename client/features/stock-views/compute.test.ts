import { describe, expect, it } from "vitest";
import type { BatchRow, SupplierItemRow } from "../../../shared/protocol/entities.js";
import { inventoryRow, itemRow, locationRow, uuid } from "../../testing/fixtures.js";
import { batchLines, expired, expiringSoon, formatUnits, lowStock, priceUnits, stockValue, totalsByItem } from "./compute.js";

const batch = (n: number, itemId: string, lot: string, expiryDate: string | null): BatchRow => ({
  id: uuid(n),
  version: 1,
  itemId,
  lot,
  expiryDate,
  expiryRaw: expiryDate,
});
const quote = (itemId: string, supplierId: string, unitPrice: string): SupplierItemRow => ({
  id: crypto.randomUUID(),
  version: 1,
  supplierId,
  itemId,
  supplierSku: null,
  unitPrice,
  currency: "GBP",
  packSize: 10,
  minimumOrder: 1,
  leadTimeDays: null,
});

describe("stock views", () => {
  const A = uuid(1),
    B = uuid(2),
    SUP = uuid(3),
    OTHER = uuid(4);
  const gloves = itemRow(uuid(10), { name: "Gloves", reorderPoint: 10, maxStock: 50, defaultSupplierId: SUP });
  const vaccine = itemRow(uuid(11), { name: "Vaccine", reorderPoint: 5, batchTracked: true, defaultSupplierId: SUP });
  const gauze = itemRow(uuid(12), { name: "Gauze", reorderPoint: null });
  const rows = [
    inventoryRow(uuid(20), A, gloves.id, 4),
    inventoryRow(uuid(21), B, gloves.id, 3),
    inventoryRow(uuid(22), A, vaccine.id, 6, { batchId: uuid(30) }),
    inventoryRow(uuid(23), B, vaccine.id, 2, { batchId: uuid(31) }),
    inventoryRow(uuid(24), A, gauze.id, 100),
  ];
  const totals = totalsByItem(rows);

  it("low stock sums every location and says how many reach the maximum", () => {
    expect(lowStock([gloves, vaccine, gauze], totals).map((l) => [l.item.name, l.onHand, l.toMax])).toEqual([["Gloves", 7, 43]]);
    expect(lowStock([gloves, { ...vaccine, reorderPoint: 8 }], totals).map((l) => [l.item.name, l.toMax])).toEqual([
      ["Gloves", 43],
      ["Vaccine", 0],
    ]);
  });

  it("expiring soon groups by 30/60/90 days, FEFO inside a group; expired is flagged apart", () => {
    const batches = new Map(
      [batch(30, vaccine.id, "V-LATE", "2027-01-20"), batch(31, vaccine.id, "V-OLD", "2026-11-01")].map((b) => [b.id, b]),
    );
    const lines = batchLines(
      rows,
      batches,
      new Map([[vaccine.id, vaccine]]),
      new Map([
        [A, locationRow(A)],
        [B, locationRow(B)],
      ]),
    );
    expect(lines.map((l) => l.batch.lot)).toEqual(["V-OLD", "V-LATE"]);
    expect([...expiringSoon(lines, "2026-12-01", 90)].map(([g, ls]) => [g, ls.map((l) => l.batch.lot)])).toEqual([[60, ["V-LATE"]]]);
    expect(expired(lines, "2026-12-01").map((l) => [l.batch.lot, l.quantity])).toEqual([["V-OLD", 2]]);
  });

  it("values stock with the preferred supplier's unit price, exactly (decimal text, integer arithmetic)", () => {
    expect(priceUnits("0.1")).toBe(1000n);
    expect(formatUnits(priceUnits("0.1") * 3n)).toBe("0.30"); // 0.1 × 3 as floats is 0.30000000000000004
    const { lines, totalsByCurrency, unpriced } = stockValue([gloves, vaccine, gauze], totals, [
      quote(gloves.id, SUP, "0.1250"),
      quote(gloves.id, OTHER, "0.01"),
      quote(vaccine.id, SUP, "12.3400"),
    ]);
    expect(lines.map((l) => [l.item.name, formatUnits(l.value)])).toEqual([
      ["Vaccine", "98.72"],
      ["Gloves", "0.88"],
      ["Gauze", "0.00"],
    ]);
    expect(formatUnits(totalsByCurrency.get("GBP")!)).toBe("99.60"); // 98.72 + 0.875 = 99.595, rounded half up once at the end
    expect(unpriced).toBe(1);
  });

  it("a quantity withheld by a blind count is neither low nor valued, and a lot's place is still listed", () => {
    const X = uuid(40),
      L1 = uuid(41),
      L2 = uuid(42);
    const rows = [inventoryRow(uuid(43), L1, X, 5), inventoryRow(uuid(44), L2, X, null)];
    const totals = totalsByItem(rows);
    expect(totals.get(X)).toBeNull();
    expect(lowStock([itemRow(X, { reorderPoint: 10 })], totals)).toEqual([]);
    const lot = batch(45, X, "LOT-H", "2027-01-31");
    const held = batchLines(
      [inventoryRow(uuid(46), L2, X, null, { batchId: lot.id })],
      new Map([[lot.id, lot]]),
      new Map(),
      new Map([[L2, locationRow(L2)]]),
    );
    expect(held.map((l) => l.quantity)).toEqual([null]);
  });
});
