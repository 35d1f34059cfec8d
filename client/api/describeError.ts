import { isApiError, isNetworkError } from "./errors.js";

/** What the user should read for a failed request: the server's own message when there is one. */
export function describeError(err: unknown): string {
  if (isNetworkError(err)) return "Cannot reach the server. Check the connection and try again.";
  if (isApiError(err)) return err.message;
  return err instanceof Error && err.message ? err.message : "Something went wrong. Please try again.";
}
