/**
 * Counts the SQL statements the server sends. The bench runs the server in its own process, so wrapping
 * node-postgres's Client#query (which Prisma's pg adapter and every raw statement go through) counts every
 * round trip to PostgreSQL, BEGIN/COMMIT and savepoints included: the figure "queries per mutation".
 */
import pg from "pg";

let count = 0;
let installed = false;

export function installQueryCounter(): void {
  if (installed) return;
  installed = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
}

/** Statements sent since the process started (0 until installQueryCounter ran). */
export function queriesSoFar(): number {
  return count;
}
