/**
 * The usual setup of a database test file, registered once: a private database with one practice, and
 * (for HTTP tests) a server on it. Returns a handle filled in before the first test runs.
 */
import { afterAll, beforeAll } from "vitest";
import type { RunningServer, ServerOverrides } from "../sync-server/server.js";
import { testDatabase, type TestDatabase } from "./db.js";
import { makePractice, type TestPractice } from "./factories.js";
import { startTestServer } from "./server.js";

export interface PracticeFixture {
  t: TestDatabase;
  p: TestPractice;
  /** Only when the fixture was asked for a server. */
  server: RunningServer;
}

export function practiceFixture(opts: { items?: number; password?: string; server?: ServerOverrides | true } = {}): PracticeFixture {
  const f = {} as PracticeFixture;
  beforeAll(async () => {
    f.t = await testDatabase();
    f.p = await makePractice(f.t.db, { items: opts.items, password: opts.password });
    if (opts.server) f.server = await startTestServer(f.t.url, opts.server === true ? {} : opts.server);
  });
  afterAll(async () => {
    await f.server?.close();
    await f.t?.drop();
  });
  return f;
}
