/**
 * Counts the statements a test file sends to PostgreSQL. Prisma's pg adapter and raw SQL both go through
 * pg's Client#query, so wrapping it (for the file's lifetime) sees every round trip.
 */
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

export interface StatementCounter {
  /** Statements sent since the file's hooks started counting. */
  readonly count: number;
}

export function countStatements(): StatementCounter {
  let count = 0;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const originalQuery = proto.query;
  beforeAll(() => {
    proto.query = function (this: unknown, ...args: unknown[]) {
      count++;
      return originalQuery.apply(this, args);
    };
  });
  afterAll(() => {
    proto.query = originalQuery;
  });
  return {
    get count() {
      return count;
    },
  };
}
