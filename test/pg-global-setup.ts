/**
 * Once per test run: a template database migrated to the current schema. Each test file then clones
 * it (CREATE DATABASE … TEMPLATE), which takes milliseconds and gives every file its own database.
 * The template's name includes a hash of the migrations, so a changed migration builds a new one.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { listMigrations, migrate } from "../sync-server/db/migrate.js";
import { adminUrl, APP_ROLE_PASSWORD, databaseUrl } from "./pg-urls.js";

export default async function setup(project: TestProject) {
  const migrations = await listMigrations();
  const hash = createHash("sha256")
    .update(migrations.map((m) => m.checksum).join())
    .digest("hex")
    .slice(0, 12);
  const template = `venzory_tpl_${hash}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // Serialise concurrent test runs building the same template.
    await admin.query("SELECT pg_advisory_lock(727210002)");
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${template}_building"`).catch(async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${template}_building"`);
        await admin.query(`CREATE DATABASE "${template}_building"`);
      });
      await migrate(databaseUrl(`${template}_building`));
      await admin.query(`ALTER DATABASE "${template}_building" RENAME TO "${template}"`);
    }
    // The migrations create the restricted role; give it a password for this run (see pg-urls.ts).
    await admin.query(`ALTER ROLE venzory_app PASSWORD '${APP_ROLE_PASSWORD}'`);
    await admin.query("SELECT pg_advisory_unlock(727210002)");
  } finally {
    await admin.end();
  }
  project.provide("pgTemplate", template);
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}
