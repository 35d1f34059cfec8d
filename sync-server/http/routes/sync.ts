/**
 * Sync endpoints: push (mutations in), pull (changes out) and the poke stream.
 */
import { Router } from "express";
import { pullRequest } from "../../../shared/protocol/pull.js";
import { pushRequest } from "../../../shared/protocol/push.js";
import type { Db } from "../../db/prisma.js";
import { pull } from "../../sync/pull.js";
import { push, type PushMode } from "../../sync/push.js";
import type { PokeHub } from "../../sync/poke.js";
import type { EmailEnqueuer } from "../../email/outbox.js";
import type { Limiters } from "../middleware/rate-limits.js";
import { authOf } from "../middleware/authenticate.js";
import { parse } from "../validate.js";

export function syncRouter(deps: { db: Db; pokes: PokeHub; pushMode: PushMode; pushChunk: number; pullPageSize: number; relay?: EmailEnqueuer; limiters: Limiters }): Router {
  const router = Router();

  router.post("/push", deps.limiters.syncPush, async (req, res) => {
    const auth = authOf(req);
    const body = parse(pushRequest, req.body);
    const result = await push(
      { db: deps.db, log: req.log, mode: deps.pushMode, chunk: deps.pushChunk, emails: deps.relay, onCommitted: (p) => deps.pokes.publish(p) },
      { practiceId: auth.practiceId, userId: auth.userId, role: auth.role },
      body,
      req.id,
    );
    const rejected = result.results.filter((r) => r.status === "rejected");
    if (rejected.length) req.log.info({ rejected: rejected.map((r) => ({ seq: r.seq, code: "code" in r ? r.code : undefined })) }, "mutations rejected");
    res.json(result);
  });

  router.post("/pull", async (req, res) => {
    const auth = authOf(req);
    const body = parse(pullRequest, req.body);
    res.json(await pull(deps.db, { practiceId: auth.practiceId, userId: auth.userId }, body, deps.pullPageSize));
  });

  const streamHeaders = { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" };

  // HEAD would otherwise run the GET handler below, which never ends: answer the stream's headers only.
  router.head("/poke", (_req, res) => {
    res.writeHead(200, streamHeaders).end();
  });

  // Server-Sent Events: a data-free "poke" whenever the practice changes. Heartbeats keep proxies from
  // closing an idle stream.
  router.get("/poke", (req, res) => {
    const auth = authOf(req);
    res.writeHead(200, streamHeaders);
    res.write("retry: 3000\n\n");
    let pending: NodeJS.Timeout | undefined;
    const stop = deps.pokes.listen(auth.practiceId, () => {
      // Coalesce bursts (a batch of mutations) into one poke.
      pending ??= setTimeout(() => {
        pending = undefined;
        res.write("event: poke\ndata: {}\n\n");
      }, 50);
    });
    const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), 25_000);
    const untrack = deps.pokes.trackStream(() => res.end());
    req.on("close", () => {
      stop();
      untrack();
      clearInterval(heartbeat);
      if (pending) clearTimeout(pending);
    });
  });

  return router;
}
