/** Failed emails of the caller's practice, for admins (retrying one is the `email.retry` mutation). */
import { Router } from "express";
import { failedEmails } from "../../../shared/api/emails.js";
import type { Db } from "../../db/prisma.js";
import { route } from "../../http/route.js";
import { listFailedEmails } from "./failed-emails.js";

export function emailsRouter(deps: { db: Db }): Router {
  const router = Router();
  route(router, failedEmails, async ({ query }, { auth }) => listFailedEmails(deps.db, auth.practiceId, query));
  return router;
}
