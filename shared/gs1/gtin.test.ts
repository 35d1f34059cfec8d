import { describe, expect, it } from "vitest";
import { gtinCheckDigit, isValidGtin, toGtin14 } from "./gtin.js";

describe("GTIN", () => {
  it("computes GS1 check digits", () => {
    expect(gtinCheckDigit("950600013435")).toBe(2); // 9506000134352, GS1's own example
    expect(gtinCheckDigit("0950600013435")).toBe(2);
    expect(gtinCheckDigit("9638507")).toBe(4); // GTIN-8 96385074
  });
  it("validates lengths and check digits", () => {
    expect(isValidGtin("09506000134352")).toBe(true);
    expect(isValidGtin("09506000134353")).toBe(false);
    expect(isValidGtin("96385074")).toBe(true);
    expect(isValidGtin("12345")).toBe(false);
  });
  it("pads to 14 digits", () => {
    expect(toGtin14("96385074")).toBe("00000096385074");
  });
});
