/** The platform owner console (read-only counts across practices); NOT_FOUND for everyone else. */
import { Router } from "express";
import { assertPlatformOwner, practiceOverview } from "../owner-console.js";
import { authOf } from "../../../http/middleware/authenticate.js";
import type { AccountDeps } from "./index.js";

export function ownerRouter(deps: AccountDeps): Router {
  const router = Router();
  router.get("/owner/practices", async (req, res) => {
    assertPlatformOwner(authOf(req).email, deps.platformOwnerEmail);
    res.json(await practiceOverview(deps.systemDb));
  });
  return router;
}
