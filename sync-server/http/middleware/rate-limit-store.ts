/**
 * A Redis store for express-rate-limit that survives Redis outages and hangs.
 *
 * The Lua scripts run by EVALSHA with a SHA-1 computed here, falling back to EVAL when Redis does not
 * know the script (NOSCRIPT: first use, restart, SCRIPT FLUSH). So there is no "load the scripts"
 * step whose failure could be remembered: the stock store (rate-limit-redis) keeps the promise of its
 * SCRIPT LOAD, and a load that failed while Redis was down or hung made the next request after recovery
 * fail too. Here every request simply asks Redis again.
 *
 * Every failure is thrown as a RateLimitStoreError, so the limiter can tell "Redis could not be asked"
 * from any other error. Increments run against the request's deadline (see withStoreDeadline): a hung
 * Redis costs a request at most its remaining rate-limit budget, however many limiters it passes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from "express-rate-limit";
import type { Redis } from "ioredis";

export class RateLimitStoreError extends Error {
  override name = "RateLimitStoreError";
}

/** Starts the window on the first hit; otherwise counts. Answers [hits, ms until the window ends]. */
const INCREMENT = `
local ttl = redis.call("PTTL", KEYS[1])
if ttl <= 0 then
  redis.call("SET", KEYS[1], 1, "PX", ARGV[1])
  return { 1, tonumber(ARGV[1]) }
end
return { redis.call("INCR", KEYS[1]), ttl }`;

const GET = `
return { redis.call("GET", KEYS[1]), redis.call("PTTL", KEYS[1]) }`;

const sha1 = (source: string) => createHash("sha1").update(source).digest("hex");
const SHAS = new Map([INCREMENT, GET].map((s) => [s, sha1(s)]));

async function runScript(client: Redis, source: string, key: string, ...args: string[]): Promise<unknown> {
  try {
    return await client.evalsha(SHAS.get(source)!, 1, key, ...args);
  } catch (err) {
    if (!/^NOSCRIPT/.test((err as Error).message)) throw err;
    return client.eval(source, 1, key, ...args);
  }
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

function parse(reply: unknown): ClientRateLimitInfo {
  if (!Array.isArray(reply) || reply.length !== 2) throw new RateLimitStoreError("unexpected reply from Redis");
  const totalHits = reply[0] === null ? 0 : Number(reply[0]);
  return { totalHits, resetTime: new Date(Date.now() + Number(reply[1])) };
}

export class RedisRateLimitStore implements Store {
  private windowMs = 60_000;

  constructor(
    private readonly client: Redis,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.ask(() => withinDeadline(() => runScript(this.client, INCREMENT, this.prefix + key, String(this.windowMs))).then(parse));
  }

  get(key: string): Promise<ClientRateLimitInfo> {
    return this.ask(() => withinDeadline(() => runScript(this.client, GET, this.prefix + key)).then(parse));
  }

  // Decrements run after the answer (skipSuccessfulRequests): no request waits on them, so no deadline.
  async decrement(key: string): Promise<void> {
    await this.ask(() => this.client.decr(this.prefix + key));
  }

  async resetKey(key: string): Promise<void> {
    await this.ask(() => this.client.del(this.prefix + key));
  }

  private async ask<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      throw err instanceof RateLimitStoreError ? err : new RateLimitStoreError((err as Error).message, { cause: err });
    }
  }
}
