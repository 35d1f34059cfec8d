import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMultiline } from "./escape.js";

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
  });
  it("escapes an already escaped string again (no double-decoding tricks)", () => {
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
  it("leaves ordinary text, including non-ASCII, alone", () => {
    expect(escapeHtml("Café — £5 each")).toBe("Café — £5 each");
  });
  it("keeps line breaks as <br> in multi-line text", () => {
    expect(escapeMultiline("a < b\r\nc & d")).toBe("a &lt; b<br>\nc &amp; d");
  });
});
