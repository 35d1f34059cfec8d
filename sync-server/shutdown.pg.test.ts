/**
 * Graceful shutdown: SIGTERM ends open poke streams, lets the server finish, and exits 0 promptly.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../test/db.js";
import { makePractice, type TestPractice } from "../test/factories.js";
import { Browser } from "../test/http.js";
import { redisUrl } from "../test/pg-urls.js";
import { uniqueRedisPrefix } from "../test/server.js";
import { REPO_ROOT } from "./config/env.js";

let t: TestDatabase;
let p: TestPractice;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { password: "shutdown-test-pw" });
});
afterAll(() => t.drop());

it("SIGTERM closes streams and exits cleanly", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "sync-server/main.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: uniqueRedisPrefix(),
      PORT: "0",
      SESSION_SECRET: "s".repeat(40),
      LOG_LEVEL: "info",
      STATIC_DIR: "/nonexistent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      output += d;
      const m = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (m) resolve(m[1]!);
    });
    child.once("exit", () => reject(new Error(`server exited early:\n${output}`)));
  });

  const b = new Browser(url);
  const login = await b.post("/api/auth/login", { email: p.users.STAFF.email, password: "shutdown-test-pw" });
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const stream = await fetch(`${url}/api/sync/poke`, { headers: { cookie } });
  const reader = stream.body!.getReader();
  await reader.read(); // the stream is open

  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const drained = (async () => {
    while (!(await reader.read()).done);
  })();
  await drained; // the server ended the stream instead of waiting for the client
  const [code] = await exited;
  expect(code).toBe(0);
  expect(output).toContain("shutdown complete");
}, 30_000);
