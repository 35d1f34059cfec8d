import { describe, expect, it } from "vitest";
import type { BatchRow, InventoryRow, ItemRow, LocationRow } from "../../../shared/protocol/entities.js";
import { buildLotReport } from "./lots.js";

const loc = (id: string, name: string, parentId: string | null = null): LocationRow => ({ id, name, parentId, archived: false, version: 1 });
// Only the fields the report reads; the rows carry more (cast so new replicated fields need no edit here).
const item = (id: string, name: string) => ({ id, name, version: 1, gtin: null, archived: false }) as unknown as ItemRow;
const batch = (id: string, itemId: string, lot: string) => ({ id, itemId, lot, expiryDate: "2027-06-30", version: 1 }) as unknown as BatchRow;
const row = (id: string, locationId: string, itemId: string, batchId: string | null, quantity: number): InventoryRow => ({ id, locationId, itemId, batchId, quantity, version: 1 });

describe("lot recall", () => {
  const locations = new Map([loc("m", "Main"), loc("f", "Fridge", "m"), loc("r", "Room 1", "m")].map((l) => [l.id, l]));
  const items = new Map([item("i1", "Flu vaccine"), item("i2", "Saline")].map((i) => [i.id, i]));
  const batches = [batch("b1", "i1", "L26A"), batch("b2", "i2", "L26A"), batch("b3", "i1", "l26a")];
  const inventory = [row("r1", "f", "i1", "b1", 12), row("r2", "r", "i1", "b1", 2), row("r3", "r", "i2", "b2", 0), row("r4", "r", "i1", "b3", 5), row("r5", "f", "i1", null, 9)];

  it("lists every location holding the lot, with its path and quantity", () => {
    const report = buildLotReport(" L26A ", batches, items, inventory, locations);
    expect(report.holdings.map((h) => [h.path, h.item?.name, h.quantity])).toEqual([
      ["Main › Fridge", "Flu vaccine", 12],
      ["Main › Room 1", "Flu vaccine", 2],
    ]);
    // Both items' batches of that lot are named, the empty one too.
    expect(report.batches.map((b) => b.item?.name)).toEqual(["Flu vaccine", "Saline"]);
  });

  it("compares lots exactly (another case is another lot)", () => {
    expect(buildLotReport("l26a", batches, items, inventory, locations).holdings.map((h) => h.quantity)).toEqual([5]);
  });

  it("an unknown lot has no holdings", () => {
    expect(buildLotReport("NOPE", batches, items, inventory, locations)).toEqual({ batches: [], holdings: [] });
  });
});
