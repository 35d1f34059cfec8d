/**
 * The shape shared by single-link emails (sign-in link, password reset, sign-up confirmation): a greeting,
 * one sentence, one button, an expiry line and a footer for people who did not ask for it.
 */
import { escapeHtml } from "./escape.js";
import { button, formatDuration, heading, htmlDocument, mutedHtml, paragraphHtml, textDocument, type RenderedEmail } from "./layout.js";

export interface LinkEmail {
  subject: string;
  heading: string;
  preheader: (duration: string) => string;
  userName?: string;
  /** Plain text; the HTML version escapes it. */
  intro: { html: string; text: string };
  url: string;
  buttonLabel: string;
  expiresInMinutes: number;
  /** What to do once the link has expired; by default, request a new one from the sign-in page. */
  whenExpired?: string;
  ignoreNote: string;
}

export function renderLinkEmail(e: LinkEmail): RenderedEmail {
  const duration = formatDuration(e.expiresInMinutes);
  const greeting = e.userName ? `Hello ${e.userName},` : "Hello,";
  const whenExpired = e.whenExpired ?? "request a new one from the sign-in page";
  const expiry = (d: string) => `This link expires in ${d}. If it has expired, ${whenExpired}.`;
  const html = htmlDocument({
    title: e.subject,
    preheader: e.preheader(duration),
    bodyHtml: [
      heading(e.heading),
      paragraphHtml(escapeHtml(greeting)),
      paragraphHtml(escapeHtml(e.intro.html)),
      button(e.url, e.buttonLabel),
      paragraphHtml(expiry(`<strong>${duration}</strong>`)),
    ].join("\n"),
    footerHtml: mutedHtml(escapeHtml(e.ignoreNote)),
  });
  const text = textDocument([greeting, e.intro.text, `${e.buttonLabel}:\n${e.url}`, expiry(duration)], [e.ignoreNote]);
  return { subject: e.subject, html, text };
}
