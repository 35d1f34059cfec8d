import { describe, expect, it } from "vitest";
import { isStorableText, safeText, UNSTORABLE_TEXT_MESSAGE } from "./text.js";
import { INT32_MAX, INT32_MIN, int32, safeInt } from "./numbers.js";

describe("safeText", () => {
  it.each(["", "plain", "Zürich", "emoji 😀 pairs", "\ud83d\ude00", "tab\tand\nnewline", "\u0001\u007f"])("accepts %j", (s) => {
    expect(isStorableText(s)).toBe(true);
    expect(safeText().parse(s)).toBe(s);
  });

  it.each(["\u0000", "a\u0000b", "\ud800", "\udfff", "a\ud800b", "\udc00\ud800", "\ud83d", "x\ude00", "\ud83d\ude00\ud83d"])(
    "refuses %j with the stable message",
    (s) => {
      expect(isStorableText(s)).toBe(false);
      const r = safeText().safeParse(s);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(UNSTORABLE_TEXT_MESSAGE);
    },
  );

  it("runs before the field's own transforms and limits", () => {
    const schema = safeText().trim().min(1).max(5);
    expect(schema.parse("  ab  ")).toBe("ab");
    expect(schema.safeParse(" \u0000 ").success).toBe(false);
  });
});

describe("bounded integers", () => {
  it("int32 holds exactly what an integer column holds", () => {
    expect(int32().parse(INT32_MAX)).toBe(INT32_MAX);
    expect(int32().parse(INT32_MIN)).toBe(INT32_MIN);
    for (const n of [INT32_MAX + 1, INT32_MIN - 1, 2 ** 53, 1.5]) expect(int32().safeParse(n).success).toBe(false);
  });

  it("safeInt stops at the largest exact JavaScript integer", () => {
    expect(safeInt().parse(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(safeInt().safeParse(2 ** 53).success).toBe(false);
  });
});
