import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

describe("backoffDelay", () => {
  it("doubles from 1 s and caps at 60 s", () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });

  it("jitters downwards by at most 20%", () => {
    expect(backoffDelay(0, () => 1)).toBe(800);
    expect(backoffDelay(10, () => 0.5)).toBe(54000);
  });
});
