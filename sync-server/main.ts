/**
 * Plain server start for production and `npm run dev`: configuration from the environment only
 * (DATABASE_URL required). `npm start` (scripts/start.ts) adds the embedded database and demo data.
 */
import { keepServingOnUnhandledRejection } from "./process-safety.js";
import { startServer } from "./server.js";

try {
  const server = await startServer();
  keepServingOnUnhandledRejection(server.log);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      server.log.info({ signal }, "signal received");
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
} catch (err) {
  console.error(`Venzory could not start: ${(err as Error).message}`);
  process.exit(1);
}
