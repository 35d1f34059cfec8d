/**
 * The emails the e2e server's worker sent through the Resend SDK to the local stand-in (started by
 * global-setup.ts), read over its test-only routes; and refusing a recipient there, to make a send fail.
 */
import { expect } from "vitest";

export interface CapturedEmail {
  id: string;
  /** The outbox id the worker sends as Resend's Idempotency-Key. */
  idempotencyKey: string | null;
  /** The request body as the Resend SDK sent it (attachments' content base64). */
  payload: {
    from: string;
    to: string | string[];
    subject: string;
    text?: string;
    html?: string;
    attachments?: { filename: string; content: string; content_type?: string }[];
  };
}

const recipients = (e: CapturedEmail) => (Array.isArray(e.payload.to) ? e.payload.to : [e.payload.to]).map((a) => a.toLowerCase());

/** Every email the stand-in delivered to `address`, oldest first. */
export async function capturedEmailsTo(resendUrl: string, address: string): Promise<CapturedEmail[]> {
  const res = await fetch(`${resendUrl}/_stub/emails`);
  expect(res.status).toBe(200);
  return ((await res.json()) as CapturedEmail[]).filter((e) => recipients(e).includes(address.toLowerCase()));
}

/** From now on the stand-in answers sends to `address` with 422 validation_error (a permanent failure), or no longer. */
export async function refuseEmailsTo(resendUrl: string, address: string, refuse: boolean): Promise<void> {
  const res = await fetch(`${resendUrl}/_stub/recipients/${refuse ? "reject" : "accept"}`, {
    method: "POST",
    body: JSON.stringify({ address }),
  });
  expect(res.status).toBe(200);
}

/** An attachment's text (the SDK sends its bytes base64-encoded). */
export const attachmentText = (a: { content: string }) => Buffer.from(a.content, "base64").toString("utf8");
