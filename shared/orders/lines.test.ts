import { describe, expect, it } from "vitest";
import { assertDistinctItems, lineSnapshot } from "./lines.js";

describe("lineSnapshot", () => {
  const terms = { unitPrice: "12.5", currency: "GBP", supplierSku: "G-1", packSize: 10 };
  it("keeps the supplier's price per pack (four decimals), SKU and pack size", () => {
    expect(lineSnapshot(terms, "GBP")).toEqual({ unitPrice: "12.5000", supplierSku: "G-1", packSize: 10 });
  });
  it("leaves a price in another currency to be confirmed, never converted", () => {
    expect(lineSnapshot(terms, "EUR")).toEqual({ unitPrice: null, supplierSku: "G-1", packSize: 10 });
  });
  it("without terms: price to confirm, packs of one", () => {
    expect(lineSnapshot(undefined, "GBP")).toEqual({ unitPrice: null, supplierSku: null, packSize: 1 });
  });
});

describe("assertDistinctItems", () => {
  it("refuses an item listed twice, naming the line", () => {
    expect(() => assertDistinctItems([{ itemId: "a" }, { itemId: "b" }, { itemId: "a" }])).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", details: { line: 2 } }),
    );
    expect(() => assertDistinctItems([{ itemId: "a" }, { itemId: "b" }])).not.toThrow();
  });
});
