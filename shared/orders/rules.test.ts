import { describe, expect, it } from "vitest";
import { orderNumberLabel } from "./rules.js";

describe("orderNumberLabel", () => {
  it("shows a draft until the server has numbered the order", () => {
    expect(orderNumberLabel(null)).toBe("draft");
  });

  it("pads the practice's number to four digits and keeps longer ones whole", () => {
    expect(orderNumberLabel(42)).toBe("PO-0042");
    expect(orderNumberLabel(12345)).toBe("PO-12345");
  });
});
