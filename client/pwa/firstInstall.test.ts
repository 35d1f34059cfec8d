import { describe, expect, it, vi } from "vitest";
import { firstInstallGate } from "./firstInstall.js";

const WAITS = { afterMs: 15_000, settleMs: 3_000, atMostMs: 120_000 };

/** Timers the test fires by hand, by their delay. */
function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number }> = [];
  return {
    set: (fn: () => void, ms: number) => void pending.push({ fn, ms }),
    fire(ms: number) {
      const due = pending.filter((t) => t.ms === ms);
      pending.splice(0, pending.length, ...pending.filter((t) => t.ms !== ms));
      for (const t of due) t.fn();
    },
  };
}

/** A gate over hand-fired timers, and the install it calls. */
function gateUnderTest() {
  const install = vi.fn();
  const timers = manualTimers();
  return { install, timers, gate: firstInstallGate(install, WAITS, timers.set) };
}

describe("firstInstallGate", () => {
  it("installs a while after the first sync is done, not while it runs, and only once", () => {
    const { install, timers, gate } = gateUnderTest();
    const release = gate.hold();
    timers.fire(WAITS.afterMs); // the fallback comes due mid-sync: still held
    expect(install).not.toHaveBeenCalled();
    release();
    release();
    expect(install).not.toHaveBeenCalled(); // the screens re-read the new replica first
    timers.fire(WAITS.settleMs);
    expect(install).toHaveBeenCalledTimes(1);
    gate.hold()(); // a later sync (another practice) changes nothing
    timers.fire(WAITS.settleMs);
    expect(install).toHaveBeenCalledTimes(1);
  });

  it("waits for every sync under way", () => {
    const { install, timers, gate } = gateUnderTest();
    const first = gate.hold();
    const second = gate.hold();
    first();
    timers.fire(WAITS.settleMs);
    expect(install).not.toHaveBeenCalled();
    second();
    timers.fire(WAITS.settleMs);
    expect(install).toHaveBeenCalledTimes(1);
  });

  it("installs after the wait on a device nobody signs in to", () => {
    const { install, timers } = gateUnderTest();
    expect(install).not.toHaveBeenCalled();
    timers.fire(WAITS.afterMs);
    expect(install).toHaveBeenCalledTimes(1);
  });

  it("installs at the latest after the longest wait, even while a sync still holds it", () => {
    const { install, timers, gate } = gateUnderTest();
    const release = gate.hold(); // a request that never answers
    timers.fire(WAITS.afterMs);
    expect(install).not.toHaveBeenCalled();
    timers.fire(WAITS.atMostMs);
    expect(install).toHaveBeenCalledTimes(1);
    release();
    timers.fire(WAITS.settleMs);
    expect(install).toHaveBeenCalledTimes(1);
  });
});
