import { describe, expect, it } from "vitest";
import { suggestItem, suggestOrders, type SuggestionInput, type SuggestionItem, type SupplierTerms } from "./suggestions.js";
import { onOrderByItem, usageByItem, type LedgerLine } from "./usage.js";

const ACME = "supplier-acme";
const BETA = "supplier-beta";
const ASOF = new Date("2026-12-01T12:00:00Z");

const item = (over: Partial<SuggestionItem> = {}): SuggestionItem => ({
  id: "gloves",
  name: "Gloves",
  reorderPoint: 12,
  maxStock: 40,
  defaultSupplierId: ACME,
  ...over,
});

const terms = (over: Partial<SupplierTerms> = {}): SupplierTerms => ({
  supplierId: ACME,
  itemId: "gloves",
  packSize: 10,
  minimumOrder: 1,
  leadTimeDays: 3,
  unitPrice: "4.2500",
  currency: "GBP",
  ...over,
});

function input(over: Partial<SuggestionInput> = {}): Omit<SuggestionInput, "items"> {
  return {
    terms: [terms()],
    onHand: new Map([["gloves", 4]]),
    onOrder: new Map(),
    usage: new Map(),
    ...over,
  };
}

describe("suggested order quantities", () => {
  it("usage × lead time: on hand 4 + on order 6 < 12; 30 to max + 2.5/day × 3 days = 7.5 → 38 → 4 packs of 10", () => {
    const s = suggestItem(item(), input({ onOrder: new Map([["gloves", 6]]), usage: new Map([["gloves", { used: 70, days: 28 }]]) }));
    expect(s).toMatchObject({ shortfall: 30, usagePerDay: 2.5, unitsNeeded: 38, packs: 4, raisedToMinimum: false, supplierId: ACME });
    expect(s?.why).toBe(
      "On hand 4 + on order 6 = 10 < reorder point 12; to reach max 40: 30, plus usage 2.5/day × lead time 3 days = 7.5 → 38 → 4 packs of 10.",
    );
  });

  it("a longer lead time orders more: 2.5/day × 10 days on top of 36 to max → 61 → 7 packs", () => {
    const s = suggestItem(item(), input({ terms: [terms({ leadTimeDays: 10 })], usage: new Map([["gloves", { used: 70, days: 28 }]]) }));
    expect(s).toMatchObject({ shortfall: 36, unitsNeeded: 61, packs: 7 });
  });

  it("no lead time: usage is shown but adds nothing", () => {
    const s = suggestItem(item(), input({ terms: [terms({ leadTimeDays: null })], usage: new Map([["gloves", { used: 70, days: 28 }]]) }));
    expect(s).toMatchObject({ unitsNeeded: 36, packs: 4, leadTimeDays: 0 });
    expect(s?.why).toContain("(usage 2.5/day, no lead time set)");
  });

  it("fractional usage is rounded up once, at the end: 36 + 1/7 × 3 = 36.43 → 37", () => {
    const s = suggestItem(item(), input({ terms: [terms({ packSize: 1 })], usage: new Map([["gloves", { used: 4, days: 28 }]]) }));
    expect(s).toMatchObject({ unitsNeeded: 37, packs: 37 });
    expect(s?.why).toContain("usage 0.14/day × lead time 3 days = 0.43 → 37 → 37 packs of 1");
  });

  it("no history: fills to the maximum only", () => {
    const s = suggestItem(item(), input());
    expect(s).toMatchObject({ usagePerDay: null, unitsNeeded: 36, packs: 4 });
    expect(s?.why).toBe(
      "On hand 4 + on order 0 = 4 < reorder point 12; to reach max 40: 36 (no usage in the window) → 36 → 4 packs of 10.",
    );
  });

  it("pack rounding: 31 units in packs of 25 → 2 packs (50 units), never a part pack", () => {
    const s = suggestItem(item({ maxStock: 35 }), input({ terms: [terms({ packSize: 25 })], usage: new Map() }));
    expect(s).toMatchObject({ unitsNeeded: 31, packs: 2, packSize: 25 });
  });

  it("an exact multiple of the pack size is not rounded further: 40 units → 4 packs of 10", () => {
    const s = suggestItem(item({ maxStock: 40 }), input({ onHand: new Map([["gloves", 0]]) }));
    expect(s).toMatchObject({ unitsNeeded: 40, packs: 4 });
  });

  it("minimum order: 4 packs needed, the supplier takes 6 → 6 packs, and the why says so", () => {
    const s = suggestItem(item(), input({ terms: [terms({ minimumOrder: 6 })] }));
    expect(s).toMatchObject({ packs: 6, raisedToMinimum: true });
    expect(s?.why).toContain("→ 4 packs of 10, raised to the minimum order of 6.");
  });

  it("on order counts: 4 on hand + 30 on order is above 12, nothing suggested", () => {
    expect(suggestItem(item(), input({ onOrder: new Map([["gloves", 30]]) }))).toBeNull();
  });

  it("on order reduces the quantity: 4 + 6 on order → 30 to max → 3 packs", () => {
    expect(suggestItem(item(), input({ onOrder: new Map([["gloves", 6]]) }))).toMatchObject({ shortfall: 30, packs: 3 });
  });

  it("at the reorder point: not suggested (only below it)", () => {
    expect(suggestItem(item(), input({ onHand: new Map([["gloves", 12]]) }))).toBeNull();
  });

  it("above the reorder point: not suggested", () => {
    expect(suggestItem(item(), input({ onHand: new Map([["gloves", 20]]) }))).toBeNull();
  });

  it("no reorder point, or archived: never suggested", () => {
    expect(suggestItem(item({ reorderPoint: null }), input({ onHand: new Map() }))).toBeNull();
    expect(suggestItem(item({ archived: true }), input({ onHand: new Map() }))).toBeNull();
  });

  it("no maximum: fills to the reorder point", () => {
    const s = suggestItem(item({ maxStock: null }), input());
    expect(s).toMatchObject({ target: 12, targetKind: "reorderPoint", unitsNeeded: 8, packs: 1 });
    expect(s?.why).toContain("no maximum set, to reach reorder point 12: 8");
  });

  it("a maximum at or under the reorder point still orders the minimum", () => {
    expect(suggestItem(item({ maxStock: 4 }), input())).toMatchObject({ shortfall: 0, packs: 1, raisedToMinimum: true });
  });

  it("item without a supplier: suggested in units (packs of 1), no price, and the why asks for a supplier", () => {
    const s = suggestItem(item({ defaultSupplierId: null }), input());
    expect(s).toMatchObject({ supplierId: null, packSize: 1, packs: 36, leadTimeDays: 0, unitPrice: null, currency: null });
    expect(s?.why).toContain("No preferred supplier: choose one to order.");
  });

  it("a preferred supplier without terms for the item: packs of 1, said in the why", () => {
    const s = suggestItem(item({ defaultSupplierId: BETA }), input());
    expect(s).toMatchObject({ supplierId: BETA, packSize: 1, packs: 36 });
    expect(s?.why).toContain("has no terms for this item");
  });

  it("carries the supplier's price snapshot for the draft", () => {
    expect(suggestItem(item(), input())).toMatchObject({ unitPrice: "4.2500", currency: "GBP" });
  });
});

