/** Read endpoints of the global catalogue (contracts in shared/api/catalogue.ts). */
import { Router } from "express";
import { productByGtin } from "../../../shared/api/catalogue.js";
import type { Db } from "../../db/prisma.js";
import { route } from "../../http/route.js";
import { findProductByGtin } from "./global-catalogue.js";

export function catalogueRouter(deps: { db: Db }): Router {
  const router = Router();
  route(router, productByGtin, async ({ params }) => {
    const product = await findProductByGtin(deps.db, params.gtin);
    return { product: product && { gtin: product.gtin, name: product.name, manufacturer: product.manufacturer } };
  });
  return router;
}
