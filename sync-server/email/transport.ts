/**
 * Where emails go. A transport either returns the provider's message id or throws an EmailSendError
 * that says whether trying again could help.
 */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Where replies go (an order email's replies reach the person who ordered). */
  replyTo?: string;
  /** Files sent with it (an order's CSV of its lines). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface EmailTransport {
  readonly name: string;
  /** `idempotencyKey` is the outbox id: the provider must not send the same key twice. */
  send(email: OutgoingEmail, idempotencyKey: string): Promise<{ messageId: string }>;
}

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly providerCode: string | null,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "EmailSendError";
  }
}

/**
 * Provider errors worth retrying with the same key: no answer at all (network, timeout), 5xx, 429, and
 * a concurrent request with the same key still in flight. Everything else (validation, a key reused
 * with another body, auth) will fail the same way again.
 */
export function isRetryableProviderError(status: number | null, name: string | null): boolean {
  if (name === "concurrent_idempotent_requests") return true;
  if (name === "invalid_idempotent_request") return false;
  if (status === null) return true;
  return status >= 500 || status === 429;
}
