import { describe, expect, it } from "vitest";
import { createDeduper } from "./dedupe.js";

describe("scan de-duplication", () => {
  it("counts the same text once within the window, again after it", () => {
    const d = createDeduper(1500);
    expect(d.accept("A", 0)).toBe(true);
    expect(d.accept("A", 200)).toBe(false);
    expect(d.accept("A", 1600)).toBe(false); // seen at 200: still within 1.5 s of the last sighting
    expect(d.accept("A", 3200)).toBe(true);
  });

  it("lets a different code through at once", () => {
    const d = createDeduper(1500);
    expect(d.accept("A", 0)).toBe(true);
    expect(d.accept("B", 10)).toBe(true);
    expect(d.accept("A", 20)).toBe(false);
  });

  it("reset forgets what was seen", () => {
    const d = createDeduper(1500);
    d.accept("A", 0);
    d.reset();
    expect(d.accept("A", 10)).toBe(true);
  });
});
