/**
 * The Redis store for express-rate-limit (rate-limit-redis), made to survive Redis outages and hangs.
 *
 * The stock store loads its Lua scripts once and keeps the promise of that SCRIPT LOAD: a load that
 * failed while Redis was down or hung made the next request after recovery fail too. Here the SHAs load
 * lazily and again after any failure, so the first request after recovery is served.
 *
 * Every failure is thrown as a RateLimitStoreError, so the limiter can tell "Redis could not be asked"
 * from any other error. Commands run against the request's deadline (see withStoreDeadline): a hung
 * Redis costs a request at most its remaining rate-limit budget, however many limiters it passes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Options } from "express-rate-limit";
import type { Redis } from "ioredis";
import { RedisStore, type RedisReply } from "rate-limit-redis";

export class RateLimitStoreError extends Error {
  override name = "RateLimitStoreError";
}

const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs `fn` (a limiter) so that the store calls it makes give up at `deadline` (epoch ms). Express-rate-limit
 * gives the store only a key, never the request, so the deadline travels with the async context.
 */
export function withStoreDeadline<T>(deadline: number, fn: () => T): T {
  return deadlines.run(deadline, fn);
}

/** `send()` raced against the current deadline; not even sent when the budget is already spent. */
async function withinDeadline<T>(send: () => Promise<T>): Promise<T> {
  const deadline = deadlines.getStore();
  if (deadline === undefined) return send();
  const left = deadline - Date.now();
  if (left <= 0) throw new RateLimitStoreError("rate-limit time budget of this request is spent");
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RateLimitStoreError(`Redis did not answer within ${left} ms`)), left);
  });
  try {
    return await Promise.race([send(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The SHA of a script, loaded when first awaited and loaded again after a failed load, until one succeeds. */
function lazyScriptSha(load: () => Promise<string>): Promise<string> {
  let known: string | undefined;
  // A thenable, not a promise: the stock store awaits this field on every call, so each await asks again
  // instead of replaying a rejection remembered from a moment when Redis was down or hung.
  const thenable = {
    then<A, B>(onOk: (sha: string) => A, onErr: (err: unknown) => B) {
      const sha = known ? Promise.resolve(known) : load().then((s) => (known = s));
      return sha.then(onOk, onErr);
    },
  };
  return thenable as unknown as Promise<string>;
}

/**
 * rate-limit-redis's store with three changes: script SHAs load lazily (above), every command races the
 * request's deadline (decrements run after the answer, so none waits on them), and every failure is a
 * RateLimitStoreError.
 */
export class RedisRateLimitStore extends RedisStore {
  constructor(client: Redis, prefix: string) {
    super({
      prefix,
      sendCommand: (command: string, ...args: string[]) => {
        const send = () => client.call(command, ...args) as Promise<RedisReply>;
        return command === "DECR" ? send() : withinDeadline(send);
      },
    });
  }

  override async init(options: Options): Promise<void> {
    this.windowMs = options.windowMs;
    this.resetScripts();
  }

  override async increment(key: string) {
    return this.ask(() => super.increment(key));
  }

  override async get(key: string) {
    return this.ask(() => super.get(key));
  }

  override async decrement(key: string) {
    return this.ask(() => super.decrement(key));
  }

  override async resetKey(key: string) {
    return this.ask(() => super.resetKey(key));
  }

  /** After a NOSCRIPT the stock store reloads with a plain promise; a failure puts the lazy loaders back. */
  private resetScripts(): void {
    this.incrementScriptSha = lazyScriptSha(() => this.loadIncrementScript());
    this.getScriptSha = lazyScriptSha(() => this.loadGetScript());
  }

  private async ask<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      this.resetScripts();
      throw err instanceof RateLimitStoreError ? err : new RateLimitStoreError((err as Error).message, { cause: err });
    }
  }
}
