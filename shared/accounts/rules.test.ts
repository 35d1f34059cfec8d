import { describe, expect, it } from "vitest";
import { assertKeepsAnAdmin } from "./rules.js";

describe("last admin rule", () => {
  it("refuses demoting or removing the only admin", () => {
    expect(() => assertKeepsAnAdmin("ADMIN", { kind: "role", to: "STAFF" }, 1)).toThrow(/last admin/);
    expect(() => assertKeepsAnAdmin("ADMIN", { kind: "leave" }, 1)).toThrow(/last admin/);
  });
  it("allows it when another admin remains, and never restricts other roles", () => {
    expect(() => assertKeepsAnAdmin("ADMIN", { kind: "role", to: "VIEWER" }, 2)).not.toThrow();
    expect(() => assertKeepsAnAdmin("ADMIN", { kind: "role", to: "ADMIN" }, 1)).not.toThrow();
    expect(() => assertKeepsAnAdmin("STAFF", { kind: "leave" }, 0)).not.toThrow();
  });
});
