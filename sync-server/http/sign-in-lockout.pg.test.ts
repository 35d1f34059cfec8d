/**
 * Someone else's ten wrong guesses lock an account's password sign-in for 15 minutes. The real owner is
 * not stuck: the refusal says to use a sign-in link by email, and that link (limited on its own) works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { PrivateRedis } from "../../test/private-redis.js";
import { startResendStub, type ResendStub } from "../../test/resend-stub.js";
import { startTestServer } from "../../test/server.js";
import type { RunningServer } from "../server.js";

const PASSWORD = "lockout-test-pw-1";
const f = practiceFixture({ password: PASSWORD });
let redis: PrivateRedis;
let stub: ResendStub;
let s: RunningServer;

beforeAll(async () => {
  redis = await PrivateRedis.start();
  stub = await startResendStub();
  s = await startTestServer(f.t.url, {
    redisUrl: redis.url,
    limitsScale: 1, // the real limits
    inProcessEmailWorker: true,
    env: { TRUST_PROXY: "1", RESEND_API_KEY: stub.apiKey, RESEND_BASE_URL: stub.url, EMAIL_RETRY_BASE_MS: "20" },
  });
});
afterAll(async () => {
  await s?.close();
  await stub?.close();
  await redis?.stop();
});

async function emailedToken(to: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const email = stub.delivered.find((d) => [d.payload.to].flat().includes(to));
    const token = /token=([A-Za-z0-9_-]+)/.exec(String(email?.payload.text ?? ""))?.[1];
    if (token) return token;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no sign-in link emailed to ${to}`);
}

describe("sign-in lock-out", () => {
  it("says to use a sign-in link by email, and that link still signs the owner in", async () => {
    const owner = f.p.users.STAFF.email;
    const attacker = new Browser(s.url);
    for (let i = 0; i < 10; i++) {
      const res = await attacker.request(
        "POST",
        "/api/auth/login",
        { email: owner, password: "wrong-guess" },
        { "x-forwarded-for": `10.9.0.${i}` },
      );
      expect(res.status).toBe(401);
    }

    const b = new Browser(s.url);
    const from = { "x-forwarded-for": "10.8.0.1" };
    const locked = await b.request("POST", "/api/auth/login", { email: owner, password: PASSWORD }, from);
    console.log(`owner's own sign-in after 10 wrong guesses: ${locked.status} "${locked.json.error?.message}"`);
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("RATE_LIMITED");
    expect(locked.json.error.message).toMatch(/sign-in link by email/i);

    expect((await b.request("POST", "/api/auth/magic-link", { email: owner }, from)).status).toBe(202);
    const consumed = await b.request("POST", "/api/auth/magic-link/consume", { token: await emailedToken(owner) }, from);
    expect(consumed.status, JSON.stringify(consumed.json)).toBe(200);
    expect((await b.get("/api/me")).status).toBe(200);
  });
});
