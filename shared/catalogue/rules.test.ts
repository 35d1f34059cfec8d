import { describe, expect, it } from "vitest";
import { assertItemActive } from "./rules.js";

describe("assertItemActive (client apply and server mutators alike)", () => {
  it("passes an active item through and refuses a missing or archived one with one message", () => {
    const gloves = { id: "g", name: "Gloves", archived: false };
    expect(assertItemActive(gloves)).toBe(gloves);
    expect(() => assertItemActive(null)).toThrow(expect.objectContaining({ code: "NOT_FOUND", message: "Item not found." }));
    expect(() => assertItemActive({ ...gloves, archived: true })).toThrow(expect.objectContaining({ code: "ITEM_ARCHIVED", message: 'Item "Gloves" is archived.' }));
  });
});
