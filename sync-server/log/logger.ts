/**
 * pino logs. Request-scoped children carry `requestId`, so every line about a request (and the
 * mutations it ran) can be found with one query. Secrets never reach the log: the redact list is the
 * last guard, not the first.
 *
 * One format per process: JSON for machines (production, pipes read by tools, tests), pretty lines for
 * people. `npm start` creates its own logger and the server's with the same format, so its output never
 * mixes the two.
 */
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type { Logger };
export type LogFormat = "json" | "pretty";

/** LOG_FORMAT=json|pretty wins; otherwise JSON in production (machines read it), pretty for people elsewhere. */
export function logFormat(env: NodeJS.ProcessEnv = process.env): LogFormat {
  if (env.LOG_FORMAT === "json" || env.LOG_FORMAT === "pretty") return env.LOG_FORMAT;
  return env.NODE_ENV === "production" ? "json" : "pretty";
}

/**
 * pino-pretty as a synchronous stream (no worker thread: lines come out in order with everything else
 * the process prints), or undefined when it is not installed: it is a dev dependency, absent after
 * `npm ci --omit=dev`, and then the log stays JSON.
 */
function prettyStream(destination?: NodeJS.WritableStream): DestinationStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
    return pretty({ ignore: "pid,hostname,service", translateTime: "SYS:HH:MM:ss", destination, sync: true });
  } catch {
    return undefined;
  }
}

export function createLogger(
  level: string = process.env.LOG_LEVEL ?? "info",
  opts: { format?: LogFormat; destination?: NodeJS.WritableStream } = {},
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: "venzory-sync-server" },
    redact: {
      paths: ["password", "*.password", "req.headers.cookie", "req.headers.authorization", "token", "*.token"],
      censor: "[redacted]",
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const pretty = opts.format === "pretty" ? prettyStream(opts.destination) : undefined;
  if (pretty) return pino(options, pretty);
  return opts.destination ? pino(options, opts.destination as DestinationStream) : pino(options);
}
