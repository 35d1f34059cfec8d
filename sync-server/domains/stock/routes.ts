/** Stock read endpoints (every write is a mutation through push). */
import { Router } from "express";
import { lotMovements } from "../../../shared/api/stock.js";
import type { Db } from "../../db/prisma.js";
import { route } from "../../http/route.js";
import { lotMovements as movementsOfLot } from "./lot-movements.js";

export function stockRouter(deps: { db: Db }): Router {
  const router = Router();
  route(router, lotMovements, async ({ params, query }, { auth }) => movementsOfLot(deps.db, auth, params.batchId, query));
  return router;
}
