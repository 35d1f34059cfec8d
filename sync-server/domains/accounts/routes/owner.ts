/** The platform owner console (read-only counts across practices); NOT_FOUND for everyone else. */
import { Router } from "express";
import { ownerPractices } from "../../../../shared/api/owner.js";
import { route } from "../../../http/route.js";
import { assertPlatformOwner, practiceOverview } from "../owner-console.js";
import type { AccountDeps } from "./index.js";

export function ownerRouter(deps: AccountDeps): Router {
  const router = Router();
  route(router, ownerPractices, async (_input, { auth }) => {
    assertPlatformOwner(auth.email, deps.platformOwnerEmail);
    return practiceOverview(deps.systemDb);
  });
  return router;
}
