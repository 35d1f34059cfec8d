import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { assertReceiptApplies, judgeReceipt, type OrderState, type ReceiptInput, type ReceiptLineInput } from "./judge-receipt.js";

const order = (over: Partial<OrderState> = {}): OrderState => ({
  status: "SENT",
  lines: [
    { id: "line-gloves", itemId: "gloves", quantity: 10, receivedQuantity: 0 },
    { id: "line-masks", itemId: "masks", quantity: 4, receivedQuantity: 0 },
  ],
  ...over,
});

const gloves = (accepted: number, damaged = 0): ReceiptLineInput => ({ orderItemId: "line-gloves", itemId: "gloves", accepted, damaged });
const masks = (accepted: number, damaged = 0): ReceiptLineInput => ({ orderItemId: "line-masks", itemId: "masks", accepted, damaged });

function judge(over: Partial<ReceiptInput>) {
  return judgeReceipt({ order: order(), lines: [], tolerancePercent: 10, ...over });
}

function refusal(j: ReturnType<typeof judgeReceipt>): { code: string; message: string; details?: Record<string, unknown> } {
  if (j.outcome !== "REFUSED") throw new Error(`expected a refusal, got ${j.outcome}`);
  return { code: j.error.code, message: j.error.message, details: j.error.details };
}

describe("receiving against an order", () => {
  it("partial receipt: some lines under → PARTIALLY_RECEIVED", () => {
    const j = judge({ lines: [gloves(4)] });
    expect(j).toMatchObject({ outcome: "APPLIED", progress: "PARTIAL", status: "PARTIALLY_RECEIVED" });
    if (j.outcome === "REFUSED") return;
    expect(j.lines.map((l) => [l.orderItemId, l.kind, l.receivedAfter])).toEqual([
      ["line-gloves", "UNDER", 4],
      ["line-masks", "UNDER", 0],
    ]);
  });

  it("complete receipt: every line exact → RECEIVED", () => {
    expect(judge({ lines: [gloves(10), masks(4)] })).toMatchObject({ outcome: "APPLIED", progress: "COMPLETE", status: "RECEIVED" });
  });

  it("the rest of a partly received order completes it", () => {
    const o = order({ status: "PARTIALLY_RECEIVED", lines: [{ id: "line-gloves", itemId: "gloves", quantity: 10, receivedQuantity: 4 }] });
    expect(judge({ order: o, lines: [gloves(6)] })).toMatchObject({ outcome: "APPLIED", status: "RECEIVED" });
  });

  it("under-receipt of every line leaves the order partly received, never RECEIVED", () => {
    expect(judge({ lines: [gloves(9), masks(3)] })).toMatchObject({ progress: "PARTIAL", status: "PARTIALLY_RECEIVED" });
  });

  it("several lots of one line add up: 6 + 4 = 10", () => {
    const j = judge({ lines: [gloves(6), gloves(4), masks(4)] });
    expect(j).toMatchObject({ outcome: "APPLIED", status: "RECEIVED" });
  });

  it("over-receipt within tolerance with a reason is applied and keeps the reason", () => {
    const j = judge({ lines: [gloves(11), masks(4)], overReceiptReason: "  Supplier sent a spare box " });
    expect(j).toMatchObject({ outcome: "APPLIED", status: "RECEIVED", overReceiptReason: "Supplier sent a spare box" });
  });

  it("over-receipt within tolerance without a reason is refused, naming the line", () => {
    expect(refusal(judge({ lines: [gloves(11)], overReceiptReason: "  " }))).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "overReceiptReason", orderItemIds: ["line-gloves"] },
    });
  });

  it("over-receipt beyond tolerance is refused with OVER_RECEIPT, even with a reason", () => {
    const r = refusal(judge({ lines: [gloves(12)], overReceiptReason: "extra" }));
    expect(r.code).toBe("OVER_RECEIPT");
    expect(r.message).toBe(
      "Ordered 10, already received 0; this receipt adds 12, past the 10 % tolerance (at most 11). Nothing was applied: lower the quantity, or receive the extra without the order.",
    );
    expect(new DomainError("OVER_RECEIPT", "").status).toBe(422);
  });

  it("damaged packs are recorded, never stocked, and do not count as received", () => {
    const j = judge({ lines: [gloves(8, 2), masks(0, 4)] });
    expect(j).toMatchObject({ outcome: "APPLIED", progress: "PARTIAL", status: "PARTIALLY_RECEIVED" });
    if (j.outcome === "REFUSED") return;
    expect(j.stockLines).toEqual([gloves(8, 2)]);
    expect(j.damagedLines).toEqual([gloves(8, 2), masks(0, 4)]);
    expect(j.lines.find((l) => l.orderItemId === "line-masks")).toMatchObject({ damaged: 4, receivedAfter: 0 });
  });

  it("a delivery of nothing but damaged packs leaves a sent order sent", () => {
    expect(judge({ lines: [gloves(0, 10)] })).toMatchObject({ outcome: "APPLIED", progress: "NONE", status: "SENT" });
  });

  it("damaged packs beyond the ordered quantity are not an over-receipt", () => {
    expect(judge({ lines: [gloves(10, 5), masks(4)] })).toMatchObject({ outcome: "APPLIED", status: "RECEIVED" });
  });

  it("an item nobody ordered on the delivery goes into stock without touching the order", () => {
    const j = judge({ lines: [gloves(10), masks(4), { orderItemId: null, itemId: "swabs", accepted: 3, damaged: 0 }] });
    expect(j).toMatchObject({ outcome: "APPLIED", status: "RECEIVED" });
    if (j.outcome !== "REFUSED") expect(j.stockLines.map((l) => l.itemId)).toEqual(["gloves", "masks", "swabs"]);
  });

  it("a draft or a cancelled order cannot be received against (ORDER_STATE)", () => {
    expect(refusal(judge({ order: order({ status: "DRAFT" }), lines: [gloves(1)] })).code).toBe("ORDER_STATE");
    expect(refusal(judge({ order: order({ status: "CANCELLED" }), lines: [gloves(1)] })).code).toBe("ORDER_STATE");
  });

  it("a late delivery within tolerance on a closed-short order is recorded and the order stays RECEIVED", () => {
    const closed = order({ status: "RECEIVED", lines: [{ id: "line-gloves", itemId: "gloves", quantity: 10, receivedQuantity: 4 }] });
    expect(judge({ order: closed, lines: [gloves(3)] })).toMatchObject({ outcome: "APPLIED", status: "RECEIVED" });
  });

  it("malformed receipts are refused as invalid input", () => {
    expect(refusal(judge({ lines: [] })).code).toBe("VALIDATION_FAILED");
    expect(refusal(judge({ lines: [gloves(-1)] })).details).toEqual({ line: 0, field: "accepted" });
    expect(refusal(judge({ lines: [gloves(1.5)] })).details).toEqual({ line: 0, field: "accepted" });
    expect(refusal(judge({ lines: [gloves(0, 0)] })).details).toEqual({ line: 0 });
    expect(refusal(judge({ lines: [{ orderItemId: "elsewhere", itemId: "gloves", accepted: 1, damaged: 0 }] })).details).toEqual({
      line: 0,
      field: "orderItemId",
    });
    expect(refusal(judge({ lines: [{ orderItemId: "line-gloves", itemId: "masks", accepted: 1, damaged: 0 }] })).details).toEqual({
      line: 0,
      field: "itemId",
    });
    expect(refusal(judge({ order: null, lines: [gloves(1)] })).details).toEqual({ line: 0, field: "orderItemId" });
  });
});

