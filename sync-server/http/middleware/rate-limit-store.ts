/**
 * A Redis store for express-rate-limit that survives Redis outages. The stock store loads its Lua
 * scripts once at start-up: if Redis is down then, the failed load is remembered forever and the
 * limiter never recovers (and the rejection is unhandled). This one reloads the scripts after any
 * failure, so limiting resumes by itself as soon as Redis answers again.
 */
import type { Redis } from "ioredis";
import { RedisStore } from "rate-limit-redis";

export class ResilientRedisStore extends RedisStore {
  constructor(client: Redis, prefix: string) {
    super({
      prefix,
      // `call` sends a raw command; the client fails fast (no offline queue), so an outage is an error now, not a hang.
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as never,
    });
  }

  override async init(options: { windowMs: number }): Promise<void> {
    this.windowMs = options.windowMs;
    this.reloadScripts();
  }

  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (err) {
      this.reloadScripts();
      throw err;
    }
  }

  override async get(key: string) {
    try {
      return await super.get(key);
    } catch (err) {
      this.reloadScripts();
      throw err;
    }
  }

  private reloadScripts(): void {
    this.incrementScriptSha = this.loadIncrementScript();
    this.getScriptSha = this.loadGetScript();
    // Awaited (and reported) where used; here only kept from becoming unhandled rejections.
    this.incrementScriptSha.catch(() => {});
    this.getScriptSha.catch(() => {});
  }
}
