import { describe, expect, it } from "vitest";
import { createWedgeDetector } from "./wedge.js";

/** Types `text` then `end`, `gap` ms apart, starting at `start`; returns what the detector emitted. */
function type(detector: ReturnType<typeof createWedgeDetector>, text: string, gap: number, end = "Enter", start = 1000): (string | null)[] {
  const out: (string | null)[] = [];
  let at = start;
  for (const key of [...text, end]) {
    out.push(detector.feed({ key, at }));
    at += gap;
  }
  return out.filter((x) => x !== null);
}

describe("keyboard-wedge scanner detection", () => {
  it("recognises a burst at scanner speed ended by Enter", () => {
    expect(type(createWedgeDetector(), "0105060001001023", 5)).toEqual(["0105060001001023"]);
  });

  it("recognises Tab as a terminator", () => {
    expect(type(createWedgeDetector(), "ABC12345", 8, "Tab")).toEqual(["ABC12345"]);
  });

  it("ignores a person typing the same text", () => {
    expect(type(createWedgeDetector(), "0105060001001023", 120)).toEqual([]);
  });

  it("ignores bursts shorter than the minimum", () => {
    expect(type(createWedgeDetector(), "12345", 5)).toEqual([]);
  });

  it("a slow start does not spoil a fast burst that follows", () => {
    const d = createWedgeDetector();
    d.feed({ key: "x", at: 0 });
    d.feed({ key: "y", at: 200 });
    expect(type(d, "L2605A17", 4, "Enter", 900)).toEqual(["L2605A17"]);
  });

  it("keeps Shift between characters (upper-case letters) inside the burst", () => {
    const d = createWedgeDetector();
    const keys = ["Shift", "A", "1", "Shift", "B", "2", "3", "4", "Enter"];
    const out = keys.map((key, i) => d.feed({ key, at: 100 + i * 3 }));
    expect(out.at(-1)).toBe("A1B234");
  });

  it("tolerates a few late keys inside a burst (Bluetooth jitter, a busy device)", () => {
    // Gaps as seen from a keyboard typing at 5 ms on a loaded machine: the first keys came late.
    const gaps = [0, 77, 187, 258, 9, 26, 25, 26, 13, 43, 40, 25, 55, 49, 22, 12, 22, 30, 25, 14, 7, 8, 16, 13];
    const d = createWedgeDetector();
    let at = 1000;
    const text = "]d2010506000010060172801";
    for (const [i, key] of [...text].entries()) d.feed({ key, at: (at += gaps[i]!) });
    expect(d.feed({ key: "Enter", at: at + 9 })).toBe(text);
  });

  it("a person typing fast (60 ms a key) with one quick pair is still a person", () => {
    const d = createWedgeDetector();
    const gaps = [0, 60, 10, 65, 70, 58, 62, 75];
    let at = 0;
    for (const [i, key] of [..."ABCDEFGH"].entries()) d.feed({ key, at: (at += gaps[i]!) });
    expect(d.feed({ key: "Enter", at: at + 20 })).toBeNull();
  });

  it("a long pause before Enter is a person confirming, not a scanner", () => {
    const d = createWedgeDetector();
    for (const [i, key] of [..."ABCDEFG"].entries()) d.feed({ key, at: i * 5 });
    expect(d.feed({ key: "Enter", at: 500 })).toBeNull();
  });
});
