import type { Timers } from "../sync/engine.js";

/** Manual timers for engine tests: nothing runs until the test says so. */
export function manualTimers(): Timers & { pending(): number[]; runAll(): void } {
  let next = 1;
  const queue = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimeout(fn, ms) {
      const id = next++;
      queue.set(id, { fn, ms });
      return id;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
    /** Delays of the scheduled timers. */
    pending: () => [...queue.values()].map((t) => t.ms),
    runAll() {
      const due = [...queue.values()];
      queue.clear();
      for (const t of due) t.fn();
    },
  };
}
