export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

/**
 * Delay before retry number `attempt` (0-based): 1 s doubling up to 60 s, then up to 20% shaved off at
 * random so many tablets coming back online at once do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(nominal * (1 - 0.2 * random()));
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One retry timer whose delay grows with each consecutive failure (see backoffDelay). */
export class RetryTimer {
  private attempts = 0;
  private handle: unknown = undefined;
  /** When the scheduled retry fires (epoch ms), or null. */
  dueAt: number | null = null;

  constructor(
    private readonly timers: Timers = realTimers,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** Schedules `fn` after the next backoff delay (replacing any scheduled retry). */
  schedule(fn: () => void): void {
    this.cancel();
    const delay = backoffDelay(this.attempts++, this.random);
    this.dueAt = this.now() + delay;
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      this.dueAt = null;
      fn();
    }, delay);
  }

  /** Drops the scheduled retry, keeping the failure count. */
  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.dueAt = null;
  }

  /** A success (or a fresh start): the next failure waits 1 s again. */
  reset(): void {
    this.attempts = 0;
  }
}
