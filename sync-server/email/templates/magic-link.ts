/** Passwordless sign-in link. */
import { z } from "zod";
import { escapeHtml } from "./escape.js";
import { button, formatDuration, heading, htmlDocument, mutedHtml, paragraphHtml, textDocument, type RenderedEmail } from "./layout.js";
import { httpUrl, optionalText, positiveInt } from "./fields.js";

export const magicLinkSchema = z.object({
  userName: optionalText,
  signInUrl: httpUrl,
  expiresInMinutes: positiveInt,
});

export type MagicLinkEmailData = z.output<typeof magicLinkSchema>;

const IGNORE = "If you did not ask to sign in, you can ignore this email. Nobody can use this link unless they have access to your inbox.";

export function renderMagicLink(data: MagicLinkEmailData): RenderedEmail {
  const subject = "Your Venzory sign-in link";
  const duration = formatDuration(data.expiresInMinutes);
  const greeting = (name: string | undefined): string => (name ? `Hello ${name},` : "Hello,");

  const html = htmlDocument({
    title: subject,
    preheader: `Sign in to Venzory. The link expires in ${duration}.`,
    bodyHtml: [
      heading("Sign in to Venzory"),
      paragraphHtml(escapeHtml(greeting(data.userName))),
      paragraphHtml("Use the button below to sign in to Venzory."),
      button(data.signInUrl, "Sign in"),
      paragraphHtml(`This link expires in <strong>${duration}</strong>. If it has expired, request a new one from the sign-in page.`),
    ].join("\n"),
    footerHtml: mutedHtml(escapeHtml(IGNORE)),
  });

  const text = textDocument(
    [
      greeting(data.userName),
      "Use the link below to sign in to Venzory.",
      `Sign in:\n${data.signInUrl}`,
      `This link expires in ${duration}. If it has expired, request a new one from the sign-in page.`,
    ],
    [IGNORE],
  );

  return { subject, html, text };
}
