import { describe, expect, it } from "vitest";
import type { OrderItemRow } from "../../../shared/protocol/entities.js";
import { canPost, checkReceipt, type CheckInput } from "./check.js";
import type { DraftLine } from "./receipt.js";

const ITEM = "11111111-1111-4111-8111-111111111111";
const orderLine: OrderItemRow = {
  id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
  version: 1,
  orderId: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
  itemId: ITEM,
  quantity: 10,
  receivedQuantity: 0,
  unitPrice: null,
  supplierSku: null,
  packSize: 1,
};
const line = (patch: Partial<DraftLine>): DraftLine => ({
  id: "l1",
  itemId: ITEM,
  orderItemId: orderLine.id,
  lot: "L1",
  expiry: "",
  accepted: 1,
  damaged: 0,
  damageReason: "",
  serials: [],
  ...patch,
});
const input = (lines: DraftLine[], patch: Partial<CheckInput> = {}): CheckInput => ({
  lines,
  order: { status: "SENT" },
  orderLines: [orderLine],
  items: new Map([[ITEM, { name: "Tube", batchTracked: true }]]),
  tolerancePercent: 10,
  overReason: "",
  today: "2026-12-01",
  horizonDays: 90,
  ...patch,
});

describe("checkReceipt", () => {
  it("a partial receipt within the order can be posted", () => {
    const check = checkReceipt(input([line({ accepted: 4 })]));
    expect(check.refusal).toBeNull();
    expect(check.orderLines.get(orderLine.id)?.kind).toBe("UNDER");
    expect(canPost(check, "", "loc")).toBe(true);
    expect(canPost(check, "", "")).toBe(false);
  });

  it("over the order within the tolerance asks for a reason; beyond it is refused with the shared message", () => {
    const over = checkReceipt(input([line({ accepted: 11 })]));
    expect(over.needsOverReason).toBe(true);
    expect(over.refusal).toBeNull();
    expect(canPost(over, "", "loc")).toBe(false);
    expect(canPost(checkReceipt(input([line({ accepted: 11 })], { overReason: "bonus pack" })), "bonus pack", "loc")).toBe(true);
    const beyond = checkReceipt(input([line({ accepted: 12 })]));
    expect(beyond.refusal).toMatch(/past the 10 % tolerance \(at most 11\)/);
    expect(canPost(beyond, "x", "loc")).toBe(false);
  });

  it("damaged packs need a reason and count as not received; a batch-tracked item needs its lot", () => {
    const damaged = checkReceipt(input([line({ accepted: 0, damaged: 2 })]));
    expect(damaged.lineProblems.get("l1")).toMatch(/why/);
    expect(damaged.orderLines.get(orderLine.id)).toMatchObject({ accepted: 0, damaged: 2, receivedAfter: 0 });
    expect(checkReceipt(input([line({ damaged: 1, damageReason: "Damaged in transit" })])).lineProblems.size).toBe(0);
    expect(checkReceipt(input([line({ lot: "" })])).lineProblems.get("l1")).toMatch(/Lot needed/);
  });

  it("flags a lot expiring within the horizon and an expired one; a far one is not flagged", () => {
    const check = checkReceipt(
      input([
        line({ id: "a", expiry: "2027-01-15" }),
        line({ id: "b", lot: "L2", expiry: "2026-11-00" }),
        line({ id: "c", lot: "L3", expiry: "2028-01-01" }),
      ]),
    );
    expect(check.expiry.get("a")?.flag).toBe("SHORT_DATED");
    expect(check.expiry.get("b")?.flag).toBe("EXPIRED");
    expect(check.expiry.get("c")?.flag).toBeNull();
  });

  it("a cancelled order refuses the receipt", () => {
    expect(checkReceipt(input([line({})], { order: { status: "CANCELLED" } })).refusal).not.toBeNull();
  });
});
