/**
 * Transactions. `withTransaction` nests: an inner call inside an outer transaction (same client) reuses
 * it, so a service can be called on its own or as part of a larger use case without changing code.
 * When a practice is given, the transaction sets `app.current_practice_id` locally; row-level security
 * policies read it, so a query that forgot its practice filter still sees only that practice.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Prisma, type Db, type Tx } from "./prisma.js";

interface Active {
  db: Db;
  tx: Tx;
  practiceId: string | null;
  userId: string | null;
}

const current = new AsyncLocalStorage<Active>();

export interface TransactionOptions {
  practiceId?: string | null;
  /** The signed-in user, for the policies on a user's own rows (sessions, memberships across practices). */
  userId?: string | null;
  isolationLevel?: Prisma.TransactionIsolationLevel;
  readOnly?: boolean;
  timeoutMs?: number;
  /**
   * The transaction's first statement sets `app.current_practice_id` itself (push: app_push_begin), so
   * no set_config round trip is sent for `practiceId`; nesting is still checked against it.
   */
  practiceContextByCaller?: boolean;
}

export async function withTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
  const outer = current.getStore();
  if (outer && outer.db === db) {
    if ((opts.practiceId && outer.practiceId !== opts.practiceId) || (opts.userId && outer.userId !== opts.userId)) {
      throw new Error("A nested transaction cannot switch practice or user.");
    }
    return fn(outer.tx);
  }
  // A read-only transaction sets its isolation level in the same statement (one round trip, not Prisma's own).
  const isolation = opts.isolationLevel ? ` ISOLATION LEVEL ${ISOLATION_SQL[opts.isolationLevel]},` : "";
  return db.$transaction(
    async (tx) => {
      if (opts.readOnly) await tx.$executeRawUnsafe(`SET TRANSACTION${isolation} READ ONLY`);
      if (opts.practiceId && !opts.practiceContextByCaller) await setPracticeContext(tx, opts.practiceId);
      if (opts.userId) await tx.$queryRaw`SELECT set_config('app.current_user_id', ${opts.userId}, true)`;
      return current.run({ db, tx, practiceId: opts.practiceId ?? null, userId: opts.userId ?? null }, () => fn(tx));
    },
    { isolationLevel: opts.readOnly ? undefined : opts.isolationLevel, timeout: opts.timeoutMs ?? 15_000, maxWait: 10_000 },
  );
}

const ISOLATION_SQL: Record<Prisma.TransactionIsolationLevel, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

/** Scopes the rest of the transaction to one practice for row-level security. */
export async function setPracticeContext(tx: Tx, practiceId: string): Promise<void> {
  await tx.$queryRaw`SELECT set_config('app.current_practice_id', ${practiceId}, true)`;
}

/**
 * Runs `fn` inside a savepoint of the current transaction: if it throws, only its own writes are undone
 * and the error is rethrown. Used so one rejected mutation does not roll back the bookkeeping around it.
 */
export async function withSavepoint<T>(tx: Tx, name: string, fn: () => Promise<T>): Promise<T> {
  await tx.$executeRawUnsafe(`SAVEPOINT "${name}"`);
  try {
    const result = await fn();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT "${name}"`);
    return result;
  } catch (err) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT "${name}"`);
    throw err;
  }
}
