/**
 * The Prisma client over node-postgres (Prisma 7 requires a driver adapter). One pool per process.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "./generated/client.js";

export { Prisma, PrismaClient };
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

export function createPrisma(databaseUrl: string, poolSize = 10): PrismaClient {
  // Sessions run in UTC whatever the database's default zone: the adapter writes and reads timestamptz
  // values without their offset, so in another zone every instant it stored was off by that zone's offset
  // (and the pull, which writes dates as JSON in PostgreSQL, would disagree with it).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, options: "-c TimeZone=UTC" });
  // The adapter attaches its error listener to a pooled connection only after `await pool.connect()`. A
  // connection the server ends (pg_terminate_backend, failover) can report it in that gap, and an 'error'
  // event with no listener ends the process. A listener from birth closes the gap; the failure still
  // reaches the query that uses the connection, and the pool discards it.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
