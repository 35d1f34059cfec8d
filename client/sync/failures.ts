import { ApiError, NetworkError, ProtocolError } from "../api/errors.js";

/** Thrown when the server asked to retry later (`stopped.reason === "retry"`). */
export class RetryLaterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLaterError";
  }
}

/** Thrown when sync cannot make progress without a human (e.g. the server lost seqs we no longer hold). */
export class SyncStuckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncStuckError";
  }
}

export type FailureKind = "retry" | "auth" | "clientMismatch" | "schemaTooOld" | "stuck";

/**
 * What a failed push or pull means for the engine. Anything not clearly permanent is retried with
 * backoff: losing the outbox is never an option, so "give up" is not a kind.
 */
export function classifyFailure(e: unknown): FailureKind {
  if (e instanceof ApiError) {
    if (e.status === 401) return "auth";
    if (e.code === "CLIENT_MISMATCH") return "clientMismatch";
    if (e.status === 426 || e.code === "SCHEMA_TOO_OLD") return "schemaTooOld";
    return "retry";
  }
  if (e instanceof SyncStuckError) return "stuck";
  if (e instanceof NetworkError || e instanceof ProtocolError || e instanceof RetryLaterError) return "retry";
  // Unexpected local errors (a Dexie failure, a bug): retrying later is the safe default.
  return "retry";
}

/** A short message for the status bar. */
export function describeFailure(e: unknown): string {
  if (e instanceof NetworkError) return "Cannot reach the server.";
  if (e instanceof Error) return e.message;
  return String(e);
}
