/**
 * Tells "the database is away" (refused, unreachable, connection ended, out of connections) from every
 * other database error. Those are infrastructure trouble that passes: the API answers 503 with
 * Retry-After instead of a 500, and the client tries again. Everything else stays unexpected.
 */

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the
// connection, P2024 no pool connection in time, P2037 too many connections.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
// The driver adapter's classification of socket and connection failures.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Node socket errors on the way to the server.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// node-postgres ends a dead connection with plain errors that carry no code.
const PG_CONNECTION_MESSAGES =
  /Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect/;

/** PostgreSQL SQLSTATEs of a server that cannot serve us now: class 08 (connection exception), class 53
 *  (insufficient resources: too many connections, out of memory, disk full), 57P01-57P03 (shut down by an
 *  administrator, crash shutdown, cannot connect now). */
function unavailableSqlState(code: string): boolean {
  return /^(08|53)[0-9A-Z]{3}$/.test(code) || code === "57P01" || code === "57P02" || code === "57P03";
}

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  // Prisma wraps the driver's error (meta.driverAdapterError.cause); other layers use `cause`.
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, originalCode, message, cause, meta } = e as ErrorLike;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || unavailableSqlState(code))) return true;
    if (typeof originalCode === "string" && unavailableSqlState(originalCode)) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && PG_CONNECTION_MESSAGES.test(message)) return true;
    // A transaction that could not even start in time: the pool is exhausted or the server is not answering.
    if (code === "P2028" && typeof message === "string" && message.includes("Unable to start a transaction")) return true;
    queue.push(cause, meta?.driverAdapterError);
  }
  return false;
}
