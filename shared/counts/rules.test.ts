import { describe, expect, it } from "vitest";
import {
  assertSessionOpen,
  countMovement,
  exceedsRecountThreshold,
  finalQuantity,
  isDoubleCount,
  locationInScope,
  needsRecount,
} from "./rules.js";

describe("count rules", () => {
  it("final quantity: Q after the movements, Q + net before them, plus what moved after the push; never below 0", () => {
    const line = { countedQuantity: 12, onHandAtPush: 13, movementSinceSeen: 3 };
    expect(finalQuantity(line, "USE_COUNTED", 13)).toBe(12);
    expect(finalQuantity(line, "USE_COUNTED_PLUS_MOVEMENTS", 13)).toBe(15);
    expect(finalQuantity(line, "USE_COUNTED", 23)).toBe(22); // a receipt of 10 after the push stays
    expect(countMovement(line, "USE_COUNTED", 13)).toBe(-1);
    expect(finalQuantity({ countedQuantity: 0, onHandAtPush: 5, movementSinceSeen: -5 }, "USE_COUNTED_PLUS_MOVEMENTS", 5)).toBe(0);
  });

  it("double count: different standing counts disagree, equal ones agree", () => {
    expect(
      isDoubleCount([
        { lineId: "a", clientId: "1", countedQuantity: 4 },
        { lineId: "b", clientId: "2", countedQuantity: 4 },
      ]),
    ).toBe(false);
    expect(
      isDoubleCount([
        { lineId: "a", clientId: "1", countedQuantity: 4 },
        { lineId: "b", clientId: "2", countedQuantity: 5 },
      ]),
    ).toBe(true);
  });

  it("recount threshold in units or percent; a recount is final", () => {
    expect(exceedsRecountThreshold(3, 10, { units: 2, percent: null })).toBe(true);
    expect(exceedsRecountThreshold(2, 10, { units: 2, percent: null })).toBe(false);
    expect(exceedsRecountThreshold(2, 10, { units: null, percent: 10 })).toBe(true);
    expect(exceedsRecountThreshold(1, 0, { units: null, percent: 50 })).toBe(true);
    const far = { countedQuantity: 10, onHandAtPush: 20, movementSinceSeen: 0 };
    expect(needsRecount(far, { units: 5, percent: null }, false)).toBe(true);
    expect(needsRecount(far, { units: 5, percent: null }, true)).toBe(false);
    // Near under one reading (counted before a use of 9): no recount.
    expect(needsRecount({ countedQuantity: 20, onHandAtPush: 11, movementSinceSeen: -9 }, { units: 5, percent: null }, false)).toBe(false);
  });

  it("a closed session names who closed it and when; sub-locations are in scope only when chosen", () => {
    expect(() => assertSessionOpen({ status: "COMPLETED", completedAt: "2026-12-01T10:00:00.000Z" }, "Ann")).toThrow(
      /already completed by Ann at 2026-12-01T10:00:00.000Z/,
    );
    const parent = new Map([
      ["shelf", "room"],
      ["room", null],
    ]);
    expect(locationInScope({ locationId: "room", includeSubLocations: true }, "shelf", (id) => parent.get(id))).toBe(true);
    expect(locationInScope({ locationId: "room", includeSubLocations: false }, "shelf", (id) => parent.get(id))).toBe(false);
  });
});
