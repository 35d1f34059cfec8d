import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
/**
 * The three measurements, each against a running server over HTTP:
 *  - pushOffline: one client pushes a long offline outbox in batches of up to 500;
 *  - fullPull: a new replica pulls a whole practice page by page;
 *  - concurrentPush: N clients push single-mutation requests in a loop at the same time.
 */
import { MAX_PUSH_BATCH, type PushMutation } from "../shared/protocol/push.js";
import { offlineOutbox, rng, stockAdjust, type SeededPractice } from "./data.js";
import { BenchSyncClient, HttpClient } from "./http-client.js";
import type { RemoteInstance } from "./instances.js";
import { queriesSoFar } from "./query-count.js";
import { round, roundSummary, summarize, type Summary } from "./stats.js";

async function loggedIn(url: string, practice: SeededPractice): Promise<HttpClient> {
  const http = new HttpClient(url);
  await http.login(practice.email, practice.password);
  return http;
}

/**
 * Sends `outbox` as a real client would: batches of up to 500 from the first unconsumed seq; after a
 * `stopped` answer it resends from lastSeq + 1. Returns per-request timings and outcome counts.
 */
async function drainOutbox(client: BenchSyncClient, outbox: PushMutation[], batchSize: number) {
  const requestMs: number[] = [];
  let applied = 0;
  let rejected = 0;
  let stops = 0;
  let next = 0;
  while (next < outbox.length) {
    const batch = outbox.slice(next, next + batchSize);
    const { res, http } = await client.push(batch);
    requestMs.push(http.ms);
    for (const r of res.results) {
      if (r.status === "applied") applied++;
      else if (r.status === "rejected") rejected++;
    }
    if (res.stopped) {
      if (++stops > 20) throw new Error(`push keeps stopping: ${res.stopped.code} ${res.stopped.message}`);
    }
    const firstSeq = outbox[0]!.seq;
    next = res.lastSeq - firstSeq + 1;
  }
  return { requestMs, applied, rejected, stops };
}

export interface PushOfflineResult {
  mode: string;
  /** This process's CPU time (server + client share it) per mutation. */
  cpuMsPerMutation: number;
  /** SQL statements the server sent (BEGIN/COMMIT/savepoints included) per mutation. */
  queriesPerMutation: number;
  mutations: number;
  batchSize: number;
  requests: number;
  totalMs: number;
  mutationsPerSec: number;
  /** Each push request's duration; in per-batch mode this is also how long the practice's version lock is held. */
  requestMs: number[];
  applied: number;
  rejected: number;
  stops: number;
}

export async function pushOffline(
  url: string,
  mode: string,
  practice: SeededPractice,
  opts: { mutations: number; seed: number },
): Promise<PushOfflineResult> {
  const http = await loggedIn(url, practice);
  // Warm-up (not measured): another client of the practice pushes a small batch through the same paths.
  const warm = new BenchSyncClient(http);
  await drainOutbox(warm, offlineOutbox(warm, practice, 20, 10, opts.seed + 1000), MAX_PUSH_BATCH);

  const client = new BenchSyncClient(http);
  const outbox = offlineOutbox(client, practice, opts.mutations, 50, opts.seed);
  const cpu0 = process.cpuUsage();
  const q0 = queriesSoFar();
  const started = performance.now();
  const r = await drainOutbox(client, outbox, MAX_PUSH_BATCH);
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const queries = queriesSoFar() - q0;
  return {
    mode,
    cpuMsPerMutation: round((cpu.user + cpu.system) / 1000 / opts.mutations, 2),
    queriesPerMutation: round(queries / opts.mutations, 1),
    mutations: opts.mutations,
    batchSize: MAX_PUSH_BATCH,
    requests: r.requestMs.length,
    totalMs: round(totalMs),
    mutationsPerSec: round((opts.mutations / totalMs) * 1000),
    requestMs: r.requestMs.map((ms) => round(ms)),
    applied: r.applied,
    rejected: r.rejected,
    stops: r.stops,
  };
}

export interface InterferenceResult {
  mode: string;
  batch: number;
  batchMs: number;
  /** Single-mutation pushes by another client of the same practice while the batch was being applied. */
  otherRequests: number;
  otherLatencyMs: Summary;
}

/**
 * What a big offline batch does to the rest of the practice: client A pushes one batch of 500 while
 * client B (same practice) keeps pushing single mutations, 50 ms apart, until A is done.
 */
