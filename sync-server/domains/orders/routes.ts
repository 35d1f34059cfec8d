/** Ordering's read endpoints (every write is a mutation through push). */
import { Router } from "express";
import { orderEmailState, orderEmailStates, orderSuggestions } from "../../../shared/api/orders.js";
import type { Db } from "../../db/prisma.js";
import { route } from "../../http/route.js";
import { orderEmailState as emailStateOf, openOrderEmailStates } from "./email-state.js";
import { orderSuggestions as suggestionsFor } from "./suggestions.js";

export function ordersRouter(deps: { db: Db }): Router {
  const router = Router();
  route(router, orderSuggestions, async ({ query }, { auth }) => suggestionsFor(deps.db, auth, query));
  route(router, orderEmailStates, async (_input, { auth }) => openOrderEmailStates(deps.db, auth));
  route(router, orderEmailState, async ({ params }, { auth }) => emailStateOf(deps.db, auth, params.orderId));
  return router;
}
