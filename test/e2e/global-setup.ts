/**
 * Once per e2e run: build the PWA, create a throw-away database (migrated and seeded with the demo
 * practice), start the real server on a free port serving API and PWA on one origin, and hand its URL
 * to the tests. The server's email worker sends through the real Resend SDK to a local Resend stand-in
 * (test/resend-stub.ts), which captures every email. Everything is torn down (the database dropped) afterwards.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { adminUrl, APP_ROLE_PASSWORD, asAppRole, databaseUrl, redisUrl } from "../pg-urls.js";
import { startResendStub, type StubEmail } from "../resend-stub.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// E2E_STATIC_DIR lets two e2e runs on one machine build into different folders instead of emptying each other's.
const STATIC_DIR = path.resolve(REPO_ROOT, process.env.E2E_STATIC_DIR ?? "dist/client");

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** Each email the Resend stand-in captured, also as a text file (From/To/Subject, then the text): tests read links from them. */
    e2eEmailDir: string;
    /** The Resend stand-in: GET /_stub/emails lists what it captured (test/e2e/captured-emails.ts). */
    e2eResendUrl: string;
    /** The folder the server serves the built PWA from (a test may deploy "a new version" into it). */
    e2eStaticDir: string;
    /** The run's database (superuser), for tests that set up server state no screen reaches (an expired cursor). */
    e2eDatabaseUrl: string;
  }
}

/** Builds in production mode: under vitest NODE_ENV is "test", which would make import.meta.env.PROD false. */
async function buildClient(): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: path.join(REPO_ROOT, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir: STATIC_DIR },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}

/** Writes a captured email as the file transport would (sync-server/email/file-transport.ts), so links can be read from files. */
async function writeEmailFile(dir: string, email: StubEmail): Promise<void> {
  const { from, to, subject, text } = email.payload;
  await mkdir(dir, { recursive: true });
  const headers = [`From: ${from}`, `To: ${Array.isArray(to) ? to.join(", ") : to}`, `Subject: ${subject}`, `X-Resend-Id: ${email.id}`];
  await writeFile(path.join(dir, `${email.id}.txt`), `${headers.join("\n")}\n\n${text ?? ""}\n`);
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  await buildClient();
  // Imported only after the build: the generated Prisma client defines a global `__dirname`, which
  // makes vite-plugin-pwa look for its own package.json in the wrong folder.
  const { migrate } = await import("../../sync-server/db/migrate.js");
  const { seedDemo } = await import("../../prisma/seed.js");
  const { startServer } = await import("../../sync-server/server.js");

  const dbName = `venzory_e2e_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${dbName}"`);
  const url = databaseUrl(dbName);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "venzory-e2e-"));
  const emailDir = path.join(dataDir, "emails");
  const resend = await startResendStub();
  resend.onDelivered((email) => void writeEmailFile(emailDir, email));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    await migrate(url);
    await seedDemo(url);
    // The migrations created the restricted role; give it this run's password (see test/pg-urls.ts).
    await adminQuery(`ALTER ROLE venzory_app PASSWORD '${APP_ROLE_PASSWORD}'`);
    server = await startServer({
      port: 0,
      databaseUrl: url,
      appDatabaseUrl: asAppRole(url), // the API on the row-level-security role, as in production
      redisUrl: redisUrl(),
      staticDir: STATIC_DIR,
      inProcessEmailWorker: true,
      // Its own Redis namespace: rate-limit counters of earlier runs must not count against this one.
      env: {
        ...process.env,
        NODE_ENV: "test",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
        REDIS_PREFIX: `e2e${Date.now().toString(36)}`,
        DATA_DIR: dataDir,
        // The real worker and the real Resend SDK, against the stand-in. A permanent refusal is dead at
        // once; retries of a transient error come after a second, not a minute.
        RESEND_API_KEY: resend.apiKey,
        RESEND_BASE_URL: resend.url,
        EMAIL_RETRY_BASE_MS: "1000",
        APP_URL: undefined,
        PLATFORM_OWNER_EMAIL: undefined,
      },
    });
  } catch (e) {
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
    await resend.close();
    throw e;
  }
  project.provide("e2eBaseUrl", server.url);
  project.provide("e2eEmailDir", emailDir);
  project.provide("e2eResendUrl", resend.url);
  project.provide("e2eStaticDir", STATIC_DIR);
  project.provide("e2eDatabaseUrl", url);

  return async () => {
    await server?.close();
    await resend.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  };
}
