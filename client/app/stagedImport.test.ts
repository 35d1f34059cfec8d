import { describe, expect, it, vi } from "vitest";
import { stagedImporter } from "./stagedImport.js";

/** Stands in for the timer: each call waits until the test lets the next task run. */
function tasks() {
  const waiting: Array<() => void> = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    later: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async runNext() {
      for (const resolve of waiting.splice(0)) resolve();
      await settle();
    },
  };
}

describe("stagedImporter", () => {
  it("imports `first` once, in a task of its own, and every import in a later task", async () => {
    const order: string[] = [];
    const t = tasks();
    const first = vi.fn(async () => void order.push("first"));
    const staged = stagedImporter(first, t.later);
    const a = staged(async () => (order.push("a"), "A"));
    const b = staged(async () => (order.push("b"), "B"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(order).toEqual([]); // nothing in the caller's task
    await t.runNext();
    expect(order).toEqual(["first"]); // `first` alone in its task
    await t.runNext();
    expect(await Promise.all([a, b])).toEqual(["A", "B"]);
    expect(order).toEqual(["first", "a", "b"]);
    expect(first).toHaveBeenCalledTimes(1);
  });

  it("tries a failed `first` again on the next import, and still imports", async () => {
    let fail = true;
    const t = tasks();
    const first = vi.fn(async () => {
      if (fail) throw new Error("offline");
    });
    const staged = stagedImporter(first, t.later);
    const a = staged(async () => "A");
    await t.runNext();
    await t.runNext();
    expect(await a).toBe("A");
    fail = false;
    const b = staged(async () => "B");
    await t.runNext();
    await t.runNext();
    expect(await b).toBe("B");
    expect(first).toHaveBeenCalledTimes(2);
  });
});
