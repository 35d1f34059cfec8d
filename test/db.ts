/**
 * A private database per test file, cloned from the migrated template made in pg-global-setup.ts.
 * Usage: `const t = await testDatabase();` in beforeAll, `await t.drop()` in afterAll.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrisma, type Db } from "../sync-server/db/prisma.js";
import { adminUrl, databaseUrl } from "./pg-urls.js";

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function testDatabase(poolSize = 10): Promise<TestDatabase> {
  const template = inject("pgTemplate");
  const name = `venzory_t_${randomBytes(6).toString("hex")}`;
  await admin(async (c) => {
    // Parallel clones of one template can briefly collide ("source database is being accessed").
    for (let attempt = 1; ; attempt++) {
      try {
        return await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  });
  // Test databases are throwaway: skipping the commit flush makes write-heavy tests several times faster.
  await admin((c) => c.query(`ALTER DATABASE "${name}" SET synchronous_commit TO off`));
  const url = databaseUrl(name);
  const db = createPrisma(url, poolSize);
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
