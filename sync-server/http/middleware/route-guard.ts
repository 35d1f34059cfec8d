/**
 * The route guard: applies shared/auth/routes.ts to every API request before any router runs.
 * Unknown routes are answered 404 here (default deny); routes needing a session authenticate; routes
 * needing a permission are refused with 403 (and audited) when the role lacks it.
 */
import type { NextFunction, Request, Response } from "express";
import { can } from "../../../shared/auth/roles.js";
import { routeAccessFor } from "../../../shared/auth/routes.js";
import { DomainError } from "../../../shared/errors.js";
import type { SessionTokens } from "../../auth/session-token.js";
import type { Db } from "../../db/prisma.js";
import { writeAudit } from "../../audit/audit.js";
import { withTransaction } from "../../db/transaction.js";
import { authenticateRequest } from "./authenticate.js";

export function routeGuard(db: Db, tokens: SessionTokens) {
  // Every await is inside the try: whatever fails (a database that is away included) reaches the error
  // handler through `next`, and nothing is left as an unhandled rejection.
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      const route = routeAccessFor(req.method, req.baseUrl + req.path);
      if (!route) throw new DomainError("NOT_FOUND", "Not found.");
      const access = route.access;
      if (access === "public") return next();
      const auth = await authenticateRequest(db, tokens, req);
      if (access !== "session" && !can(auth.role, access)) {
        // Denied access is audited; the answer says only that the role may not do this.
        await withTransaction(
          db,
          (tx) =>
            writeAudit(tx, {
              practiceId: auth.practiceId,
              actorId: auth.userId,
              action: "access.denied",
              entity: "route",
              entityId: route.key,
              requestId: req.id,
              ip: req.ip ?? null,
            }),
          { practiceId: auth.practiceId },
        );
        throw new DomainError("FORBIDDEN", "Your role does not allow this.");
      }
    } catch (err) {
      return next(err);
    }
    next();
  };
}
