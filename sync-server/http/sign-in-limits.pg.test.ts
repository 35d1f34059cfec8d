/**
 * Sign-in limits that fit a clinic: many staff sign in at opening time behind one internet address, so
 * the per-address limit counts failed attempts only; wrong passwords are still limited per address and
 * per account, and the refusal says how long to wait (message and Retry-After, from the real window).
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Browser } from "../../test/http.js";
import { redisUrl } from "../../test/pg-urls.js";
import { startTestServer } from "../../test/server.js";
import { withTransaction } from "../db/transaction.js";
import { addMember } from "../domains/accounts/practices.js";
import type { RunningServer } from "../server.js";
import { SIGN_IN_LIMITS } from "./middleware/rate-limits.js";

const PASSWORD = "sign-in-limits-pw";
const f = practiceFixture({ password: PASSWORD });
const prefix = `t${randomUUID().slice(0, 8)}`;
let limited: RunningServer;
let redis: Redis;

beforeAll(async () => {
  // The real limits (scale 1), addresses from X-Forwarded-For, and a Redis prefix this file can inspect.
  limited = await startTestServer(f.t.url, { limitsScale: 1, env: { TRUST_PROXY: "1", REDIS_PREFIX: prefix } });
  redis = new Redis(redisUrl());
});

afterAll(async () => {
  await limited?.close();
  redis?.disconnect();
});

const from = (ip: string) => ({ "x-forwarded-for": ip });
const signIn = (ip: string, email: string, password = PASSWORD) =>
  new Browser(limited.url).request("POST", "/api/auth/login", { email, password }, from(ip));

it("fifteen staff signing in at opening time from one clinic address are all let in", async () => {
  const tag = randomUUID().slice(0, 8);
  const staff = await withTransaction(f.t.db, async (tx) => {
    const emails: string[] = [];
    for (let i = 0; i < 15; i++) {
      const email = `opening-${i}-${tag}@example.test`;
      await addMember(tx, f.p.practiceId, { email, name: `Staff ${i}`, role: "STAFF", password: PASSWORD });
      emails.push(email);
    }
    return emails;
  });
  const statuses: number[] = [];
  for (const email of staff) statuses.push((await signIn("10.20.0.1", email)).status);
  expect(statuses).toEqual(staff.map(() => 200));
});

it("wrong passwords from one address are limited, and the refusal says how long to wait", async () => {
  const ip = "10.20.1.1";
  const accounts = [f.p.users.ADMIN.email, f.p.users.STAFF.email, f.p.users.VIEWER.email];
  const statuses: number[] = [];
  // Spread over accounts (so the per-account limit is not what stops them), up to the first refusal.
  for (let i = 0; i < SIGN_IN_LIMITS.failuresPerAddress + 5 && !statuses.includes(429); i++) {
    statuses.push((await signIn(ip, `${i}-${accounts[i % 3]}`, "wrong-guess")).status);
  }
  expect(statuses).toEqual([...Array.from({ length: SIGN_IN_LIMITS.failuresPerAddress }, () => 401), 429]);
  // Even the right password is refused from that address now: otherwise guessing would go on.
  const right = await signIn(ip, f.p.users.STAFF.email);
  expect(right.status).toBe(429);
  const windowSeconds = SIGN_IN_LIMITS.windowMs / 1000;
  const retryAfter = Number(right.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(windowSeconds - 60);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(right.json.error.message).toContain(`in ${Math.ceil(retryAfter / 60)} minutes`);
  expect(right.json.error.details).toEqual({ retryAfterSeconds: retryAfter });

  // Most of the window has passed (the counter's expiry moved to 125 s from now): the wait shown shrinks with it.
  const [key] = await redis.keys(`${prefix}:rl:sign-in:${ip}*`);
  expect(key).toBeDefined();
  await redis.pexpire(key!, 125_000);
  const later = await signIn(ip, f.p.users.STAFF.email);
  expect(later.status).toBe(429);
  expect(Number(later.headers.get("retry-after"))).toBeLessThanOrEqual(125);
  expect(Number(later.headers.get("retry-after"))).toBeGreaterThan(115);
  expect(later.json.error.message).toContain("in 3 minutes");
});

it("wrong passwords for one account from many addresses are still limited per account", async () => {
  const victim = f.p.users.VIEWER.email;
  for (let i = 0; i < SIGN_IN_LIMITS.failuresPerAccount; i++) {
    expect((await signIn(`10.20.2.${i}`, victim, "wrong-guess")).status).toBe(401);
  }
  const refused = await signIn("10.20.3.1", victim, "wrong-guess");
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  // A successful sign-in from an address does not use up that address's allowance for others.
  expect((await signIn("10.20.2.0", f.p.users.ADMIN.email)).status).toBe(200);
});
