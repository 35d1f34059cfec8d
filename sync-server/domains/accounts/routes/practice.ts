/**
 * Routes about the signed-in member's practice that are reads (writes are mutations through the sync
 * push): the member list, the onboarding checklist, and switching to another practice of the user.
 */
import { Router } from "express";
import { members, onboarding } from "../../../../shared/api/practice.js";
import { switchPractice as switchContract } from "../../../../shared/api/sessions.js";
import { route } from "../../../http/route.js";
import { readMembers, readOnboarding } from "../practice-reads.js";
import { switchPractice } from "../switch-practice.js";
import { meta, startSession } from "./sign-in.js";
import type { AccountDeps } from "./index.js";

export function practiceRouter(deps: AccountDeps): Router {
  const router = Router();
  route(router, members, async (_input, { auth }) => readMembers(deps.db, auth));
  route(router, onboarding, async (_input, { auth }) => readOnboarding(deps.db, auth.practiceId));
  route(router, switchContract, async ({ body }, { auth, req, res }) =>
    startSession(req, res, deps, await switchPractice(deps.db, auth, body.practiceId, meta(req))),
  );
  return router;
}
