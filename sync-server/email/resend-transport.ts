/** Sends through Resend with the outbox id as idempotency key; every call has a deadline. */
import { Resend } from "resend";
import { EmailSendError, isRetryableProviderError, type EmailTransport, type OutgoingEmail } from "./transport.js";

export class ResendTransport implements EmailTransport {
  readonly name = "resend";
  private readonly client: Resend;

  constructor(
    apiKey: string,
    baseUrl: string | undefined,
    private readonly timeoutMs: number,
  ) {
    this.client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  }

  async send(email: OutgoingEmail, idempotencyKey: string): Promise<{ messageId: string }> {
    let result: Awaited<ReturnType<Resend["emails"]["send"]>>;
    try {
      // The SDK passes `signal` on to fetch; a timeout (like a network error) comes back as an error with
      // statusCode null, i.e. "unknown whether it was sent": retried with the same key.
      const { attachments, ...rest } = email;
      const payload = {
        ...rest,
        // Bytes, which the SDK sends base64-encoded as the API expects (text content would be taken as base64 already).
        ...(attachments?.length && {
          attachments: attachments.map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.content, "utf8"),
            contentType: a.contentType,
          })),
        }),
      };
      result = await this.client.emails.send(payload, { idempotencyKey, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new EmailSendError(`provider call failed: ${(err as Error).message}`, true, null, null);
    }
    if (result.error || !result.data) {
      const e = (result.error ?? {}) as { name?: string; message?: string; statusCode?: number | null };
      const status = typeof e.statusCode === "number" ? e.statusCode : null;
      const name = e.name ?? null;
      throw new EmailSendError(
        `${name ?? "error"}${status ? ` (${status})` : ""}: ${e.message ?? "no message"}`,
        isRetryableProviderError(status, name),
        name,
        status,
      );
    }
    return { messageId: result.data.id };
  }
}