export async function pushInterference(url: string, mode: string, practice: SeededPractice, seed: number): Promise<InterferenceResult> {
  const http = await loggedIn(url, practice);
  const a = new BenchSyncClient(http);
  const b = new BenchSyncClient(http);
  const rand = rng(seed);
  await b.push([stockAdjust(b, practice, rand)]); // registers B
  const outbox = offlineOutbox(a, practice, MAX_PUSH_BATCH, 50, seed);
  let aDone = false;
  const started = performance.now();
  const aRun = drainOutbox(a, outbox, MAX_PUSH_BATCH).finally(() => (aDone = true));
  const latencies: number[] = [];
  while (!aDone) {
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    await b.push([stockAdjust(b, practice, rand)]);
    latencies.push(performance.now() - t);
  }
  await aRun;
  return {
    mode,
    batch: MAX_PUSH_BATCH,
    batchMs: round(performance.now() - started),
    otherRequests: latencies.length,
    otherLatencyMs: roundSummary(summarize(latencies)),
  };
}

export interface PullResult {
  pageSize: number;
  pages: number;
  rows: number;
  rowsByEntity: Record<string, number>;
  deletes: number;
  /** Bytes on the wire (the server gzips pull responses). */
  bytes: number;
  /** The same bodies as uncompressed JSON. */
  rawBytes: number;
  bytesPerRow: number;
  /** Sum of the pull requests' durations (request sent → whole body received). */
  serverMs: number;
  /** First request → last page parsed, including the client's JSON.parse of every page. */
  wallMs: number;
  parseMs: number;
  rowsPerSec: number;
  pageMs: Summary;
  finalCursor: number;
}

/** A fresh replica (new clientId) pulls everything from cursor 0 with `limit` rows per page. */
export async function fullPull(http: HttpClient, limit: number): Promise<PullResult> {
  const client = new BenchSyncClient(http);
  const pageMs: number[] = [];
  const rowsByEntity: Record<string, number> = {};
  let cursor = 0;
  let rows = 0;
  let deletes = 0;
  let bytes = 0;
  let rawBytes = 0;
  let parseMs = 0;
  const started = performance.now();
  for (;;) {
    const http = await client.pullRaw(cursor, limit);
    pageMs.push(http.ms);
    bytes += http.bytes;
    rawBytes += http.rawBytes;
    const t = performance.now();
    const page = BenchSyncClient.parsePull(http);
    parseMs += performance.now() - t;
    if (page.reset) throw new Error("pull answered reset for a fresh replica");
    for (const c of page.changes) rowsByEntity[c.entity] = (rowsByEntity[c.entity] ?? 0) + 1;
    rows += page.changes.length;
    deletes += page.deletes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const wallMs = performance.now() - started;
  const serverMs = pageMs.reduce((s, v) => s + v, 0);
  return {
    pageSize: limit,
    pages: pageMs.length,
    rows,
    rowsByEntity,
    deletes,
    bytes,
    rawBytes,
    bytesPerRow: round(bytes / Math.max(rows, 1)),
    serverMs: round(serverMs),
    wallMs: round(wallMs),
    parseMs: round(parseMs),
    rowsPerSec: round((rows / wallMs) * 1000, 0),
    pageMs: roundSummary(summarize(pageMs)),
    finalCursor: cursor,
  };
}

/** `runs` full pulls after one warm-up page. */
export async function pullRuns(url: string, practice: SeededPractice, limit: number, runs: number): Promise<PullResult[]> {
  const http = await loggedIn(url, practice);
  await new BenchSyncClient(http).pullRaw(0, limit); // warm-up
  const results: PullResult[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await fullPull(http, limit));
  }
  return results;
}

export interface ConcurrentResult {
  label: string;
  clients: number;
  practices: number;
  pushesPerClient: number;
  requests: number;
  applied: number;
  failed: number;
  wallMs: number;
  mutationsPerSec: number;
  cpuMsPerMutation: number;
  queriesPerMutation: number;
  latencyMs: Summary;
}

export interface ConcurrentOptions {
  clients: number;
  pushesPerClient: number;
  seed: number;
}

/** What the tablets saw: every request's latency and what was applied. */
export interface ClientsOutcome {
  latencies: number[];
  applied: number;
  failed: number;
  wallMs: number;
}

/**
 * The tablets of the concurrent scenario, signed in and warmed up; `run()` starts them together.
 * `clients` replicas spread round-robin over `practices`, each with its own session and clientId, push
 * one stock.adjust per request, `pushesPerClient` times in a row. Runs in its own process
 * (concurrent-clients.ts), as real tablets do: in the server's process their HTTP and JSON work would
 * queue on the server's event loop and count in its CPU.
 */