describe("grouped by preferred supplier", () => {
  it("one group per supplier, lines by name, items without a supplier last; items not low are left out", () => {
    const groups = suggestOrders({
      items: [
        item({ id: "swabs", name: "Swabs", defaultSupplierId: BETA }),
        item({ id: "gloves", name: "Gloves" }),
        item({ id: "aprons", name: "Aprons" }),
        item({ id: "masks", name: "Masks", defaultSupplierId: null }),
        item({ id: "plenty", name: "Plenty" }),
      ],
      terms: [terms(), terms({ itemId: "aprons" }), terms({ supplierId: BETA, itemId: "swabs" })],
      onHand: new Map([["plenty", 100]]),
      onOrder: new Map(),
      usage: new Map(),
    });
    expect(groups.map((g) => [g.supplierId, g.lines.map((l) => l.itemId)])).toEqual([
      [ACME, ["aprons", "gloves"]],
      [BETA, ["swabs"]],
      [null, ["masks"]],
    ]);
  });
});

describe("usage from the ledger", () => {
  const line = (over: Partial<LedgerLine>): LedgerLine => ({
    itemId: "gloves",
    kind: "CONSUMPTION",
    delta: -1,
    createdAt: "2026-11-30T09:00:00Z",
    ...over,
  });

  it("counts consumption and negative adjustments within the last N weeks", () => {
    const usage = usageByItem(
      [
        line({ delta: -5 }),
        line({ kind: "ADJUSTMENT", delta: -2 }), // damaged, expired, used
        line({ kind: "ADJUSTMENT", delta: 3 }), // found: not usage
        line({ kind: "RECEIPT", delta: 50 }),
        line({ kind: "TRANSFER_OUT", delta: -10 }), // moved between rooms, not used
        line({ kind: "COUNT", delta: -4 }), // a count correction fixes the record, it is not demand
        line({ delta: -7, createdAt: "2026-11-03T12:00:01Z" }), // just inside 4 weeks
        line({ delta: -9, createdAt: "2026-11-03T12:00:00Z" }), // exactly 4 weeks ago: outside
        line({ delta: -1, createdAt: "2026-12-02T00:00:00Z" }), // after asOf
        line({ itemId: "masks", delta: -3 }),
      ],
      ASOF,
      4,
    );
    expect(usage.get("gloves")).toEqual({ used: 14, days: 28 });
    expect(usage.get("masks")).toEqual({ used: 3, days: 28 });
  });

  it("refuses a window that is not a whole number of weeks", () => {
    expect(() => usageByItem([], ASOF, 0)).toThrow(RangeError);
  });
});

describe("on order from open lines", () => {
  it("counts unreceived packs × pack size on sent and partly received orders only", () => {
    const onOrder = onOrderByItem([
      { itemId: "gloves", status: "SENT", quantity: 3, receivedQuantity: 0, packSize: 10 },
      { itemId: "gloves", status: "PARTIALLY_RECEIVED", quantity: 5, receivedQuantity: 2, packSize: 10 },
      { itemId: "gloves", status: "DRAFT", quantity: 9, receivedQuantity: 0, packSize: 10 },
      { itemId: "gloves", status: "RECEIVED", quantity: 9, receivedQuantity: 4, packSize: 10 }, // closed short
      { itemId: "gloves", status: "CANCELLED", quantity: 9, receivedQuantity: 0, packSize: 10 },
      { itemId: "masks", status: "PARTIALLY_RECEIVED", quantity: 2, receivedQuantity: 3, packSize: 5 }, // over-received
    ]);
    expect(onOrder.get("gloves")).toBe(60);
    expect(onOrder.has("masks")).toBe(false);
  });
});
