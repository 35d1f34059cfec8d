import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, safeHref, subjectLine, wrapLine, wrapText } from "./layout.js";

describe("text wrapping", () => {
  it("wraps at 72 columns on word boundaries", () => {
    const line = "word ".repeat(40).trim();
    const wrapped = wrapLine(line).split("\n");
    expect(wrapped.length).toBeGreaterThan(1);
    for (const l of wrapped) expect(l.length).toBeLessThanOrEqual(72);
    expect(wrapped.join(" ")).toBe(line);
  });
  it("never breaks a long URL", () => {
    const url = `https://app.venzory.example/auth/magic?token=${"a".repeat(120)}`;
    expect(wrapLine(`Sign in here: ${url} now`)).toBe(`Sign in here:\n${url}\nnow`);
  });
  it("keeps the hanging indent of list items", () => {
    const out = wrapLine(`12. ${"long item name ".repeat(8).trim()}`, 40).split("\n");
    expect(out[0]?.startsWith("12. long")).toBe(true);
    for (const l of out.slice(1)) expect(l.startsWith("    ")).toBe(true);
  });
  it("keeps existing line breaks", () => {
    expect(wrapText("a\r\nb\n\nc")).toBe("a\nb\n\nc");
  });
});

describe("formatting helpers", () => {
  it("formats durations", () => {
    expect([1, 15, 60, 90, 120].map(formatDuration)).toEqual(["1 minute", "15 minutes", "1 hour", "90 minutes", "2 hours"]);
  });
  it("formats datetimes in UK time with the zone", () => {
    expect(formatDateTime("2026-01-05T17:00:00Z")).toBe("5 January 2026 at 17:00 GMT");
    expect(formatDateTime("2026-07-14T09:30:00Z")).toBe("14 July 2026 at 10:30 BST");
    expect(formatDateTime("2026-07-14T09:30:00+02:00")).toBe("14 July 2026 at 08:30 BST");
  });
  it("makes subjects one line", () => {
    expect(subjectLine(" a\r\nb\t c ")).toBe("a b c");
  });
  it("only lets http(s) links through, escaped for an attribute", () => {
    expect(safeHref("https://x.example/?a=1&b='2'")).toBe("https://x.example/?a=1&amp;b=&#39;2&#39;");
    expect(() => safeHref("javascript:alert(1)")).toThrow();
    expect(() => safeHref("data:text/html,hi")).toThrow();
    expect(() => safeHref("/relative")).toThrow();
  });
});
