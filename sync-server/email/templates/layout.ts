/**
 * The shared email shell: a complete HTML document with a table layout and inline styles (what mail
 * clients render reliably), and plain-text helpers that wrap at 72 columns without breaking links.
 *
 * Convention: parameters named `…Html` take markup that is already escaped; every other string
 * parameter is raw text and is escaped here.
 */
import { escapeHtml } from "./escape.js";

export const BRAND = "Venzory";
export const TEXT_WIDTH = 72;

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const TEXT_STYLE = `${FONT}font-size:15px;line-height:22px;color:#1f2933;`;
const MUTED_STYLE = `${FONT}font-size:13px;line-height:19px;color:#616e7c;`;

/** Only http(s) links are ever put into an email; the result is escaped for an attribute. */
export function safeHref(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Refusing to render a link that is not a URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("Refusing to render a non-http(s) link");
  return escapeHtml(url);
}

export function paragraph(text: string): string {
  return paragraphHtml(escapeHtml(text));
}

export function paragraphHtml(html: string): string {
  return `<p style="margin:0 0 16px 0;${TEXT_STYLE}">${html}</p>`;
}

export function mutedHtml(html: string): string {
  return `<p style="margin:0 0 12px 0;${MUTED_STYLE}">${html}</p>`;
}

export function heading(text: string): string {
  return `<h1 style="margin:0 0 16px 0;${FONT}font-size:22px;line-height:28px;color:#102a43;">${escapeHtml(text)}</h1>`;
}

export function subheading(text: string): string {
  return `<h2 style="margin:24px 0 8px 0;${FONT}font-size:17px;line-height:24px;color:#102a43;">${escapeHtml(text)}</h2>`;
}

/** A link styled as a button (a table cell, which Outlook renders), followed by the raw link for clients that strip styles. */
export function button(url: string, label: string): string {
  const href = safeHref(url);
  return [
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px 0;">`,
    `<tr><td style="border-radius:6px;background-color:#1a56db;">`,
    `<a href="${href}" target="_blank" style="display:inline-block;padding:12px 24px;${FONT}font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>`,
    `</td></tr></table>`,
    mutedHtml(
      `If the button does not work, copy this link into your browser:<br><a href="${href}" style="color:#1a56db;word-break:break-all;">${escapeHtml(url)}</a>`,
    ),
  ].join("\n");
}

export interface HtmlDocumentParts {
  /** Raw text: the document title (usually the subject). */
  title: string;
  /** Raw text shown by inboxes next to the subject; hidden in the body. */
  preheader: string;
  bodyHtml: string;
  footerHtml: string;
}

export function htmlDocument({ title, preheader, bodyHtml, footerHtml }: HtmlDocumentParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f0f4f8;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f0f4f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #d9e2ec;border-radius:8px;">
<tr><td style="padding:20px 32px;border-bottom:1px solid #d9e2ec;${FONT}font-size:18px;font-weight:bold;color:#1a56db;">${BRAND}</td></tr>
<tr><td style="padding:28px 32px 12px 32px;">
${bodyHtml}
</td></tr>
<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid #d9e2ec;">
${footerHtml}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** Greedy word wrap of one line. Indentation (and a list marker such as "1. " or "- ") is kept for continuation lines; words longer than the width (links) are never split. */
export function wrapLine(line: string, width = TEXT_WIDTH): string {
  if (line.length <= width) return line;
  const lead = /^(\s*)((?:\d+\.|-|\*)\s+)?/.exec(line)?.[0] ?? "";
  const hangIndent = " ".repeat(lead.length);
  const words = line
    .slice(lead.length)
    .split(/\s+/)
    .filter((w) => w !== "");
  const out: string[] = [];
  let current = lead;
  let currentHasWord = false;
  for (const word of words) {
    if (currentHasWord && current.length + 1 + word.length > width) {
      out.push(current);
      current = hangIndent + word;
    } else {
      current += (currentHasWord ? " " : "") + word;
    }
    currentHasWord = true;
  }
  out.push(current);
  return out.join("\n");
}

/** Wraps every line of a block of text. */
export function wrapText(text: string, width = TEXT_WIDTH): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => wrapLine(line.trimEnd(), width))
    .join("\n");
}

/** Plain-text body: blocks separated by blank lines, then a separator and the footer. */
export function textDocument(blocks: readonly string[], footer: readonly string[]): string {
  const body = blocks.map((b) => wrapText(b)).join("\n\n");
  const foot = footer.map((b) => wrapText(b)).join("\n\n");
  return `${body}\n\n${"-".repeat(24)}\n${foot}\n`;
}

/** A single-line subject: no line breaks or runs of whitespace from user data. */
export function subjectLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "1 minute", "15 minutes", "1 hour", "2 hours", "90 minutes". */
export function formatDuration(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  }
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

const DISPLAY_TIME_ZONE = "Europe/London";
const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: DISPLAY_TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZoneName: "short",
});

/** "14 March 2026 at 09:00 GMT" — practices are in the UK, so UK time with its GMT/BST label. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date: ${JSON.stringify(iso)}`);
  const parts = DATE_FORMAT.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month")} ${part("year")} at ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

/** What every template produces. */
/** A file sent with an email (text content, e.g. an order's CSV). */
export interface EmailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments?: EmailAttachment[];
}