export async function prepareClients(urls: string[], label: string, practices: SeededPractice[], opts: ConcurrentOptions) {
  // Sign-ins one after another: they are set-up, not the measurement, and twenty password hashes at once
  // on two cores starve the sign-in limiter's Redis look-ups past their budget (fail-closed 503).
  const clients: { client: BenchSyncClient; practice: SeededPractice; rand: () => number }[] = [];
  for (let i = 0; i < opts.clients; i++) {
    const practice = practices[i % practices.length]!;
    // Pinned to one instance each (with several, tablet i goes to instance i mod n).
    const url = urls[i % urls.length]!;
    clients.push({ client: new BenchSyncClient(await loggedIn(url, practice)), practice, rand: rng(opts.seed + i) });
  }
  // Warm-up (not measured): each client's first push registers it, as an existing replica would be.
  for (const c of clients) await c.client.push([stockAdjust(c.client, c.practice, c.rand)]);
  // And one round all together, as in the measurement: the server's concurrent paths (group commit's
  // turns) are compiled and warm before the clock starts, whichever scenario runs first.
  await Promise.all(clients.map((c) => c.client.push([stockAdjust(c.client, c.practice, c.rand)])));

  return async function run(): Promise<ClientsOutcome> {
    const latencies: number[] = [];
    let applied = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ client, practice, rand }) => {
        let pending = stockAdjust(client, practice, rand);
        let done = 0;
        let attempts = 0;
        while (done < opts.pushesPerClient) {
          if (++attempts > opts.pushesPerClient * 3) throw new Error(`${label}: too many failed pushes`);
          const t = performance.now();
          try {
            const { res } = await client.push([pending]);
            latencies.push(performance.now() - t);
            if (res.results.some((r) => r.seq === pending.seq && (r.status === "applied" || r.status === "duplicate"))) {
              applied++;
              done++;
              pending = stockAdjust(client, practice, rand);
            } else {
              failed++; // stopped (retry): resend the same mutation, as a client would
            }
          } catch {
            latencies.push(performance.now() - t);
            failed++;
          }
        }
      }),
    );
    return { latencies, applied, failed, wallMs: performance.now() - started };
  };
}

/**
 * The concurrent scenario with its tablets in a child process; this process (the server's) measures its
 * own CPU and statements while they push, plus those of any other `instances` the tablets are spread over.
 */
export async function concurrentPush(
  url: string,
  label: string,
  practices: SeededPractice[],
  opts: ConcurrentOptions,
  instances: RemoteInstance[] = [],
): Promise<ConcurrentResult> {
  const child = fork(fileURLToPath(new URL("./concurrent-clients.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"] });
  const next = () =>
    new Promise<ClientsMessage>((resolve, reject) => {
      child.once("message", (m) => resolve(m as ClientsMessage));
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`${label}: tablet process exited (${code})`)));
    });
  try {
    child.send({ urls: [url, ...instances.map((i) => i.url)], label, practices, opts });
    const ready = await next();
    if (ready.kind === "failed") throw new Error(`${label}: ${ready.error}`);
    const others0 = await Promise.all(instances.map((i) => i.usage()));
    const cpu0 = process.cpuUsage();
    const q0 = queriesSoFar();
    child.send("go");
    const done = await next();
    if (done.kind !== "done") throw new Error(`${label}: ${done.kind === "failed" ? done.error : "unexpected message"}`);
    const cpu = process.cpuUsage(cpu0);
    const others = (await Promise.all(instances.map((i) => i.usage()))).map((u, k) => ({
      cpuMs: u.cpuMs - others0[k]!.cpuMs,
      queries: u.queries - others0[k]!.queries,
    }));
    const cpuMs = (cpu.user + cpu.system) / 1000 + others.reduce((s, o) => s + o.cpuMs, 0);
    const queries = queriesSoFar() - q0 + others.reduce((s, o) => s + o.queries, 0);
    const { latencies, applied, failed, wallMs } = done.outcome;
    return {
      label,
      clients: opts.clients,
      practices: practices.length,
      pushesPerClient: opts.pushesPerClient,
      requests: latencies.length,
      applied,
      failed,
      wallMs: round(wallMs),
      mutationsPerSec: round((applied / wallMs) * 1000),
      cpuMsPerMutation: round(cpuMs / Math.max(applied, 1), 2),
      queriesPerMutation: round(queries / Math.max(applied, 1), 1),
      latencyMs: roundSummary(summarize(latencies)),
    };
  } finally {
    child.kill();
  }
}

export type ClientsMessage = { kind: "ready" } | { kind: "done"; outcome: ClientsOutcome } | { kind: "failed"; error: string };
