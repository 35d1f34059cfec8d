import { describe, expect, it } from "vitest";
import { MUTATION_NAMES } from "../../../shared/mutations/index.js";
import { describeMutation } from "./describeMutation.js";

describe("describeMutation", () => {
  it("has a human name for every mutation the app can queue", () => {
    for (const name of MUTATION_NAMES) expect(describeMutation(name, {})).not.toBe(name);
  });
  it("includes the useful detail", () => {
    expect(describeMutation("stock.adjust", { quantity: 3 })).toBe("Stock adjustment +3");
    expect(describeMutation("member.invite", { email: "a@b.test" })).toBe("Invite a@b.test");
  });
});
