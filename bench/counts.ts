/**
 * `npm run bench:counts`: a tablet back from a day offline pushes 1,000 count lines into one session,
 * first alone, then while three other tablets push small batches of lines into the same session. Reports
 * how long the 1,000 lines take to apply server-side (push() in process, on the app's database role, in
 * the server's per-batch mode) and the p95 of the other tablets' pushes. No pass/fail: figures only,
 * beside pgbench's TPC-B rate measured in the same run when pgbench is installed.
 *
 *   tsx bench/counts.ts            full run
 *   tsx bench/counts.ts --no-pgbench
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import type { Role } from "../shared/auth/roles.js";
import type { MutationInput } from "../shared/mutations/index.js";
import { MAX_PUSH_BATCH, type PushMutation } from "../shared/protocol/push.js";
import { REPLICA_SCHEMA_VERSION } from "../shared/protocol/version.js";
import { DEFAULT_PUSH_CHUNK } from "../sync-server/config/env.js";
import { createPrisma } from "../sync-server/db/prisma.js";
import { localRoleUrls } from "../sync-server/dev/database-roles.js";
import { SERVER_BATCH_MUTATORS, SERVER_MUTATORS } from "../sync-server/domains/server-mutators.js";
import { createLogger } from "../sync-server/log/logger.js";
import { push } from "../sync-server/sync/push.js";
import { createBenchDatabase, seedPractice } from "./data.js";
import { ensurePgbench, runPgbench } from "./pgbench.js";
import { round, summarize } from "./stats.js";

const LINES = 1000;
const OTHER_TABLETS = 3;
const OTHER_BATCH = 10;
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const log = createLogger("silent");

type Db = ReturnType<typeof createPrisma>;

/** A tablet: its own clientId and seqs, pushing through the server's push() as the HTTP route does. */
class Tablet {
  readonly clientId = randomUUID();
  private seq = 1;
  constructor(
    private readonly db: Db,
    private readonly session: { practiceId: string; userId: string; role: Role },
  ) {}
  line(args: MutationInput<"count.recordLine">): PushMutation {
    return { id: randomUUID(), seq: this.seq++, name: "count.recordLine", args, clientTime: new Date().toISOString() };
  }
  raw(name: string, args: unknown): PushMutation {
    return { id: randomUUID(), seq: this.seq++, name, args, clientTime: new Date().toISOString() };
  }
  async push(mutations: PushMutation[]) {
    const res = await push(
      { db: this.db, mutators: SERVER_MUTATORS, batchMutators: SERVER_BATCH_MUTATORS, log, mode: "per-batch", chunk: DEFAULT_PUSH_CHUNK },
      this.session,
      {
        clientId: this.clientId,
        schemaVersion: REPLICA_SCHEMA_VERSION,
        mutations,
      },
      "bench-counts",
    );
    if (res.stopped) throw new Error(`push stopped: ${res.stopped.message}`);
    return res;
  }
}

