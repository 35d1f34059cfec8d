import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { EMAIL_DATA_SCHEMAS, EMAIL_KINDS, renderEmail, type EmailKind } from "./index.js";
import { can, PERMISSIONS, ROLES } from "../../../shared/auth/roles.js";
import { EMAIL_EXAMPLES } from "./examples.js";

const LEFTOVER_MARKERS: [string, RegExp][] = [
  ["{{", /\{\{/],
  ["}}", /\}\}/],
  ["${", /\$\{/],
  ["undefined", /\bundefined\b/i],
  ["null", /\bnull\b/i],
  ["NaN", /\bNaN\b/],
  ["[object Object]", /\[object \w+\]/],
  ["Infinity", /\bInfinity\b/],
];

const VOID_ELEMENTS = new Set(["meta", "br", "hr", "img", "link", "input"]);

/** Checks that every non-void element is closed in order (enough to catch a broken template). */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const [, closing, rawName] = m;
    const name = (rawName ?? "").toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
  }
  return [...problems, ...stack.map((n) => `unclosed <${n}>`)];
}

const cases = EMAIL_KINDS.flatMap((kind) =>
  (["full", "minimal"] as const).map((variant) => ({ kind, variant, data: EMAIL_EXAMPLES[kind][variant] })),
);

describe.each(cases)("$kind ($variant example)", ({ kind, data }) => {
  const email = renderEmail(kind, data);

  it("leaves no placeholder or stringified empty value behind", () => {
    const { attachments = [], ...parts } = email;
    const texts = { ...parts, ...Object.fromEntries(attachments.map((a) => [a.filename, a.content])) };
    for (const [field, value] of Object.entries(texts)) {
      for (const [marker, pattern] of LEFTOVER_MARKERS) {
        expect(pattern.test(value), `${field} contains ${marker}`).toBe(false);
      }
    }
  });

  it("re-validates its own parsed output after a JSON round trip (the outbox stores the parsed data)", () => {
    const schema = EMAIL_DATA_SCHEMAS[kind];
    const stored: unknown = JSON.parse(JSON.stringify(schema.parse(data)));
    expect(schema.parse(stored)).toEqual(stored);
    expect(renderEmail(kind, stored)).toEqual(email);
  });

  it("is a complete, balanced HTML document", () => {
    expect(email.html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(email.html).toContain('<meta charset="utf-8">');
    expect(email.html).toMatch(/<title>[^<]+<\/title>/);
    expect(email.html).toContain('<table role="presentation"');
    expect(unbalancedTags(email.html)).toEqual([]);
  });

  it("has a one-line subject and a wrapped text version with the same links", () => {
    expect(email.subject).toMatch(/^\S.*\S$/);
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const line of email.text.split("\n")) {
      if (!/https?:\/\//.test(line)) expect(line.length, line).toBeLessThanOrEqual(72);
    }
    const htmlLinks = [...email.html.matchAll(/href="(https?:[^"]+)"/g)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));
    for (const link of htmlLinks) expect(email.text).toContain(link);
    expect(email.text.endsWith("\n")).toBe(true);
  });
});

describe("auth and invite emails", () => {
  it("put the link in the button and as text, escaped in the attribute", () => {
    const { html, text } = renderEmail("magic_link", EMAIL_EXAMPLES.magic_link.full);
    expect(html).toContain('href="https://app.venzory.example/auth/magic?token=abc123&amp;redirect=%2Forders"');
    expect(text).toContain("https://app.venzory.example/auth/magic?token=abc123&redirect=%2Forders");
    expect(text).toContain("Hello Jane Smith,");
    expect(text).toContain("expires in 15 minutes");
  });
  it("greet without a name when there is none", () => {
    expect(renderEmail("password_reset", EMAIL_EXAMPLES.password_reset.minimal).text).toMatch(/^Hello,\n/);
    expect(renderEmail("password_reset", { ...EMAIL_EXAMPLES.password_reset.minimal, userName: null }).text).toMatch(/^Hello,\n/);
    expect(renderEmail("password_reset", EMAIL_EXAMPLES.password_reset.full).text).toContain("expires in 1 hour");
  });
  it("escape names in the invite", () => {
    const { html, text, subject } = renderEmail("invite", {
      ...EMAIL_EXAMPLES.invite.full,
      inviterName: `Dr "Bob" <b>`,
      practiceName: "A & B's",
    });
    expect(html).toContain("Dr &quot;Bob&quot; &lt;b&gt;");
    expect(html).toContain("A &amp; B&#39;s");
    expect(text).toContain(`Dr "Bob" <b> has invited you to join A & B's on Venzory as an Admin.`);
    expect(subject).toBe(`Dr "Bob" <b> invited you to join A & B's on Venzory`);
  });
  it("state the role and the expiry in UK time", () => {
    const { text } = renderEmail("invite", EMAIL_EXAMPLES.invite.full);
    expect(text).toContain("as an Admin");
    expect(text).toContain("expires on 14 July 2026 at 10:30 BST");
    expect(renderEmail("invite", { ...EMAIL_EXAMPLES.invite.full, role: "STAFF" }).text).toContain("as a Staff member");
  });
});

describe("emails promise only what the app does", () => {
  // Orders do not exist in the app until an "orders.*" permission does; until then no email may promise them.
  const appHasOrders = Object.keys(PERMISSIONS).some((p) => p.startsWith("orders."));
  it.each(ROLES)("the invite for a %s describes only what that role can do", (role) => {
    const { text } = renderEmail("invite", { ...EMAIL_EXAMPLES.invite.full, role });
    if (!appHasOrders) expect(text).not.toMatch(/\border/i);
    if (can(role, "orders.manage")) expect(text).toMatch(/order from suppliers/i);
    else expect(text).not.toMatch(/\border/i);
    if (can(role, "orders.receive")) expect(text).toMatch(/receive deliveries/i);
    // Changing things is promised only to roles that may change stock.
    if (!can(role, "stock.adjust")) expect(text).toMatch(/without\s+changing/i);
    if (can(role, "counts.count")) expect(text).toMatch(/count stock/i);
    if (can(role, "suppliers.manage")) expect(text).toMatch(/suppliers/i);
    else expect(text).not.toMatch(/suppliers/i);
  });

  it("the sign-up confirmation says it confirms a new account for the practice, and what to do when it expires", () => {
    const { subject, text } = renderEmail("signup_confirmation", EMAIL_EXAMPLES.signup_confirmation.full);
    expect(subject).toBe("Confirm your email to create your Venzory account");
    expect(text).toContain(EMAIL_EXAMPLES.signup_confirmation.full.practiceName);
    expect(text).toContain("Confirm and create account:");
    expect(text).toMatch(/sign up again/i);
    expect(text).not.toMatch(/sign-in page/i);
  });
});

describe("invalid data is rejected with a ZodError", () => {
  const bad: [EmailKind, string, unknown][] = [
    ["order", "nothing", undefined],
    ["order", "no reference", { ...EMAIL_EXAMPLES.order.full, reference: undefined }],
    ["order", "blank reference", { ...EMAIL_EXAMPLES.order.full, reference: "   " }],
    ["order", "missing deliveryLocation key", { ...EMAIL_EXAMPLES.order.full, deliveryLocation: undefined }],
    ["order", "no lines", { ...EMAIL_EXAMPLES.order.full, lines: [] }],
    ["order", "non-uuid orderId", { ...EMAIL_EXAMPLES.order.full, orderId: "42" }],
    [
      "order",
      "float price",
      { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 1, packSize: 1, unitPrice: 12.34, currency: "GBP" }] },
    ],
    [
      "order",
      "price with 5 decimals",
      { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 1, packSize: 1, unitPrice: "1.23456", currency: "GBP" }] },
    ],
    [
      "order",
      "negative price",
      { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 1, packSize: 1, unitPrice: "-1.00", currency: "GBP" }] },
    ],
    ["order", "zero quantity", { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 0, packSize: 1, currency: "GBP" }] }],
    [
      "order",
      "fractional pack size",
      { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 1, packSize: 1.5, currency: "GBP" }] },
    ],
    ["order", "bad currency", { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 1, packSize: 1, currency: "£" }] }],
    ["order", "missing currency", { ...EMAIL_EXAMPLES.order.minimal, lines: [{ name: "A", quantity: 1, packSize: 1 }] }],
    ["order", "bad orderer email", { ...EMAIL_EXAMPLES.order.minimal, orderedBy: { name: "A", email: "not-an-email" } }],
    ["order", "supplier without name", { ...EMAIL_EXAMPLES.order.minimal, supplier: {} }],
    ["invite", "javascript: URL", { ...EMAIL_EXAMPLES.invite.full, acceptUrl: "javascript:alert(1)" }],
    ["invite", "data: URL", { ...EMAIL_EXAMPLES.invite.full, acceptUrl: "data:text/html,<script>alert(1)</script>" }],
    ["invite", "relative URL", { ...EMAIL_EXAMPLES.invite.full, acceptUrl: "/invite/abc" }],
    ["invite", "unknown role", { ...EMAIL_EXAMPLES.invite.full, role: "OWNER" }],
    ["invite", "date without time", { ...EMAIL_EXAMPLES.invite.full, expiresAt: "2026-07-14" }],
    ["invite", "missing inviter", { ...EMAIL_EXAMPLES.invite.full, inviterName: undefined }],
    ["magic_link", "javascript: URL", { signInUrl: "javascript:alert(1)", expiresInMinutes: 15 }],
    ["magic_link", "missing URL", { expiresInMinutes: 15 }],
    ["magic_link", "fractional minutes", { signInUrl: "https://x.example/", expiresInMinutes: 1.5 }],
    ["magic_link", "zero minutes", { signInUrl: "https://x.example/", expiresInMinutes: 0 }],
    ["password_reset", "ftp URL", { resetUrl: "ftp://x.example/", expiresInMinutes: 15 }],
    ["password_reset", "javascript: URL", { resetUrl: "JavaScript:alert(1)", expiresInMinutes: 15 }],
    ["password_reset", "minutes as string", { resetUrl: "https://x.example/", expiresInMinutes: "15" }],
  ];
  it.each(bad)("%s: %s", (kind, _label, data) => {
    expect(() => renderEmail(kind, data)).toThrow(ZodError);
    expect(EMAIL_DATA_SCHEMAS[kind].safeParse(data).success).toBe(false);
  });
});
