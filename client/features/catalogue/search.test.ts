import { describe, expect, it } from "vitest";
import { matchesItemQuery } from "./search.js";

const flu = { name: "Flu vaccine 0.5 ml", sku: "FLU-05", gtin: "05012345678900" };

describe("matchesItemQuery", () => {
  it("matches name words in any order and case, SKU from its start, GTIN with or without padding", () => {
    expect(matchesItemQuery(flu, "")).toBe(true);
    expect(matchesItemQuery(flu, "VACCINE flu")).toBe(true);
    expect(matchesItemQuery(flu, "flu-0")).toBe(true);
    expect(matchesItemQuery(flu, "5012345678900")).toBe(true);
    expect(matchesItemQuery(flu, "05012345678900")).toBe(true);
    expect(matchesItemQuery(flu, "50123")).toBe(true);
  });

  it("does not match other text", () => {
    expect(matchesItemQuery(flu, "gloves")).toBe(false);
    expect(matchesItemQuery(flu, "05")).toBe(true); // the padded GTIN starts with 05
    expect(matchesItemQuery({ ...flu, gtin: null }, "99")).toBe(false);
    expect(matchesItemQuery(flu, "-05")).toBe(false);
  });
});
