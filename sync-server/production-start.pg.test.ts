/**
 * Production starts the way docs/operations.md says, with real PostgreSQL and Redis and the Resend
 * stand-in: the plain start answers /api/health with 200, and the "Production deployment" steps work
 * from a fresh copy of the repository (no generated Prisma client): migrate, seed, two API instances and
 * the email worker. Keep this file and that section of the docs in step.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync, symlinkSync, cpSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../test/db.js";
import { Browser } from "../test/http.js";
import { adminUrl, databaseUrl } from "../test/pg-urls.js";
import { startResendStub, type ResendStub } from "../test/resend-stub.js";
import { productionEnv, startServerProcess, type ServerProcess } from "../test/server-process.js";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/seed.js";
import { REPO_ROOT } from "./config/env.js";

let stub: ResendStub;
beforeAll(async () => {
  stub = await startResendStub();
});
afterAll(() => stub?.close());

/** Runs a documented command to completion; resolves with its exit code and output. */
async function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(cmd, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, output };
}

async function healthOf(url: string) {
  return new Browser(url).get("/api/health");
}

/**
 * A fresh clone: the working tree's tracked and new (not ignored) files, so no generated Prisma client
 * and no .venzory; dependencies installed (node_modules is linked, as `npm ci` would have made it).
 */
async function freshCopy(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "venzory-deploy-"));
  const files = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO_ROOT, {});
  for (const file of files.output.split("\0").filter(Boolean)) {
    const from = path.join(REPO_ROOT, file);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(from, path.join(dir, file));
  }
  expect(existsSync(path.join(dir, "sync-server/db/generated"))).toBe(false);
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

describe("the documented production start", () => {
  let t: TestDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    t = await testDatabase();
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  it("starts with NODE_ENV=production and every required variable, and /api/health answers 200", async () => {
    server = await startServerProcess(productionEnv(t.url, stub));
    const health = await healthOf(server.url);
    expect(health.status, health.text).toBe(200);
    expect(health.json.checks.postgres.status).toBe("up");
    expect(health.json.checks.redis.status).toBe("up");
    // Production headers: HSTS is on.
    expect(health.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });

  it("starts the same way from a fresh clone, generating the Prisma client itself", async () => {
    const dir = await freshCopy();
    try {
      const fresh = await startServerProcess(productionEnv(t.url, stub), { root: dir, timeoutMs: 40_000 });
      try {
        expect(fresh.output()).toContain("Generating the Prisma client");
        expect((await healthOf(fresh.url)).status).toBe(200);
      } finally {
        await fresh.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("Production deployment (docs/operations.md) from a fresh copy of the repository", () => {
  let dir: string;
  let dbName: string;
  const running: ServerProcess[] = [];
  let admin: pg.Client;

  beforeAll(async () => {
    dir = await freshCopy();
    dbName = `venzory_deploy_${randomBytes(6).toString("hex")}`;
    admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await admin?.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin?.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("migrates, seeds, runs two API instances and the email worker", async () => {
    const env = productionEnv(databaseUrl(dbName), stub);

    const migrate = await run("npm", ["run", "db:migrate"], dir, env);
    expect(migrate.code, migrate.output).toBe(0);
    expect(migrate.output).toMatch(/Applied \d+ migration/);

    const seed = await run("npm", ["run", "db:seed"], dir, env);
    expect(seed.code, seed.output).toBe(0);
    expect(seed.output).toContain("Demo practice created.");

    // N API instances (here two) behind the load balancer, and the email worker.
    for (let i = 0; i < 2; i++) running.push(await startServerProcess(env, { root: dir }));
    running.push(await startServerProcess(env, { root: dir, script: "sync-server/email/worker-main.ts", ready: /email worker started/ }));
    const [api1, api2] = running as [ServerProcess, ServerProcess];

    // Both instances healthy, the email pipeline included once the worker's heartbeat is seen.
    for (const api of [api1, api2]) {
      const deadline = Date.now() + 15_000;
      let health = await healthOf(api.url);
      while (health.json?.checks?.email?.status !== "ok" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        health = await healthOf(api.url);
      }
      expect(health.status, health.text).toBe(200);
      expect(health.json.status, health.text).toBe("ok");
    }

    // The seeded demo admin signs in on one instance; the session works on the other.
    const b = new Browser(api1.url);
    const login = await b.post("/api/auth/login", { email: DEMO_USERS[0].email, password: DEMO_PASSWORD });
    expect(login.status, login.text).toBe(200);
    const elsewhere = new Browser(api2.url);
    elsewhere.copyCookiesFrom(b);
    expect((await elsewhere.get("/api/me")).status).toBe(200);

    // An email caused on an API instance is sent by the worker process through the provider (stand-in).
    const sentBefore = stub.delivered.length;
    const reset = await new Browser(api2.url).post("/api/auth/password-reset", { email: DEMO_USERS[1].email });
    expect(reset.status, reset.text).toBeLessThan(300); // accepted (200 or 202): the email goes out later
    const deadline = Date.now() + 15_000;
    while (stub.delivered.length === sentBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stub.delivered.slice(sentBefore).flatMap((e) => [e.payload.to].flat())).toContainEqual(
      expect.stringContaining(DEMO_USERS[1].email),
    );
  }, 90_000);
});
