/** GET /api/auth/csrf: hands the current CSRF token to clients that cannot read cookies (tests, tools). */
import { Router } from "express";
import { csrfToken } from "../../../shared/api/sign-in.js";
import { ensureCookie, type CsrfTokens } from "../middleware/csrf.js";
import { route } from "../route.js";

export function csrfRouter(tokens: CsrfTokens): Router {
  const router = Router();
  route(router, csrfToken, async (_input, { req, res }) => ({ token: ensureCookie(tokens, req, res), header: "X-CSRF-Token" as const }));
  return router;
}
