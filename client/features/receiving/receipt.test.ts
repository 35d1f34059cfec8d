import { describe, expect, it } from "vitest";
import { applyScan, linesToPost, type DraftLine, type ScanContext } from "./receipt.js";

const ITEM = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function ctx(lastLineId: string | null = null, orderItem: string | null = null): ScanContext {
  let n = 0;
  return { orderItemFor: (itemId) => (itemId === ITEM ? orderItem : null), newId: () => `line-${++n}`, lastLineId };
}

describe("applyScan", () => {
  it("a first scan starts a line of one pack with the scanned lot and expiry, on the order line of its item", () => {
    const r = applyScan([], { itemId: ITEM, lot: " L1 ", expiry: "2027-06-00" }, ctx(null, "oi-1"));
    expect(r.outcome).toEqual({ kind: "new-line", lineId: "line-1" });
    expect(r.lines).toEqual([
      expect.objectContaining({ itemId: ITEM, orderItemId: "oi-1", lot: "L1", expiry: "2027-06-00", accepted: 1, damaged: 0 }),
    ]);
  });

  it("a second scan of the same item and lot adds one pack; another lot starts another line", () => {
    const first = applyScan([], { itemId: ITEM, lot: "L1" }, ctx());
    const second = applyScan(first.lines, { itemId: ITEM, lot: "L1" }, ctx("line-1"));
    expect(second.outcome).toEqual({ kind: "added", lineId: "line-1" });
    expect(second.lines[0]!.accepted).toBe(2);
    const third = applyScan(second.lines, { itemId: ITEM, lot: "L2" }, { ...ctx("line-1"), newId: () => "line-9" });
    expect(third.outcome.kind).toBe("new-line");
    expect(third.lines.map((l) => [l.lot, l.accepted])).toEqual([
      ["L1", 2],
      ["L2", 1],
    ]);
  });

  it("the same serial scanned twice is one pack", () => {
    const first = applyScan([], { itemId: ITEM, lot: "L1", serial: "S1" }, ctx());
    const again = applyScan(first.lines, { itemId: ITEM, lot: "L1", serial: "S1" }, ctx("line-1"));
    expect(again.outcome.kind).toBe("same-pack");
    expect(again.lines[0]!.accepted).toBe(1);
    const next = applyScan(first.lines, { itemId: ITEM, lot: "L1", serial: "S2" }, ctx("line-1"));
    expect(next.lines[0]).toMatchObject({ accepted: 2, serials: ["S1", "S2"] });
  });

  it("a lot-only code completes the pack scanned just before and never blanks what it had", () => {
    const gtinOnly = applyScan([], { itemId: ITEM }, ctx());
    const lot = applyScan(gtinOnly.lines, { itemId: null, lot: "L7", expiry: "2027-01-31" }, ctx("line-1"));
    expect(lot.outcome).toEqual({ kind: "completed", lineId: "line-1" });
    expect(lot.lines[0]).toMatchObject({ lot: "L7", expiry: "2027-01-31", accepted: 1 });
    const expiryOnly = applyScan(lot.lines, { itemId: null, expiry: "2030-01-01" }, ctx("line-1"));
    expect(expiryOnly.lines[0]).toMatchObject({ lot: "L7", expiry: "2027-01-31" });
  });

  it("a lot-only code after several lot-less packs takes one pack off into a line of its own", () => {
    let lines: DraftLine[] = applyScan([], { itemId: ITEM }, ctx()).lines;
    lines = applyScan(lines, { itemId: ITEM }, ctx("line-1")).lines;
    const r = applyScan(lines, { itemId: null, lot: "L7" }, { ...ctx("line-1"), newId: () => "line-2" });
    expect(r.lines.map((l) => [l.lot, l.accepted])).toEqual([
      ["", 1],
      ["L7", 1],
    ]);
  });

  it("a lot-only code with nothing scanned before, or contradicting the last pack's lot, names no product", () => {
    expect(applyScan([], { itemId: null, lot: "L1" }, ctx()).outcome.kind).toBe("no-product");
    const first = applyScan([], { itemId: OTHER, lot: "L1" }, ctx());
    expect(applyScan(first.lines, { itemId: null, lot: "L2" }, ctx("line-1")).outcome.kind).toBe("no-product");
  });

  it("a pack without a lot joins the item's line scanned just before", () => {
    const first = applyScan([], { itemId: ITEM, lot: "L1" }, ctx());
    const r = applyScan(first.lines, { itemId: ITEM }, ctx("line-1"));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]!.accepted).toBe(2);
  });

  it("a pack without a lot joins the item's only line even after other items were scanned; with two lots it starts its own", () => {
    let lines = applyScan([], { itemId: ITEM, lot: "L1" }, ctx()).lines;
    lines = applyScan(lines, { itemId: OTHER, lot: "X" }, { ...ctx("line-1"), newId: () => "line-2" }).lines;
    const r = applyScan(lines, { itemId: ITEM }, ctx("line-2"));
    expect(r.outcome).toEqual({ kind: "added", lineId: "line-1" });
    lines = applyScan(lines, { itemId: ITEM, lot: "L2" }, { ...ctx("line-2"), newId: () => "line-3" }).lines;
    expect(applyScan(lines, { itemId: ITEM }, { ...ctx("line-2"), newId: () => "line-4" }).outcome).toEqual({
      kind: "new-line",
      lineId: "line-4",
    });
  });
});

describe("linesToPost", () => {
  it("leaves out lines taken down to nothing", () => {
    const lines = applyScan([], { itemId: ITEM }, ctx()).lines;
    expect(linesToPost([{ ...lines[0]!, accepted: 0 }])).toEqual([]);
    expect(linesToPost([{ ...lines[0]!, accepted: 0, damaged: 1 }])).toHaveLength(1);
  });
});
