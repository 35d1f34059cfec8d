/**
 * Sync endpoints: push (mutations in), pull (changes out) and the poke stream (contracts in shared/api/sync.ts).
 */
import { Router } from "express";
import * as contracts from "../../../shared/api/sync.js";
import type { Db } from "../../db/prisma.js";
import { pull } from "../../sync/pull.js";
import { push, pushGroups, type PushMode } from "../../sync/push.js";
import type { PokeHub } from "../../sync/poke.js";
import type { GlobalCatalogueFactory, ServerBatchMutators, ServerMutators } from "../../sync/mutator-context.js";
import type { EmailEnqueuer } from "../../email/outbox.js";
import type { Limiters } from "../middleware/rate-limits.js";
import { JsonText, route } from "../route.js";

export function syncRouter(deps: {
  db: Db;
  mutators: ServerMutators;
  batchMutators?: ServerBatchMutators;
  pokes: PokeHub;
  pushMode: PushMode;
  pushChunk: number;
  pullPageSize: number;
  relay?: EmailEnqueuer;
  limiters: Limiters;
  catalogue: GlobalCatalogueFactory;
}): Router {
  const router = Router();
  // One group commit per process: pushes of a practice that queue while one is committed go together.
  const groups =
    deps.pushMode === "per-batch"
      ? pushGroups(
          { db: deps.db, mutators: deps.mutators, batchMutators: deps.batchMutators, emails: deps.relay, catalogue: deps.catalogue },
          deps.pushChunk,
        )
      : undefined;

  route(
    router,
    contracts.push,
    async ({ body }, { auth, req }) => {
      const result = await push(
        {
          db: deps.db,
          mutators: deps.mutators,
          batchMutators: deps.batchMutators,
          log: req.log,
          mode: deps.pushMode,
          chunk: deps.pushChunk,
          emails: deps.relay,
          catalogue: deps.catalogue,
          onCommitted: (p) => deps.pokes.publish(p),
          groups,
        },
        { practiceId: auth.practiceId, userId: auth.userId, role: auth.role },
        body,
        req.id,
      );
      const rejected = result.results.filter((r) => r.status === "rejected");
      if (rejected.length)
        req.log.info({ rejected: rejected.map((r) => ({ seq: r.seq, code: "code" in r ? r.code : undefined })) }, "mutations rejected");
      return result;
    },
    // Per session, so it runs after the route guard has loaded one.
    { before: [deps.limiters.syncPush] },
  );

  route(router, contracts.pull, async ({ body }, { auth }) => {
    const answer = await pull(deps.db, { practiceId: auth.practiceId, userId: auth.userId, role: auth.role }, body, deps.pullPageSize);
    return new JsonText(answer.json);
  });

  const streamHeaders = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  };

  // HEAD would otherwise run the GET handler below, which never ends: answer the stream's headers only.
  router.head(contracts.poke.path.slice("/api".length), (_req, res) => {
    res.writeHead(200, streamHeaders).end();
  });

  // Server-Sent Events: a data-free "poke" whenever the practice changes. Heartbeats keep proxies from
  // closing an idle stream.
  route(router, contracts.poke, async (_input, { auth, req, res }) => {
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
