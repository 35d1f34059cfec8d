/**
 * Rate limits. Counters live in Redis so every instance shares them. Limiters on authentication fail
 * CLOSED: if Redis cannot be asked, the answer is 503 with Retry-After within a second, because letting
 * guesses through unlimited is worse than a short outage of sign-in. The general API and sync limits
 * fail open: a Redis outage must not stop tablets from syncing.
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type Options } from "express-rate-limit";
import type { Redis } from "ioredis";
import type { Logger } from "../../log/logger.js";
import { sendError } from "./errors.js";
import { ResilientRedisStore } from "./rate-limit-store.js";

const MINUTE = 60_000;

export interface Limiters {
  signIn: RequestHandler;
  signInAccount: RequestHandler;
  signup: RequestHandler;
  passwordReset: RequestHandler;
  magicLink: RequestHandler;
  inviteAccept: RequestHandler;
  tokenConsume: RequestHandler;
  general: RequestHandler;
  syncPush: RequestHandler;
}

/** The e-mail address in the body, normalised, or the IP when there is none (per-account limits). */
const accountKey = (req: Request) => {
  const email = typeof req.body?.email === "string" ? req.body.email.trim().toLowerCase() : "";
  return email ? `acct:${email}` : `ip:${ipKeyGenerator(req.ip ?? "")}`;
};

export function createLimiters(opts: { redis?: Redis; prefix: string; log: Logger; limitsScale?: number }): Limiters {
  const scale = opts.limitsScale ?? 1;
  const make = (name: string, config: Partial<Options>, failClosed: boolean): RequestHandler => {
    const limiter = rateLimit({
      standardHeaders: "draft-8",
      legacyHeaders: false,
      store: opts.redis ? new ResilientRedisStore(opts.redis, `${opts.prefix}:rl:${name}:`) : undefined,
      passOnStoreError: false, // store errors come to the wrapper below, which decides (and logs once)
      handler: (req, res) => {
        req.log?.warn({ limiter: name }, "rate limit reached");
        sendError(res, req.id, "RATE_LIMITED", "Too many attempts. Please wait a little and try again.");
      },
      ...config,
      limit: Math.max(1, Math.round((config.limit as number) * scale)),
    });
    let lastReport = 0;
    return (req: Request, res: Response, next: NextFunction) =>
      limiter(req, res, (err?: unknown) => {
        if (!err) return next();
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          opts.log.error({ limiter: name, err: (err as Error).message }, failClosed ? "rate limit store unavailable: refusing (fail closed)" : "rate limit store unavailable: not limiting (fail open)");
        }
        if (!failClosed) return next();
        res.setHeader("Retry-After", "5");
        sendError(res, req.id, "SERVICE_UNAVAILABLE", "Sign-in is briefly unavailable. Please try again in a few seconds.");
      });
  };

  return {
    signIn: make("sign-in", { windowMs: 15 * MINUTE, limit: 10 }, true),
    // Counts only failed attempts against one account, from any address.
    signInAccount: make("sign-in-account", { windowMs: 15 * MINUTE, limit: 10, skipSuccessfulRequests: true, keyGenerator: accountKey }, true),
    signup: make("sign-up", { windowMs: 60 * MINUTE, limit: 5 }, true),
    passwordReset: make("password-reset", { windowMs: 60 * MINUTE, limit: 3 }, true),
    magicLink: make("magic-link", { windowMs: 15 * MINUTE, limit: 5 }, true),
    inviteAccept: make("invite-accept", { windowMs: 15 * MINUTE, limit: 10 }, true),
    // Tokens carry 128+ bits, so guessing is hopeless anyway; this caps hammering of the consume endpoints.
    tokenConsume: make("token-consume", { windowMs: 15 * MINUTE, limit: 20 }, true),
    general: make("api", { windowMs: MINUTE, limit: 1_200 }, false),
    // Keyed by the signed-in session: one tablet cannot flood the practice's write path.
    syncPush: make("sync-push", { windowMs: MINUTE, limit: 240, keyGenerator: (req) => `s:${req.auth?.sessionId ?? ipKeyGenerator(req.ip ?? "")}` }, false),
  };
}
