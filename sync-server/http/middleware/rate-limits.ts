/**
 * Rate limits. Counters live in Redis so every instance shares them. Limiters on authentication fail
 * CLOSED: if Redis cannot be asked, the answer is 503 with Retry-After within a second, because letting
 * guesses through unlimited is worse than a short outage of sign-in. The general API and sync limits
 * fail open: a Redis outage must not stop tablets from syncing.
 *
 * A HUNG Redis (connection open, no answers) must not make requests wait either: all limiters of one
 * request share one deadline, LIMITS_BUDGET_MS from the first of them. A limiter that cannot get an
 * answer in what is left of it fails (closed or open, as above) at once.
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type Options } from "express-rate-limit";
import type { Redis } from "ioredis";
import type { Logger } from "../../log/logger.js";
import { sendError } from "./errors.js";
import { RateLimitStoreError, RedisRateLimitStore, withStoreDeadline } from "./rate-limit-store.js";

const MINUTE = 60_000;
/**
 * Time all rate limiters of one request may spend asking Redis, together. Redis answers in ~1 ms when well,
 * but a loaded 2-core machine delays replies by hundreds of ms (400 ms refused benchmark sign-ins); 600 ms
 * still keeps a hung Redis under one second per request.
 */
export const LIMITS_BUDGET_MS = 600;
const requestDeadlines = new WeakMap<Request, number>();

/** The request's deadline for rate-limit look-ups, fixed at its first limiter. */
function deadlineOf(req: Request): number {
  let deadline = requestDeadlines.get(req);
  if (deadline === undefined) {
    deadline = Date.now() + LIMITS_BUDGET_MS;
    requestDeadlines.set(req, deadline);
  }
  return deadline;
}

/** "in 1 minute", "in 3 minutes", "in 40 seconds": the wait a person is told, rounded up. */
export function waitPhrase(seconds: number): string {
  if (seconds < 60) return `in ${Math.max(1, seconds)} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

const TOO_MANY = (wait: string) => `Too many attempts. Please try again ${wait}.`;
/**
 * Sign-in limits also stop the real owner after someone else's guesses. The emailed sign-in link has
 * limits of its own, so it still works: say so, and the sign-in page offers the link right there.
 */
const TOO_MANY_SIGN_INS = (wait: string) =>
  `Too many failed sign-in attempts. Use a sign-in link by email instead ("Email me a sign-in link"), or try your password again ${wait}.`;

/** Sign-in limits, shared with the tests that prove them. */
/**
 * Sign-in limits, shared with the tests that prove them. Both count FAILED attempts only: a clinic's staff
 * sign in at opening time behind one internet address, and their successful sign-ins must not lock each
 * other out. Per address, 20 failures leave room for a whole clinic's typos while a guesser from one address
 * gets 20 tries per window across all accounts; per account, 10 failures from any address protect one person.
 */
export const SIGN_IN_LIMITS = { windowMs: 15 * MINUTE, failuresPerAddress: 20, failuresPerAccount: 10 } as const;

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
  const make = (name: string, config: Partial<Options>, failClosed: boolean, message = TOO_MANY): RequestHandler => {
    const windowSeconds = Math.ceil((config.windowMs as number) / 1000);
    const limiter = rateLimit({
      standardHeaders: "draft-8",
      legacyHeaders: false,
      store: opts.redis ? new RedisRateLimitStore(opts.redis, `${opts.prefix}:rl:${name}:`) : undefined,
      passOnStoreError: false, // store errors come to the wrapper below, which decides (and logs once)
      handler: (req, res) => {
        req.log?.warn({ limiter: name }, "rate limit reached");
        // The real time left in this window (the store's reset time, as in Retry-After), not the window's length.
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const retryAfterSeconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : windowSeconds;
        res.setHeader("Retry-After", String(retryAfterSeconds));
        sendError(res, req.id, "RATE_LIMITED", message(waitPhrase(retryAfterSeconds)), { retryAfterSeconds });
      },
      ...config,
      limit: Math.max(1, Math.round((config.limit as number) * scale)),
    });
    let lastReport = 0;
    return (req: Request, res: Response, next: NextFunction) => {
      // A client that hung up has no answer to wait for, and (its address gone with the connection:
      // req.ip is undefined then) nothing to be counted by. Stop here, rather than fail inside the limiter
      // (which took that for a store outage) or run the route for nobody.
      if (req.socket.destroyed || !req.ip) return void req.log?.debug({ limiter: name }, "client hung up before rate limiting");
      // The limiter is async: anything its callback throws must reach Express, not become an unhandled rejection.
      const run = () =>
        limiter(req, res, (err?: unknown) => {
          if (!err) return next();
          // Anything but "Redis could not be asked" (e.g. a request that went away) is not an outage.
          if (!(err instanceof RateLimitStoreError)) return next(err);
          if (Date.now() - lastReport > 10_000) {
            lastReport = Date.now();
            opts.log.error(
              { limiter: name, err: err.message },
              failClosed
                ? "rate limit store unavailable: refusing (fail closed)"
                : "rate limit store unavailable: not limiting (fail open)",
            );
          }
          if (!failClosed) return next();
          res.setHeader("Retry-After", "5");
          sendError(res, req.id, "SERVICE_UNAVAILABLE", "Sign-in is briefly unavailable. Please try again in a few seconds.");
        });
      void Promise.resolve(withStoreDeadline(deadlineOf(req), run)).catch(next);
    };
  };

  return {
    // Counts only failed attempts from one address (see SIGN_IN_LIMITS).
    signIn: make(
      "sign-in",
      { windowMs: SIGN_IN_LIMITS.windowMs, limit: SIGN_IN_LIMITS.failuresPerAddress, skipSuccessfulRequests: true },
      true,
      TOO_MANY_SIGN_INS,
    ),
    // Counts only failed attempts against one account, from any address.
    signInAccount: make(
      "sign-in-account",
      {
        windowMs: SIGN_IN_LIMITS.windowMs,
        limit: SIGN_IN_LIMITS.failuresPerAccount,
        skipSuccessfulRequests: true,
        keyGenerator: accountKey,
      },
      true,
      TOO_MANY_SIGN_INS,
    ),
    signup: make("sign-up", { windowMs: 60 * MINUTE, limit: 5 }, true),
    passwordReset: make("password-reset", { windowMs: 60 * MINUTE, limit: 3 }, true),
    magicLink: make("magic-link", { windowMs: 15 * MINUTE, limit: 5 }, true),
    inviteAccept: make("invite-accept", { windowMs: 15 * MINUTE, limit: 10 }, true),
    // Tokens carry 128+ bits, so guessing is hopeless anyway; this caps hammering of the consume endpoints.
    tokenConsume: make("token-consume", { windowMs: 15 * MINUTE, limit: 20 }, true),
    general: make("api", { windowMs: MINUTE, limit: 1_200 }, false),
    // Keyed by the signed-in session: one tablet cannot flood the practice's write path.
    syncPush: make(
      "sync-push",
      { windowMs: MINUTE, limit: 240, keyGenerator: (req) => `s:${req.auth?.sessionId ?? ipKeyGenerator(req.ip ?? "")}` },
      false,
    ),
  };
}
