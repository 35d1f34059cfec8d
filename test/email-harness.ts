/**
 * The email pipeline wired for tests: a private Redis, the Resend stand-in, the real relay, the real
 * worker (in this process) and the real Resend SDK. Retry delays are scaled down to milliseconds.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../sync-server/db/prisma.js";
import { withTransaction } from "../sync-server/db/transaction.js";
import { queueEmail } from "../sync-server/email/outbox.js";
import { createEmailQueues } from "../sync-server/email/queue.js";
import { EmailRelay } from "../sync-server/email/relay.js";
import { ResendTransport } from "../sync-server/email/resend-transport.js";
import type { EmailKind } from "../sync-server/email/templates/index.js";
import { startEmailWorker, type RunningEmailWorker } from "../sync-server/email/worker.js";
import { createLogger } from "../sync-server/log/logger.js";
import { createFastFailRedis } from "../sync-server/redis/connection.js";
import { PrivateRedis } from "./private-redis.js";
import { startResendStub, type ResendStub } from "./resend-stub.js";

export const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
export const FROM = "Venzory <orders@venzory.test>";

export interface EmailHarness {
  redis: PrivateRedis;
  stub: ResendStub;
  relay: EmailRelay;
  queues: ReturnType<typeof createEmailQueues>;
  prefix: string;
  startWorker(opts?: { sendTimeoutMs?: number }): RunningEmailWorker;
  close(): Promise<void>;
}

export async function emailHarness(db: Db, opts: { retryBaseMs?: number; maxAttempts?: number } = {}): Promise<EmailHarness> {
  const redis = await PrivateRedis.start();
  const stub = await startResendStub();
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const producer = createFastFailRedis(redis.url, "test-producer");
  producer.on("error", () => {});
  const queues = createEmailQueues(producer, prefix);
  const maxAttempts = opts.maxAttempts ?? 5;
  const relay = new EmailRelay(db, queues.emails, queues.dlq, log, { maxAttempts, sweepAfterMs: 0 });
  const workers: RunningEmailWorker[] = [];
  return {
    redis,
    stub,
    relay,
    queues,
    prefix,
    startWorker: ({ sendTimeoutMs = 2_000 } = {}) => {
      const w = startEmailWorker({
        db,
        redisUrl: redis.url,
        redisPrefix: prefix,
        log,
        from: FROM,
        concurrency: 5,
        maxAttempts,
        retryBaseMs: opts.retryBaseMs ?? 40,
        transport: new ResendTransport(stub.apiKey, stub.url, sendTimeoutMs),
      });
      workers.push(w);
      return w;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close(1_000)));
      await relay.stop();
      await queues.emails.close().catch(() => {});
      await queues.dlq.close().catch(() => {});
      producer.disconnect();
      await stub.close();
      await redis.stop();
    },
  };
}

export const orderEmailData = (orderId: string) => ({
  orderId,
  reference: "RMP-0042",
  practice: { name: "Riverside Medical Practice", addressLine: "1 River Street" },
  deliveryLocation: { name: "Storeroom" },
  supplier: { name: "MedSupplies Ltd", accountNumber: "ACC-778" },
  lines: [
    { supplierSku: "GLV-M", name: "Nitrile gloves, medium", quantity: 4, packSize: 100, unit: "box", unitPrice: "6.5000", currency: "GBP" },
  ],
  notes: "Deliver to the back door",
  orderedBy: { name: "Alex Admin", email: "admin@demo.venzory.test" },
});

/**
 * A cause and its email committed together (as a real use case does): here the cause is a location
 * created in the same transaction. Post-commit effects run after the commit, like the push does.
 */
export async function commitCauseWithEmail(
  db: Db,
  relay: EmailRelay | undefined,
  practiceId: string,
  kind: EmailKind,
  data: unknown,
  requestId = `req-${randomUUID()}`,
) {
  const effects: (() => unknown)[] = [];
  const outboxId = await withTransaction(db, async (tx) => {
    await tx.location.create({ data: { practiceId, name: `Cause ${randomUUID().slice(0, 6)}` } });
    return queueEmail({ tx, requestId, afterCommit: (e) => void effects.push(e) }, relay, {
      kind,
      practiceId,
      recipient: "orders@supplier.test",
      data,
    });
  });
  for (const e of effects) await e();
  return { outboxId, requestId };
}
