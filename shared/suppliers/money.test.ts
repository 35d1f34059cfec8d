import { describe, expect, it } from "vitest";
import { canonicalPrice, displayPrice, isPrice } from "./money.js";

describe("money as decimal text", () => {
  it("accepts up to 8 integer digits and 4 decimals, nothing float-like", () => {
    for (const ok of ["0", "12", "12.3", "12.3400", "99999999.9999"]) expect(isPrice(ok), ok).toBe(true);
    for (const bad of ["", "-1", "1.", ".5", "1.23456", "123456789", "1e3", "12,50", " 1", "Infinity"])
      expect(isPrice(bad), bad).toBe(false);
  });

  it("canonicalises to the database's four decimals by string work (no float rounding)", () => {
    expect(canonicalPrice("12.34")).toBe("12.3400");
    expect(canonicalPrice("0012")).toBe("12.0000");
    expect(canonicalPrice("99999999.9999")).toBe("99999999.9999");
    expect(canonicalPrice("0.1")).toBe("0.1000");
    expect(() => canonicalPrice("1.23456")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("shows two decimals unless more were given", () => {
    expect(displayPrice("12.3400", "GBP")).toBe("GBP 12.34");
    expect(displayPrice("0.1250", "EUR")).toBe("EUR 0.125");
    expect(displayPrice("5.0000", "GBP")).toBe("GBP 5.00");
  });
});
