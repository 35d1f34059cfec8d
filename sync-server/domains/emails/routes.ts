/** Failed emails of the caller's practice, for admins (retrying one is the `email.retry` mutation). */
import { Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/prisma.js";
import { withTransaction } from "../../db/transaction.js";
import { authOf } from "../../http/middleware/authenticate.js";
import { parse } from "../../http/validate.js";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.iso.datetime().optional(),
});

export function emailsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.get("/failed", async (req, res) => {
    const { limit, before } = parse(query, req.query);
    const { practiceId } = authOf(req);
    const rows = await withTransaction(
      deps.db,
      (tx) =>
        tx.emailOutbox.findMany({
          where: { practiceId, status: "DEAD", ...(before ? { deadAt: { lt: new Date(before) } } : {}) },
          orderBy: { deadAt: "desc" },
          take: limit,
          select: { id: true, kind: true, recipient: true, attempts: true, lastError: true, deadAt: true, createdAt: true },
        }),
      { practiceId },
    );
    res.json({ emails: rows, next: rows.length === limit ? rows.at(-1)!.deadAt!.toISOString() : null });
  });
  return router;
}
