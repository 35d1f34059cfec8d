/** Read endpoints of the supplier domain (contracts in shared/api/suppliers.ts; writes are mutations). */
import { Router } from "express";
import { supplierDirectory } from "../../../shared/api/suppliers.js";
import type { Db } from "../../db/prisma.js";
import { route } from "../../http/route.js";
import { searchDirectory } from "./directory.js";

export function suppliersRouter(deps: { db: Db }): Router {
  const router = Router();
  route(router, supplierDirectory, async ({ query }) => ({ suppliers: await searchDirectory(deps.db, query.q, query.limit) }));
  return router;
}
