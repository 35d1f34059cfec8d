import { describe, expect, it } from "vitest";
import type { SyncEngineState } from "../../sync/engine.js";
import { whenIdle } from "./PracticeSwitcher.js";

/** A stand-in engine whose state the test moves. */
function fakeEngine(initial: Pick<SyncEngineState, "pushing" | "pulling">) {
  let state = { blocked: null, lastError: null, retryAt: null, ...initial } as SyncEngineState;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    set(next: Partial<SyncEngineState>) {
      state = { ...state, ...next };
      for (const l of [...listeners]) l();
    },
    listeners,
  };
}

describe("whenIdle (before a practice switch)", () => {
  it("resolves at once when nothing is in flight", async () => {
    await expect(whenIdle(fakeEngine({ pushing: false, pulling: false }))).resolves.toBeUndefined();
  });

  it("waits for the push and the pull in flight, then unsubscribes", async () => {
    const engine = fakeEngine({ pushing: true, pulling: true });
    let idle = false;
    const waiting = whenIdle(engine).then(() => (idle = true));
    engine.set({ pushing: false });
    await Promise.resolve();
    expect(idle).toBe(false);
    engine.set({ pulling: false });
    await waiting;
    expect(idle).toBe(true);
    expect(engine.listeners.size).toBe(0);
  });
});
