import { describe, expect, it } from "vitest";
import { stockAdjust } from "./mutations.js";
import { quantityAfter, sumQuantities } from "./rules.js";

describe("quantityAfter", () => {
  it("adds and removes within what is on hand", () => {
    expect(quantityAfter(3, 4)).toBe(7);
    expect(quantityAfter(3, -3)).toBe(0);
  });

  it("refuses to go negative with a message that names the stock", () => {
    expect(() => quantityAfter(2, -3)).toThrow(
      expect.objectContaining({ code: "INSUFFICIENT_STOCK", message: expect.stringMatching(/Only 2/) }),
    );
  });
});

describe("quantities withheld by a blind count (null)", () => {
  it("stay unknown: a sum with one is unknown, a movement on one is the server's to judge", () => {
    expect(sumQuantities([{ quantity: 2 }, { quantity: 3 }])).toBe(5);
    expect(sumQuantities([{ quantity: 2 }, { quantity: null }])).toBeNull();
    expect(sumQuantities([])).toBe(0);
    expect(quantityAfter(null, -3)).toBeNull();
  });
});

describe("stock.adjust arguments", () => {
  const base = { id: crypto.randomUUID(), locationId: crypto.randomUUID(), itemId: crypto.randomUUID(), reason: "DAMAGED" };
  it("accepts a signed whole quantity and defaults batchId to null", () => {
    expect(stockAdjust.args.parse({ ...base, quantity: -2 })).toMatchObject({ quantity: -2, batchId: null });
  });
  it.each([0, 1.5, 10_000_000])("refuses quantity %s", (quantity) => {
    expect(stockAdjust.args.safeParse({ ...base, quantity }).success).toBe(false);
  });
  it("refuses unknown reasons", () => {
    expect(stockAdjust.args.safeParse({ ...base, quantity: 1, reason: "STOLEN?" }).success).toBe(false);
  });
});
