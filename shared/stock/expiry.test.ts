import { expiryAsPrinted } from "./expiry.js";
import { describe, expect, it } from "vitest";
import { daysUntil, expiryGroup, isExpired, isValidExpiry, parseExpiry, sortFefo } from "./expiry.js";
import { assertBatchChoice } from "./rules.js";
import { batchIdFor } from "./batch-id.js";

describe("parseExpiry (DD = 00)", () => {
  it("keeps what was given and resolves day 00 to the month's last day, leap years included", () => {
    expect(parseExpiry("2028-02-00")).toEqual({ raw: "2028-02-00", iso: "2028-02-29" });
    expect(parseExpiry("2027-02-00")).toEqual({ raw: "2027-02-00", iso: "2027-02-28" });
    expect(parseExpiry("2027-04-00")).toEqual({ raw: "2027-04-00", iso: "2027-04-30" });
    expect(parseExpiry("2027-04-15")).toEqual({ raw: "2027-04-15", iso: "2027-04-15" });
  });
  it.each(["2027-02-30", "2027-13-01", "27-01-01", "2027/01/01", ""])("refuses %j", (given) => {
    expect(isValidExpiry(given)).toBe(false);
    expect(() => parseExpiry(given)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});

describe("FEFO order", () => {
  it("puts the first expiry first, undated batches last, ties by lot", () => {
    const batches = [
      { lot: "C", expiryDate: null },
      { lot: "B2", expiryDate: "2027-05-31" },
      { lot: "A", expiryDate: "2028-01-01" },
      { lot: "B10", expiryDate: "2027-05-31" },
      { lot: "Z", expiryDate: "2026-12-01" },
    ];
    expect(sortFefo(batches).map((b) => b.lot)).toEqual(["Z", "B2", "B10", "A", "C"]);
  });
});

describe("expired and expiring soon", () => {
  const today = "2026-12-01";
  it("stock is good through its expiry day and expired the day after", () => {
    expect(isExpired("2026-12-01", today)).toBe(false);
    expect(isExpired("2026-11-30", today)).toBe(true);
    expect(isExpired(null, today)).toBe(false);
  });
  it("groups by 30/60/90 days within the horizon", () => {
    expect(daysUntil("2026-12-31", today)).toBe(30);
    expect(
      [today, "2026-12-31", "2027-01-01", "2027-01-30", "2027-03-01", "2027-03-02", "2026-11-30"].map((d) => expiryGroup(d, today, 90)),
    ).toEqual([30, 30, 60, 60, 90, null, null]);
    expect(expiryGroup("2027-01-10", today, 45)).toBe(45); // 40 days: the last group is the horizon itself
    expect(expiryGroup(null, today, 90)).toBeNull();
  });
});

describe("batch rule", () => {
  it("a batch-tracked item needs a batch; others need none", () => {
    expect(() => assertBatchChoice({ name: "Flu vaccine", batchTracked: true }, null)).toThrow(
      expect.objectContaining({ code: "BATCH_REQUIRED", message: expect.stringMatching(/Flu vaccine/) }),
    );
    expect(() => assertBatchChoice({ name: "Flu vaccine", batchTracked: true }, "b")).not.toThrow();
    expect(() => assertBatchChoice({ name: "Gauze", batchTracked: false }, null)).not.toThrow();
  });
});

describe("batchIdFor", () => {
  it("is the same UUID for the same item and lot (spaces aside) and differs otherwise", async () => {
    const item = "6f1c9a52-1f0e-4d6b-9b7e-1d2c3b4a5f60";
    const id = await batchIdFor(item, "LOT-1");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await batchIdFor(item, "  LOT-1 ")).toBe(id);
    expect(await batchIdFor(item, "LOT-2")).not.toBe(id);
    expect(await batchIdFor("7f1c9a52-1f0e-4d6b-9b7e-1d2c3b4a5f60", "LOT-1")).not.toBe(id);
  });
});

describe("expiryAsPrinted", () => {
  it("keeps a printed day 00 as the lot records it, and a real day as is", () => {
    expect(expiryAsPrinted({ iso: "2027-06-30", raw: "270600" })).toBe("2027-06-00");
    expect(expiryAsPrinted({ iso: "2028-01-31", raw: "280131" })).toBe("2028-01-31");
    expect(expiryAsPrinted(undefined)).toBeNull();
  });
});
