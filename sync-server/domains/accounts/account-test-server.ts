/**
 * For the accounts tests: a real server with its own database, Redis, the Resend stand-in and an
 * in-process email worker, plus helpers that read links out of delivered emails and push mutations
 * over HTTP like the app does.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { Browser } from "../../../test/http.js";
import { PrivateRedis } from "../../../test/private-redis.js";
import { startResendStub, type ResendStub } from "../../../test/resend-stub.js";
import { startTestServer } from "../../../test/server.js";
import type { RunningServer } from "../../server.js";

export const APP_URL = "https://app.venzory.test";
export const STRONG = "grey kettle walks at dawn";

export interface AccountServer {
  t: TestDatabase;
  server: RunningServer;
  stub: ResendStub;
  browser(): Browser;
  /** The token in the next email delivered to `to` (after those already read), and the email's text. */
  nextEmail(to: string): Promise<{ token: string; text: string; subject: string }>;
  close(): Promise<void>;
}

export async function startAccountServer(
  opts: { before?: (t: TestDatabase) => Promise<Record<string, string>> } = {},
): Promise<AccountServer> {
  const t = await testDatabase();
  const env = opts.before ? await opts.before(t) : {};
  const redis = await PrivateRedis.start();
  const stub = await startResendStub();
  const server = await startTestServer(t.url, {
    redisUrl: redis.url,
    inProcessEmailWorker: true,
    env: { RESEND_API_KEY: stub.apiKey, RESEND_BASE_URL: stub.url, EMAIL_RETRY_BASE_MS: "20", APP_URL, ...env },
  });
  const read = new Map<string, number>();
  return {
    t,
    server,
    stub,
    browser: () => new Browser(server.url),
    async nextEmail(to) {
      const seen = read.get(to) ?? 0;
      const mine = () => stub.delivered.filter((d) => (Array.isArray(d.payload.to) ? d.payload.to : [d.payload.to]).includes(to));
      for (let i = 0; i < 200 && mine().length <= seen; i++) await new Promise((r) => setTimeout(r, 25));
      const email = mine()[seen];
      if (!email) throw new Error(`No email #${seen + 1} to ${to}`);
      read.set(to, seen + 1);
      const text = String(email.payload.text ?? "");
      const token = /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
      if (!token) throw new Error(`No token in the email to ${to}`);
      // Real paths since the client router moved off the hash (old `/#/auth/…` links still open, client-side).
      expect(text).toContain(`${APP_URL}/auth/`);
      expect(text).not.toContain("/#/");
      return { token, text, subject: email.payload.subject };
    },
    async close() {
      await server.close();
      await stub.close();
      await redis.stop();
      await t.drop();
    },
  };
}

const pushState = new WeakMap<Browser, { clientId: string; seq: number }>();

/** Pushes one mutation as this browser's replica; answers "applied" or the rejection code. */
export async function pushOne(
  b: Browser,
  name: string,
  args: Record<string, unknown>,
  opts: { allowSignedOut?: boolean } = {},
): Promise<string> {
  const state = pushState.get(b) ?? { clientId: randomUUID(), seq: 0 };
  pushState.set(b, state);
  state.seq += 1;
  const res = await b.post("/api/sync/push", {
    clientId: state.clientId,
    schemaVersion: 1,
    mutations: [{ id: randomUUID(), seq: state.seq, name, args, clientTime: new Date().toISOString() }],
  });
  if (opts.allowSignedOut && res.status === 401) return "UNAUTHENTICATED";
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const r = res.json.results[0];
  return r.status === "rejected" ? r.code : r.status;
}

export async function signIn(s: AccountServer, email: string, password: string): Promise<Browser> {
  const b = s.browser();
  const res = await b.post("/api/auth/login", { email, password });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return b;
}
