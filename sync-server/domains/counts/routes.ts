/** Count sessions' read endpoints (every write is a mutation through push). */
import { Router } from "express";
import { countDevices, countUncounted } from "../../../shared/api/counts.js";
import type { Db } from "../../db/prisma.js";
import { route } from "../../http/route.js";
import { countDevices as devicesOf, uncountedKeys } from "./reads.js";

export function countsRouter(deps: { db: Db }): Router {
  const router = Router();
  route(router, countDevices, async ({ params }, { auth }) => devicesOf(deps.db, auth, params.id));
  route(router, countUncounted, async ({ params }, { auth }) => uncountedKeys(deps.db, auth, params.id));
  return router;
}
