/**
 * Routes about the signed-in member's practice that are reads (writes are mutations through the sync
 * push): the member list, the onboarding checklist, and switching to another practice of the user.
 */
import { Router } from "express";
import { z } from "zod";
import { listMembers } from "../members.js";
import { onboardingStatus } from "../onboarding.js";
import { switchPractice } from "../switch-practice.js";
import { withTransaction } from "../../../db/transaction.js";
import { authOf } from "../../../http/middleware/authenticate.js";
import { parse } from "../../../http/validate.js";
import { meta, startSession } from "./sign-in.js";
import type { AccountDeps } from "./index.js";

export function practiceRouter(deps: AccountDeps): Router {
  const router = Router();

  router.get("/members", async (req, res) => {
    const viewer = authOf(req);
    res.json(await withTransaction(deps.db, (tx) => listMembers(tx, viewer), { practiceId: viewer.practiceId }));
  });

  router.get("/onboarding", async (req, res) => {
    const { practiceId } = authOf(req);
    res.json(await withTransaction(deps.db, (tx) => onboardingStatus(tx, practiceId), { practiceId }));
  });

  router.post("/auth/switch-practice", async (req, res) => {
    const { practiceId } = parse(z.object({ practiceId: z.uuid() }), req.body);
    await startSession(req, res, deps, await switchPractice(deps.db, authOf(req), practiceId, meta(req)));
  });

  return router;
}