describe("receiving without an order", () => {
  it("applies every line, has no progress and no status", () => {
    const j = judgeReceipt({ order: null, tolerancePercent: 10, lines: [{ orderItemId: null, itemId: "swabs", accepted: 5, damaged: 1 }] });
    expect(j).toMatchObject({ outcome: "APPLIED", progress: null, status: null, lines: [] });
  });
});

describe("two devices receiving one order (the later receipt judged on the server's current figures)", () => {
  // Device A received 6 gloves and synced; device B, offline, saw 0 received and took its own receipt.
  const afterA = order({
    status: "PARTIALLY_RECEIVED",
    lines: [{ id: "line-gloves", itemId: "gloves", quantity: 10, receivedQuantity: 6 }],
  });
  const seenByB = { "line-gloves": 0 };

  it("applied: B's 4 complete the line exactly, A's 6 are kept", () => {
    const j = judge({ order: afterA, seenReceived: seenByB, lines: [gloves(4)] });
    expect(j).toMatchObject({ outcome: "APPLIED", status: "RECEIVED", conflictReason: null });
    if (j.outcome !== "REFUSED") expect(j.lines[0]).toMatchObject({ receivedBefore: 6, receivedAfter: 10, concurrent: false });
  });

  it("conflict: B's 5 take the line to 11, within 10 % — applied with a generated reason, none asked of B", () => {
    const j = judge({ order: afterA, seenReceived: seenByB, lines: [gloves(5)] });
    expect(j).toMatchObject({ outcome: "CONFLICT", status: "RECEIVED", overReceiptReason: null });
    if (j.outcome === "REFUSED") return;
    expect(j.lines[0]).toMatchObject({ receivedBefore: 6, seenBefore: 0, receivedAfter: 11, kind: "OVER", concurrent: true });
    expect(j.conflictReason).toBe(
      "ordered 10, 6 received on another device meanwhile, this receipt adds 5: 11 received (within the 10 % tolerance)",
    );
  });

  it("refused: B's 10 would take the line to 16 — OVER_RECEIPT, and A's 6 stay as they are", () => {
    const j = judge({ order: afterA, seenReceived: seenByB, lines: [gloves(10)] });
    const r = refusal(j);
    expect(r.code).toBe("OVER_RECEIPT");
    expect(r.message).toContain("already received 6 (6 of them on another device since this one last synced); this receipt adds 10");
    expect(j.lines[0]).toMatchObject({ receivedBefore: 6, receivedAfter: 16, kind: "BEYOND" });
    expect(afterA.lines[0]?.receivedQuantity).toBe(6);
  });

  it("B saw its own over-receipt (it had synced A's 6): a reason is required, not a conflict", () => {
    const j = judge({ order: afterA, seenReceived: { "line-gloves": 6 }, lines: [gloves(5)] });
    expect(refusal(j).code).toBe("VALIDATION_FAILED");
    expect(judge({ order: afterA, seenReceived: { "line-gloves": 6 }, lines: [gloves(5)], overReceiptReason: "spare" })).toMatchObject({
      outcome: "APPLIED",
    });
  });

  it("a second full receipt after the first completed the line is refused, not doubled", () => {
    const first = assertReceiptApplies({ order: order(), tolerancePercent: 10, lines: [gloves(10)] });
    const now = order({
      status: first.status!,
      lines: first.lines.map((l) => ({ id: l.orderItemId, itemId: l.itemId, quantity: l.ordered, receivedQuantity: l.receivedAfter })),
    });
    expect(() =>
      assertReceiptApplies({ order: now, seenReceived: { "line-gloves": 0 }, tolerancePercent: 10, lines: [gloves(10)] }),
    ).toThrow(expect.objectContaining({ code: "OVER_RECEIPT" }));
  });
});
