import { describe, expect, it } from "vitest";
import { centsToText, lineTotal, orderTotal, priceToUnits, unitsToCents, unitsToPrice } from "./totals.js";

describe("order line totals are exact decimals", () => {
  it("0.1 × 3 = 0.3000 (no binary float drift)", () => {
    expect(0.1 * 3).not.toBe(0.3); // why the helper exists
    expect(lineTotal({ quantity: 3, unitPrice: "0.1" })).toBe("0.3000");
  });

  it("four-decimal unit prices multiply exactly: 7 × 0.1250 = 0.8750", () => {
    expect(lineTotal({ quantity: 7, unitPrice: "0.1250" })).toBe("0.8750");
  });

  it("the largest storable price times a large quantity stays exact (bigint)", () => {
    expect(lineTotal({ quantity: 1_000_000, unitPrice: "99999999.9999" })).toBe("99999999999900.0000");
  });

  it("zero packs cost nothing; a line without a price has no total", () => {
    expect(lineTotal({ quantity: 0, unitPrice: "12.50" })).toBe("0.0000");
    expect(lineTotal({ quantity: 2, unitPrice: null })).toBeNull();
  });

  it("refuses a fractional or negative quantity and a malformed price", () => {
    expect(() => lineTotal({ quantity: 1.5, unitPrice: "1" })).toThrow(/whole number/);
    expect(() => lineTotal({ quantity: -1, unitPrice: "1" })).toThrow(/whole number/);
    expect(() => lineTotal({ quantity: 1, unitPrice: "1.23456" })).toThrow(/up to 4 decimals/);
    expect(() => lineTotal({ quantity: 1, unitPrice: "-1" })).toThrow(/up to 4 decimals/);
  });
});

describe("order totals", () => {
  it("sums exact line totals in the order's currency", () => {
    const t = orderTotal(
      [
        { quantity: 3, unitPrice: "0.1" },
        { quantity: 2, unitPrice: "12.3456" },
      ],
      "EUR",
    );
    expect(t).toEqual({ currency: "EUR", total: "24.9912", printedTotal: "24.99", pricedLines: 2, unpricedLines: 0 });
  });

  it("printed total is the sum of lines rounded half-up to cents, so a document adds up", () => {
    // Each line is 0.0050 exactly: half a cent rounds up to 0.01 per line.
    const t = orderTotal(
      [
        { quantity: 1, unitPrice: "0.005" },
        { quantity: 1, unitPrice: "0.005" },
        { quantity: 1, unitPrice: "0.005" },
      ],
      "GBP",
    );
    expect(t.total).toBe("0.0150");
    expect(t.printedTotal).toBe("0.03");
  });

  it("just under half a cent rounds down", () => {
    expect(orderTotal([{ quantity: 1, unitPrice: "0.0049" }], "GBP").printedTotal).toBe("0.00");
  });

  it("lines without a price are counted and left out", () => {
    const t = orderTotal(
      [
        { quantity: 4, unitPrice: "2.50" },
        { quantity: 9, unitPrice: null },
      ],
      "GBP",
    );
    expect(t).toMatchObject({ total: "10.0000", printedTotal: "10.00", pricedLines: 1, unpricedLines: 1 });
  });

  it("an empty order totals zero", () => {
    expect(orderTotal([], "GBP")).toMatchObject({ total: "0.0000", printedTotal: "0.00", pricedLines: 0 });
  });
});

describe("money conversions", () => {
  it("round-trips text and ten-thousandths", () => {
    expect(priceToUnits("12.34")).toBe(123_400n);
    expect(priceToUnits("7")).toBe(70_000n);
    expect(unitsToPrice(123_400n)).toBe("12.3400");
    expect(unitsToPrice(5n)).toBe("0.0005");
    expect(unitsToCents(123_450n)).toBe(1235n);
    expect(centsToText(1235n)).toBe("12.35");
    expect(centsToText(5n)).toBe("0.05");
  });
});
