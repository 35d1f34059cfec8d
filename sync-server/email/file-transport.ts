/**
 * Development transport: each email becomes a readable .eml-style file (and an .html twin) under the
 * data folder, and its path is logged, so a developer can open a sign-in link without a provider.
 * Writing the same idempotency key twice overwrites the same file: no duplicates here either.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../log/logger.js";
import type { EmailTransport, OutgoingEmail } from "./transport.js";

export class FileTransport implements EmailTransport {
  readonly name = "file";

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  async send(email: OutgoingEmail, idempotencyKey: string): Promise<{ messageId: string }> {
    await mkdir(this.dir, { recursive: true });
    const base = path.join(this.dir, `${new Date().toISOString().slice(0, 10)}-${idempotencyKey}`);
    const headers = [
      `From: ${email.from}`,
      `To: ${email.to}`,
      `Subject: ${email.subject}`,
      ...(email.replyTo ? [`Reply-To: ${email.replyTo}`] : []),
      `X-Idempotency-Key: ${idempotencyKey}`,
    ];
    await writeFile(`${base}.txt`, `${headers.join("\n")}\n\n${email.text}\n`);
    await writeFile(`${base}.html`, email.html);
    for (const a of email.attachments ?? []) await writeFile(`${base}-${path.basename(a.filename)}`, a.content);
    this.log.info({ file: `${base}.txt`, to: email.to, subject: email.subject }, "email written to file (no RESEND_API_KEY set)");
    return { messageId: `file:${idempotencyKey}` };
  }
}
