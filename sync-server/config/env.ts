/**
 * The server's configuration: every environment variable, described and validated once at boot.
 * A bad or missing value stops the process with a message naming the variable, not a stack trace.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Mutations per push transaction in per-batch mode: bounds how long one push holds the practice's lock. */
export const DEFAULT_PUSH_CHUNK = 25;

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

export const configSchema = z.object({
  NODE_ENV: z
    .enum(["development", "test", "production"])
    .default("development")
    .describe("Runtime mode; production makes every safety net mandatory."),
  HOST: z.string().default("127.0.0.1").describe("Interface the HTTP server binds to (0.0.0.0 behind a load balancer)."),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe("HTTP port for the API and the PWA."),
  DATABASE_URL: optionalUrl.describe("PostgreSQL connection string. Unset in development: an embedded PostgreSQL is started."),
  DATABASE_APP_URL: optionalUrl.describe(
    "Connection for tenant-scoped API work as the restricted role venzory_app (row-level security applies). Unset: DATABASE_URL.",
  ),
  DATABASE_SYSTEM_URL: optionalUrl.describe(
    "Connection for cross-tenant jobs (outbox relay, email worker, housekeeping) as venzory_system. Unset: DATABASE_URL.",
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().max(200).default(20).describe("PostgreSQL connections per server process."),
  SYNC_PUSH_MODE: z
    .enum(["per-mutation", "per-batch"])
    .default("per-batch")
    .describe("Push transactions: one per mutation, or one per chunk of SYNC_PUSH_CHUNK mutations with a savepoint each."),
  SYNC_PUSH_CHUNK: z.coerce
    .number()
    .int()
    .positive()
    .max(500)
    .default(DEFAULT_PUSH_CHUNK)
    .describe("Mutations per push transaction in per-batch mode; bounds how long a practice's writers wait on one push."),
  REDIS_URL: optionalUrl.describe(
    "Redis connection string (rate limits, queues, change notifications). Unset in development: a local redis-server is started when installed, else degraded mode.",
  ),
  DATA_DIR: z
    .string()
    .default(path.join(REPO_ROOT, ".venzory"))
    .describe("Folder for local data: embedded PostgreSQL, local Redis, development emails, generated secrets."),
  SESSION_SECRET: z
    .string()
    .min(32, "SESSION_SECRET must be at least 32 characters")
    .optional()
    .describe("Key that signs session cookies. Required in production; generated and kept in DATA_DIR otherwise."),
  CSRF_SECRET: z
    .string()
    .min(32, "CSRF_SECRET must be at least 32 characters")
    .optional()
    .describe("Key that signs CSRF tokens. Required in production; generated and kept in DATA_DIR otherwise."),
  STATIC_DIR: z.string().default(path.join(REPO_ROOT, "dist/client")).describe("Built PWA served on the same origin as the API."),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info").describe("Minimum pino log level."),
  TRUST_PROXY: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe("Number of reverse proxies in front of the server (for client IPs and Secure cookies)."),
  TOMBSTONE_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .positive()
    .default(30)
    .describe("How long deletes are kept for incremental pulls; older cursors get a reset."),
  PULL_PAGE_SIZE: z.coerce
    .number()
    .int()
    .positive()
    .max(5000)
    .default(2000)
    .describe("Rows per pull page unless the client asks for fewer."),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("venzory")
    .describe("Namespace for queues, heartbeats and pub/sub channels, so deployments (or test runs) can share one Redis."),
  APP_URL: optionalUrl.describe("Public URL of the app, used in links inside emails (defaults to http://localhost:PORT)."),
  PLATFORM_OWNER_EMAIL: z
    .preprocess((v) => (v === "" ? undefined : v), z.email().optional())
    .describe(
      "Email of the platform owner account, the only one that sees the cross-practice console (GET /api/owner/practices). Unset: nobody.",
    ),
  RESEND_API_KEY: z
    .string()
    .min(1)
    .optional()
    .describe("Resend API key. Required in production; without it emails are written as files under DATA_DIR/emails."),
  RESEND_BASE_URL: optionalUrl.describe("Overrides the Resend API address (tests point it at a local stand-in)."),
  EMAIL_FROM: z.string().default("Venzory <no-reply@venzory.app>").describe("Sender of every email."),
  EMAIL_WORKER_CONCURRENCY: z.coerce.number().int().positive().max(100).default(5).describe("Emails one worker process sends at once."),
  EMAIL_MAX_ATTEMPTS: z.coerce.number().int().positive().max(20).default(5).describe("Delivery attempts before an email is dead-lettered."),
  EMAIL_RETRY_BASE_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(60_000)
    .describe("First retry delay; later retries wait 2^attempt times it, capped at 60 times it."),
  EMAIL_SEND_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15_000)
    .describe("How long one call to the email provider may take before it counts as failed (and is retried)."),
  EMAIL_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15_000)
    .describe("How often the outbox sweep looks for emails that never reached the queue."),
  EMAIL_SWEEP_AFTER_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(10_000)
    .describe("An outbox row pending this long without reaching the queue is enqueued by the sweep."),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000).describe("Grace period for in-flight requests on SIGTERM."),
});

export type Config = z.infer<typeof configSchema>;

/** Parses `env` (process.env by default); throws an Error listing every bad variable with its description. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0]);
      const description = configSchema.shape[key as keyof Config]?.description ?? "";
      return `  ${key}: ${i.message}${description ? ` — ${description}` : ""}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === "production") {
    const missing = (
      ["DATABASE_URL", "DATABASE_APP_URL", "DATABASE_SYSTEM_URL", "REDIS_URL", "SESSION_SECRET", "CSRF_SECRET", "RESEND_API_KEY"] as const
    ).filter((k) => !config[k]);
    if (missing.length) throw new Error(`Invalid configuration: ${missing.join(", ")} must be set in production.`);
  }
  return config;
}
