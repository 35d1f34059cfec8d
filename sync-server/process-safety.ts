/**
 * Last line of defence for a running API process. A rejected promise that nobody handled is a bug, but
 * by itself it corrupts no state: crashing for it would drop every in-flight request and every open poke
 * stream of every tablet. So it is logged loudly (tests look for the line) and the process keeps serving.
 * Uncaught exceptions are left to Node's default (exit): after one, state may be inconsistent.
 */
import type { Logger } from "./log/logger.js";

export const UNHANDLED_REJECTION_LOG = "unhandled promise rejection (a bug: every promise must be handled)";

export function keepServingOnUnhandledRejection(log: Logger): void {
  process.on("unhandledRejection", (reason) => {
    log.error({ err: reason }, UNHANDLED_REJECTION_LOG);
  });
}
