import os from "node:os";
import { defineConfig } from "vitest/config";

/** pg files whose assertions compare timings (see the pg-timing project). */
const TIMED = [
  "sync-server/domains/accounts/enumeration-timing.pg.test.ts",
  // Its sign-up timing case (an existing address's answer within 0.4–2.5× a new one's) failed at 4.5×
  // once, in a full CI run with another pg file on the other core.
  "sync-server/domains/accounts/signup.pg.test.ts",
];
const PG = { globalSetup: ["test/pg-global-setup.ts"], environment: "node" as const, testTimeout: 60_000, hookTimeout: 120_000 };

// Test suffixes name what a test needs: `.test.ts` is pure (Node, fake-indexeddb at most),
// `.pg.test.ts` needs PostgreSQL (and Redis), `.e2e.ts` drives Chromium against a running server.
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, which ran the whole
    // suite file after file. Most test time is spent waiting (on PostgreSQL, Chromium, the server), so two
    // workers overlap the pg files with each other and with the e2e files (which still run one at a time).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "unit",
          include: ["shared/**/*.test.ts", "client/**/*.test.ts", "sync-server/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.pg.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "pg",
          include: ["sync-server/**/*.pg.test.ts", "prisma/**/*.pg.test.ts"],
          exclude: [...TIMED, "**/node_modules/**"],
          ...PG,
        },
      },
      {
        // Tests that compare answer times run with nothing else beside them (one file at a time, after the
        // parallel files): a pg file running on the other core made the enumeration-timing medians drift.
        test: { name: "pg-timing", include: TIMED, ...PG, fileParallelism: false },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
