import { describe, expect, it } from "vitest";
import { assertCanArchiveItem, assertCanChangeBatchTracking, assertItemActive, assertUniqueCodes, normalizeGtin } from "./rules.js";

describe("assertItemActive (client apply and server mutators alike)", () => {
  it("passes an active item through and refuses a missing or archived one with one message", () => {
    const gloves = { id: "g", name: "Gloves", archived: false };
    expect(assertItemActive(gloves)).toBe(gloves);
    expect(() => assertItemActive(null)).toThrow(expect.objectContaining({ code: "NOT_FOUND", message: "Item not found." }));
    expect(() => assertItemActive({ ...gloves, archived: true })).toThrow(
      expect.objectContaining({ code: "ITEM_ARCHIVED", message: 'Item "Gloves" is archived.' }),
    );
  });
});

describe("catalogue rules", () => {
  const gauze = { id: "g", name: "Gauze", sku: "GZ-1", gtin: "05012345678900" };

  it("normalises a valid GTIN to 14 digits and refuses a wrong check digit, naming the field", () => {
    expect(normalizeGtin(" 5012345678900 ")).toBe("05012345678900");
    expect(() => normalizeGtin("5012345678901")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", details: { field: "gtin" } }),
    );
  });

  it("refuses a SKU or GTIN another item of the practice holds, names that item, and ignores the item itself", () => {
    expect(() => assertUniqueCodes([gauze], { id: "n", sku: "GZ-1", gtin: null })).toThrow('SKU "GZ-1" is already used by "Gauze".');
    expect(() => assertUniqueCodes([gauze], { id: "n", sku: null, gtin: "05012345678900" })).toThrow(
      'GTIN 05012345678900 is already used by "Gauze".',
    );
    expect(() => assertUniqueCodes([gauze], { id: "g", sku: "GZ-1", gtin: "05012345678900" })).not.toThrow();
    expect(() => assertUniqueCodes([gauze], { id: "n", sku: "gz-1", gtin: null })).not.toThrow(); // exact, like the database key
  });

  it("changes batch tracking only when no stock would be stranded", () => {
    expect(() => assertCanChangeBatchTracking(false, true, { batched: 0, unbatched: 2 })).toThrow(/2 unit\(s\) are held without a batch/);
    expect(() => assertCanChangeBatchTracking(true, false, { batched: 5, unbatched: 0 })).toThrow(/5 unit\(s\) are held in batches/);
    expect(() => assertCanChangeBatchTracking(false, true, { batched: 0, unbatched: 0 })).not.toThrow();
    expect(() => assertCanChangeBatchTracking(true, true, { batched: 5, unbatched: 5 })).not.toThrow();
  });

  it("archives only an active item with nothing on hand", () => {
    expect(() => assertCanArchiveItem({ name: "Gauze", archived: false }, 3)).toThrow(/still has 3 unit\(s\) on hand/);
    expect(() => assertCanArchiveItem({ name: "Gauze", archived: true }, 0)).toThrow(expect.objectContaining({ code: "ITEM_ARCHIVED" }));
    expect(() => assertCanArchiveItem({ name: "Gauze", archived: false }, 0)).not.toThrow();
  });
});
