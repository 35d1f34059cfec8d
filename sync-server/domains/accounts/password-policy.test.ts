import { describe, expect, it } from "vitest";
import { isCommonPassword, newPassword } from "./password-policy.js";

describe("password policy", () => {
  it("ships a list of common passwords and compares case-insensitively", () => {
    expect(isCommonPassword("password123")).toBe(true);
    expect(isCommonPassword("PASSWORD123")).toBe(true);
    expect(isCommonPassword("Liverpool2024")).toBe(true);
    expect(isCommonPassword("grey kettle walks at dawn")).toBe(false);
  });
  it("accepts 8 to 128 characters that are not common", () => {
    expect(newPassword.safeParse("seven77").success).toBe(false);
    expect(newPassword.safeParse("a".repeat(129)).success).toBe(false);
    expect(newPassword.safeParse("x9!k".repeat(32)).success).toBe(true);
    expect(newPassword.safeParse("qwerty123").success).toBe(false);
    expect(newPassword.safeParse("🦊🦊🦊🦊🦊🦊🦊🦊").success).toBe(true);
  });
});
