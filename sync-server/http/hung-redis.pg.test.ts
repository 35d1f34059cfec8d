/**
 * A hung Redis (SIGSTOP: connections open, nothing answered) is worse than a dead one: every command
 * waits for its timeout. All rate limiters of one request share one deadline, so sign-in is refused
 * (fail closed) in well under a second; and once Redis runs again the very next sign-in is served.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { PrivateRedis } from "../../test/private-redis.js";
import { startTestServer } from "../../test/server.js";
import type { RunningServer } from "../server.js";

const PASSWORD = "hung-redis-test-pw";
const f = practiceFixture({ password: PASSWORD });
let redis: PrivateRedis;
let s: RunningServer;

beforeAll(async () => {
  redis = await PrivateRedis.start();
  s = await startTestServer(f.t.url, { redisUrl: redis.url });
});
afterAll(async () => {
  redis?.unpause();
  await s?.close();
  await redis?.stop();
});

const login = (b: Browser) => b.request("POST", "/api/auth/login", { email: f.p.users.STAFF.email, password: PASSWORD });

describe("hung Redis", () => {
  it("refuses sign-in within one shared deadline, and serves the first sign-in after it resumes", async () => {
    const b = new Browser(s.url);
    expect((await login(b)).status).toBe(200); // scripts loaded, CSRF cookie held

    redis.pause();
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await login(b);
      timings.push(Math.round(performance.now() - started));
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(res.headers.get("retry-after")).toBeTruthy();
    }
    console.log(`sign-in while Redis is hung (ms): ${timings.join(", ")}`);
    for (const ms of timings) expect.soft(ms).toBeLessThan(1_000);
    // Stay hung past the client's own command timeout, so anything started meanwhile has failed.
    await new Promise((r) => setTimeout(r, 1_500));

    redis.unpause();
    const first = await login(b);
    console.log(`first sign-in after Redis resumed: ${first.status} ${first.json?.error?.message ?? ""}`);
    expect(first.status).toBe(200);
  });
});
