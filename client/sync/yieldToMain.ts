/**
 * Lets the browser run input and rendering before the caller goes on: long synchronous work (validating
 * a 2,000-row pull page) split by these calls stays under the 50 ms that counts as a long task per piece. `scheduler.yield()` where the browser has it (its continuation runs
 * before other queued tasks); else a MessageChannel message, which, unlike setTimeout, a background tab
 * does not throttle to once a second (an initial sync keeps its speed while the tab is hidden).
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Maps `list` in slices of `size`, yielding to the browser between slices. */
export async function mapInSlices<T, R>(list: readonly T[], size: number, fn: (item: T) => R): Promise<R[]> {
  const out: R[] = new Array<R>(list.length);
  for (let start = 0; start < list.length; start += size) {
    if (start > 0) await yieldToMain();
    const end = Math.min(list.length, start + size);
    for (let i = start; i < end; i++) out[i] = fn(list[i]!);
  }
  return out;
}
