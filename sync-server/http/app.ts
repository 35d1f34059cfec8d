/**
 * The Express application: middleware chain, API routers, and the built PWA on the same origin.
 */
import path from "node:path";
import { existsSync } from "node:fs";
import compression from "compression";
import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import type { Redis } from "ioredis";
import type { SessionTokens } from "../auth/session-token.js";
import type { Db } from "../db/prisma.js";
import type { Logger } from "../log/logger.js";
import type { PokeHub } from "../sync/poke.js";
import type { PushMode } from "../sync/push.js";
import type { createEmailQueues } from "../email/queue.js";
import type { EmailRelay } from "../email/relay.js";
import { routeGuard } from "./middleware/route-guard.js";
import { securityHeaders } from "./security-headers.js";
import { serveClient } from "./static.js";
import { csrfProtection, type CsrfTokens } from "./middleware/csrf.js";
import type { Limiters } from "./middleware/rate-limits.js";
import { apiNotFound, errorHandler } from "./middleware/errors.js";
import { requestContext } from "./middleware/request-context.js";
import { authRouter } from "../domains/accounts/routes/auth.js";
import { accountRouter } from "../domains/accounts/routes/index.js";
import { csrfRouter } from "./routes/csrf.js";
import { healthRouter } from "./routes/health.js";
import { sessionsRouter } from "../domains/accounts/routes/sessions.js";
import { emailsRouter } from "../domains/emails/routes.js";
import { syncRouter } from "./routes/sync.js";
import { SERVER_BATCH_MUTATORS, SERVER_MUTATORS } from "../domains/server-mutators.js";
import { globalCatalogue } from "../domains/catalogue/global-catalogue.js";
import { catalogueRouter } from "../domains/catalogue/routes.js";
import { suppliersRouter } from "../domains/suppliers/routes.js";
import { countsRouter } from "../domains/counts/routes.js";
import { ordersRouter } from "../domains/orders/routes.js";
import { stockRouter } from "../domains/stock/routes.js";

export interface AppDeps {
  db: Db;
  /** Cross-tenant connection (pipeline health); the same client as `db` when no roles are split. */
  systemDb: Db;
  log: Logger;
  tokens: SessionTokens;
  csrf: CsrfTokens;
  limiters: Limiters;
  pokes: PokeHub;
  redis?: Redis;
  queues?: ReturnType<typeof createEmailQueues>;
  relay?: EmailRelay;
  redisPrefix: string;
  staticDir: string;
  trustProxy: number;
  pushMode: PushMode;
  pushChunk: number;
  pullPageSize: number;
  production: boolean;
  appUrl: string;
  platformOwnerEmail?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.trustProxy);
  app.use(requestContext(deps.log));
  // First, so every answer below (errors, 404s, the static files) carries them.
  app.use(securityHeaders({ production: deps.production }));

  const api = express.Router();
  // Pull pages are repetitive JSON (≈7× smaller gzipped). The poke stream must not be buffered by it.
  api.use(compression({ filter: (req, res) => !req.path.endsWith("/poke") && compression.filter(req, res) }));
  // Before the body parser: its 400 (malformed JSON) and 413 (too large) are API answers too.
  api.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  api.use(express.json({ limit: "2mb" }));
  api.use(cookieParser());
  api.use(deps.limiters.general);
  api.use(csrfProtection(deps.csrf));
  // Limits on authentication, by path, ahead of the routers that answer them.
  api.post("/auth/login", deps.limiters.signIn, deps.limiters.signInAccount);
  api.post("/auth/signup", deps.limiters.signup);
  api.post("/auth/password-reset", deps.limiters.passwordReset);
  api.post("/auth/magic-link", deps.limiters.magicLink);
  api.post("/auth/invite/accept", deps.limiters.inviteAccept);
  api.post(["/auth/magic-link/consume", "/auth/password-reset/consume"], deps.limiters.tokenConsume);
  // Who may call what (shared/auth/routes.ts): authenticates and authorises before any router runs.
  api.use(routeGuard(deps.db, deps.tokens));
  // Every route below is registered from its contract (shared/api) through http/route.ts, at /api.
  api.use(csrfRouter(deps.csrf));
  api.use(healthRouter({ db: deps.db, systemDb: deps.systemDb, redis: deps.redis, queues: deps.queues, redisPrefix: deps.redisPrefix }));
  api.use(authRouter({ db: deps.db, systemDb: deps.systemDb, tokens: deps.tokens, platformOwnerEmail: deps.platformOwnerEmail }));
  api.use(
    accountRouter({
      db: deps.db,
      systemDb: deps.systemDb,
      tokens: deps.tokens,
      relay: deps.relay,
      appUrl: deps.appUrl,
      platformOwnerEmail: deps.platformOwnerEmail,
    }),
  );
  api.use(sessionsRouter({ db: deps.db, tokens: deps.tokens }));
  // Mutators reach the global catalogue only through this audited capability on the system connection.
  api.use(
    syncRouter({ ...deps, mutators: SERVER_MUTATORS, batchMutators: SERVER_BATCH_MUTATORS, catalogue: globalCatalogue(deps.systemDb) }),
  );
  api.use(emailsRouter(deps));
  api.use(catalogueRouter(deps));
  api.use(suppliersRouter(deps));
  api.use(countsRouter(deps));
  api.use(ordersRouter(deps));
  api.use(stockRouter(deps));
  api.use(apiNotFound());
  app.use("/api", api);

  if (existsSync(path.join(deps.staticDir, "index.html"))) serveClient(app, deps.staticDir);
  // Our own 404 for everything else: Express's default one carries a CSP of its own.
  app.use(apiNotFound());
  app.use(errorHandler());
  return app;
}
