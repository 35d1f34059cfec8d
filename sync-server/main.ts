/**
 * Plain server start for production and `npm run dev`: configuration from the environment only
 * (DATABASE_URL required). `npm start` (scripts/start.ts) adds the embedded database and demo data.
 * Works on a fresh clone: the generated Prisma client is made (or its absence explained) before any
 * module that loads it is imported.
 */
import { ensurePrismaClient } from "../scripts/prepare.js";

try {
  await ensurePrismaClient(console.error, { onlyIfMissing: process.env.NODE_ENV === "production" });
  const { keepServingOnUnhandledRejection } = await import("./process-safety.js");
  const { startServer } = await import("./server.js");
  const server = await startServer();
  keepServingOnUnhandledRejection(server.log);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      server.log.info({ signal }, "signal received");
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (err) {
  console.error(`Venzory could not start: ${(err as Error).message}`);
  process.exit(1);
}
