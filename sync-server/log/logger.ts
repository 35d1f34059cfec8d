/**
 * pino JSON logs. Request-scoped children carry `requestId`, so every line about a request (and the
 * mutations it ran) can be found with one query. Secrets never reach the log: the redact list is the
 * last guard, not the first.
 */
import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { service: "venzory-sync-server" },
    redact: { paths: ["password", "*.password", "req.headers.cookie", "req.headers.authorization", "token", "*.token"], censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
