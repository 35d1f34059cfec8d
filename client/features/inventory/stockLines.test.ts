import { describe, expect, it } from "vitest";
import { inventoryRow, itemRow, uuid } from "../../testing/fixtures.js";
import { buildStockLines } from "./stockLines.js";

describe("buildStockLines", () => {
  it("includes items with no stock, sums batches and marks pending rows", () => {
    const LOC = uuid(1);
    const items = [
      itemRow(uuid(10), { name: "Syringe 5ml" }),
      itemRow(uuid(11), { name: "Gauze" }),
      itemRow(uuid(12), { name: "Old", archived: true }),
    ];
    const rows = [inventoryRow(uuid(20), LOC, uuid(10), 4), inventoryRow(uuid(21), LOC, uuid(10), 6, { batchId: uuid(30) })];
    const lines = buildStockLines(items, rows, new Map(), new Set([uuid(21)]));
    expect(lines.map((l) => [l.item.name, l.quantity, l.pending])).toEqual([
      ["Gauze", 0, false],
      ["Syringe 5ml", 10, true],
    ]);
    expect(lines[1]?.batches.map((b) => [b.batchId, b.pending])).toEqual([
      [null, false],
      [uuid(30), true],
    ]);
  });
});
