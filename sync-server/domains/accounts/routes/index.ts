/**
 * Accounts: sign-up, email links (magic link, password reset), invitations, members, onboarding,
 * switching practice and the platform owner console. Access per route is decided by the route table
 * (shared/auth/routes.ts) and its guard before these routers run; rules live in sync-server/domains/accounts.
 */
import { Router } from "express";
import { configureAppUrl } from "../links.js";
import type { SessionTokens } from "../../../auth/session-token.js";
import type { Db } from "../../../db/prisma.js";
import type { EmailEnqueuer } from "../../../email/outbox.js";
import { emailLinksRouter } from "./email-links.js";
import { invitesRouter } from "./invites.js";
import { ownerRouter } from "./owner.js";
import { practiceRouter } from "./practice.js";

export interface AccountDeps {
  /** Tenant-scoped work (row-level security applies). */
  db: Db;
  /**
   * Flows that start before anyone is signed in and reach across practices (an email address or a token
   * leads to a user and their practices), and the owner console: the system connection.
   */
  systemDb: Db;
  tokens: SessionTokens;
  relay?: EmailEnqueuer;
  /** Public URL of the app; links in emails point at its pages. */
  appUrl: string;
  platformOwnerEmail?: string;
}

export function accountRouter(deps: AccountDeps): Router {
  configureAppUrl(deps.appUrl);
  const router = Router();
  router.use(emailLinksRouter(deps));
  router.use(invitesRouter(deps));
  router.use(practiceRouter(deps));
  router.use(ownerRouter(deps));
  return router;
}
