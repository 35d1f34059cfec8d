/**
 * In the page (serialised by playwright: self-contained): where the push loop spent an import, from the
 * page's Resource Timing entries of the sync requests. "In requests" is the time a push was on the wire or
 * in the server; "between" is the time the loop spent on the device between one push's answer and the
 * next push (recording the answer, reading the next batch, waiting behind queueing transactions).
 * Says whether the server waits on the client or the client on the server.
 */
export function startSyncRequestLog(): void {
  (globalThis as { syncLogStart?: number }).syncLogStart = performance.now();
  performance.clearResourceTimings();
  // The default buffer keeps 250 entries: a 10,000-row import makes more requests than that with its pulls.
  performance.setResourceTimingBufferSize(100_000);
}

export interface SyncRequestSummary {
  pushes: number;
  pushMs: number;
  betweenPushesMs: number;
  firstPushAtMs: number;
  pulls: number;
  pullMs: number;
}

export function syncRequestSummary(): SyncRequestSummary {
  const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const pushes = entries.filter((e) => e.name.includes("/api/sync/push")).sort((a, b) => a.startTime - b.startTime);
  const pulls = entries.filter((e) => e.name.includes("/api/sync/pull"));
  let between = 0;
  for (let i = 1; i < pushes.length; i++) between += Math.max(0, pushes[i]!.startTime - pushes[i - 1]!.responseEnd);
  const sum = (list: PerformanceResourceTiming[]) => list.reduce((s, e) => s + e.duration, 0);
  const origin = (globalThis as { syncLogStart?: number }).syncLogStart ?? 0;
  return {
    pushes: pushes.length,
    pushMs: sum(pushes),
    betweenPushesMs: between,
    firstPushAtMs: pushes.length ? pushes[0]!.startTime - origin : 0,
    pulls: pulls.length,
    pullMs: sum(pulls),
  };
}
