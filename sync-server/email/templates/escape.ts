/** HTML escaping for email templates: every user-supplied string goes through `escapeHtml` before it reaches markup. */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes `& < > " '` so the result is safe both as element text and inside a double- or single-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Escapes a multi-line string and keeps its line breaks as `<br>`. */
export function escapeMultiline(value: string): string {
  return value.replace(/\r\n?/g, "\n").split("\n").map(escapeHtml).join("<br>\n");
}