async function main() {
  const bench = await createBenchDatabase(adminUrl);
  const roles = await localRoleUrls(bench.url);
  const db = createPrisma(roles.appUrl, 10);
  try {
    const seeded = await seedPractice(bench.url, {
      name: `Counts ${randomBytes(3).toString("hex")}`,
      email: `counts-${randomBytes(3).toString("hex")}@example.test`,
      password: "bench-counts-pw",
      locations: 2,
      items: 600,
      inventoryRows: 1200,
      rowsPerVersion: 100,
    });
    const owner = new pg.Client({ connectionString: bench.url });
    await owner.connect();
    const userId = (await owner.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = $1`, [seeded.email])).rows[0]!.id;
    const stock = await owner.query<{ locationId: string; itemId: string; version: string; quantity: number }>(
      `SELECT "locationId", "itemId", "version"::text, "quantity" FROM "Inventory" WHERE "practiceId" = $1 AND "batchId" IS NULL`,
      [seeded.practiceId],
    );
    await owner.end();
    const keys = stock.rows.filter((r) => seeded.itemIds.includes(r.itemId)).slice(0, LINES);
    if (keys.length < LINES) throw new Error(`only ${keys.length} stock rows to count`);
    const who = { practiceId: seeded.practiceId, userId, role: "ADMIN" as const };

    async function session(starter: Tablet) {
      const id = randomUUID();
      // Every stock row of the counted items, at both locations.
      const res = await starter.push([
        starter.raw("count.start", { id, name: "bench", locationId: null, itemIds: [...new Set(keys.map((k) => k.itemId))] }),
      ]);
      if (res.results[0]?.status !== "applied") throw new Error(`count.start: ${JSON.stringify(res.results[0])}`);
      return id;
    }
    const lineFor = (t: Tablet, sessionId: string, k: (typeof keys)[number], q: number) =>
      t.line({
        id: randomUUID(),
        sessionId,
        itemId: k.itemId,
        locationId: k.locationId,
        countedQuantity: q,
        seenVersion: Number(k.version),
        seenQuantity: k.quantity,
      });

    /** The big tablet's 1,000 lines, as the client sends them (MAX_PUSH_BATCH per request). */
    async function bigPush(t: Tablet, sessionId: string): Promise<{ ms: number; outcomes: Record<string, number> }> {
      const lines = keys.map((k, i) => lineFor(t, sessionId, k, k.quantity + (i % 7 === 0 ? 1 : 0)));
      const outcomes: Record<string, number> = {};
      const start = performance.now();
      for (let i = 0; i < lines.length; i += MAX_PUSH_BATCH) {
        const res = await t.push(lines.slice(i, i + MAX_PUSH_BATCH));
        for (const r of res.results)
          outcomes[r.status === "rejected" || r.status === "conflict" ? `${r.status}:${r.code}` : r.status] =
            (outcomes[r.status === "rejected" || r.status === "conflict" ? `${r.status}:${r.code}` : r.status] ?? 0) + 1;
      }
      return { ms: performance.now() - start, outcomes };
    }

    // Warm-up (connections, prepared plans), then the solo figure.
    const warm = new Tablet(db, who);
    const warmSession = await session(warm);
    await warm.push(keys.slice(0, 50).map((k) => lineFor(warm, warmSession, k, k.quantity)));

    const solo = new Tablet(db, who);
    const soloResult = await bigPush(solo, await session(solo));

    // Contended: three tablets keep pushing small batches into the same session meanwhile.
    const big = new Tablet(db, who);
    const shared = await session(big);
    const others = Array.from({ length: OTHER_TABLETS }, () => new Tablet(db, who));
    const latencies: number[] = [];
    let running = true;
    const loops = others.map(async (t, n) => {
      let i = n * 37;
      while (running) {
        const batch = Array.from({ length: OTHER_BATCH }, () => keys[i++ % keys.length]!).map((k) => lineFor(t, shared, k, k.quantity));
        const start = performance.now();
        await t.push(batch);
        latencies.push(performance.now() - start);
      }
    });
    const contended = await bigPush(big, shared);
    running = false;
    await Promise.all(loops);

    const pgbenchBinary = process.argv.includes("--no-pgbench") ? undefined : await ensurePgbench(16, (m) => console.error(m));
    const pgbench = pgbenchBinary ? await runPgbench(pgbenchBinary, adminUrl, { clients: 2, seconds: 10 }) : null;

    const others95 = summarize(latencies);
    const report = {
      lines: LINES,
      chunk: DEFAULT_PUSH_CHUNK,
      requestSize: MAX_PUSH_BATCH,
      solo: { ms: round(soloResult.ms), linesPerSecond: round((LINES / soloResult.ms) * 1000), outcomes: soloResult.outcomes },
      contended: {
        ms: round(contended.ms),
        linesPerSecond: round((LINES / contended.ms) * 1000),
        outcomes: contended.outcomes,
        otherTablets: {
          tablets: OTHER_TABLETS,
          linesPerPush: OTHER_BATCH,
          pushes: others95.count,
          p50ms: round(others95.p50),
          p95ms: round(others95.p95),
          maxMs: round(others95.max),
        },
      },
      pgbench: pgbench
        ? { tps: round(pgbench.tps), latencyAvgMs: round(pgbench.latencyAvgMs, 2) }
        : "not run (pgbench not installed or --no-pgbench)",
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await db.$disconnect();
    await bench.drop();
  }
}

await main();
