import { describe, expect, it } from "vitest";
import { classifyLineReceipt, maxReceivable, overReceiptTolerancePercent } from "./tolerance.js";

describe("over-receipt tolerance", () => {
  it("10 % of 10 packs allows 11", () => {
    expect(maxReceivable(10, 10)).toBe(11);
  });

  it("rounds down so the tolerance is never exceeded: 10 % of 5 packs allows 5", () => {
    expect(maxReceivable(5, 10)).toBe(5);
    expect(maxReceivable(5, 20)).toBe(6);
  });

  it("0 % allows exactly what was ordered", () => {
    expect(maxReceivable(7, 0)).toBe(7);
  });

  it("the setting is a whole percent from 0 to 100", () => {
    expect(overReceiptTolerancePercent().safeParse(15).success).toBe(true);
    expect(overReceiptTolerancePercent().safeParse(2.5).success).toBe(false);
    expect(overReceiptTolerancePercent().safeParse(-1).success).toBe(false);
    expect(overReceiptTolerancePercent().safeParse(101).success).toBe(false);
    expect(() => maxReceivable(10, -5)).toThrow(RangeError);
  });
});

describe("a receipt's effect on one order line", () => {
  it("under: 4 of 10 (partial, more to come)", () => expect(classifyLineReceipt(10, 0, 4, 10)).toBe("UNDER"));
  it("exact: the remaining 6 after 4", () => expect(classifyLineReceipt(10, 4, 6, 10)).toBe("EXACT"));
  it("over within tolerance: 11 of 10 at 10 %", () => expect(classifyLineReceipt(10, 0, 11, 10)).toBe("OVER"));
  it("beyond tolerance: 12 of 10 at 10 %", () => expect(classifyLineReceipt(10, 0, 12, 10)).toBe("BEYOND"));
  it("beyond counting what came before: 8 in, 4 more of 10 at 10 %", () => expect(classifyLineReceipt(10, 8, 4, 10)).toBe("BEYOND"));
  it("nothing accepted on an already over-received line is not a new over-receipt", () =>
    expect(classifyLineReceipt(10, 11, 0, 10)).toBe("EXACT"));
});
