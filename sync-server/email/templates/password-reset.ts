/** Password reset link. */
import { z } from "zod";
import { escapeHtml } from "./escape.js";
import { button, formatDuration, heading, htmlDocument, mutedHtml, paragraphHtml, textDocument, type RenderedEmail } from "./layout.js";
import { httpUrl, optionalText, positiveInt } from "./fields.js";

export const passwordResetSchema = z.object({
  userName: optionalText,
  resetUrl: httpUrl,
  expiresInMinutes: positiveInt,
});

export type PasswordResetEmailData = z.output<typeof passwordResetSchema>;

const IGNORE = "If you did not ask to reset your password, you can ignore this email. Your password stays the same until you choose a new one with this link.";

export function renderPasswordReset(data: PasswordResetEmailData): RenderedEmail {
  const subject = "Reset your Venzory password";
  const duration = formatDuration(data.expiresInMinutes);
  const greeting = (name: string | undefined): string => (name ? `Hello ${name},` : "Hello,");

  const html = htmlDocument({
    title: subject,
    preheader: `Choose a new Venzory password. The link expires in ${duration}.`,
    bodyHtml: [
      heading("Reset your password"),
      paragraphHtml(escapeHtml(greeting(data.userName))),
      paragraphHtml("We received a request to reset the password for your Venzory account. Use the button below to choose a new one."),
      button(data.resetUrl, "Choose a new password"),
      paragraphHtml(`This link expires in <strong>${duration}</strong>. If it has expired, request a new one from the sign-in page.`),
    ].join("\n"),
    footerHtml: mutedHtml(escapeHtml(IGNORE)),
  });

  const text = textDocument(
    [
      greeting(data.userName),
      "We received a request to reset the password for your Venzory account. Use the link below to choose a new one.",
      `Choose a new password:\n${data.resetUrl}`,
      `This link expires in ${duration}. If it has expired, request a new one from the sign-in page.`,
    ],
    [IGNORE],
  );

  return { subject, html, text };
}
