import { describe, expect, it } from "vitest";
import { mapInSlices } from "./yieldToMain.js";

describe("mapInSlices", () => {
  it("maps every item in order and lets other tasks run between slices, not within one", async () => {
    const seen: string[] = [];
    // A task queued before the work starts: it must get its turn after the first slice, not at the end.
    setTimeout(() => seen.push("other task"), 0);
    const out = await mapInSlices([1, 2, 3, 4, 5], 2, (n) => {
      // The first item takes 5 ms, so the timer is due by the first yield.
      const until = Date.now() + (n === 1 ? 5 : 0);
      while (Date.now() < until);
      seen.push(`item ${n}`);
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(seen.indexOf("other task")).toBeGreaterThan(seen.indexOf("item 2"));
    expect(seen.indexOf("other task")).toBeLessThan(seen.indexOf("item 5"));
    expect(seen.filter((s) => s.startsWith("item"))).toEqual(["item 1", "item 2", "item 3", "item 4", "item 5"]);
  });

  it("throws what the mapping throws, and maps nothing after it", async () => {
    const mapped: number[] = [];
    const fail = mapInSlices([1, 2, 3, 4], 2, (n) => {
      if (n === 3) throw new Error("bad row 3");
      mapped.push(n);
      return n;
    });
    await expect(fail).rejects.toThrow("bad row 3");
    expect(mapped).toEqual([1, 2]);
  });
});
