import { describe, expect, it } from "vitest";
import { renderEmail, type EmailDataInput } from "./index.js";
import { EMAIL_EXAMPLES } from "./examples.js";

const base = EMAIL_EXAMPLES.order.full;

function order(patch: Partial<EmailDataInput<"order">>): EmailDataInput<"order"> {
  return { ...base, ...patch };
}

describe("order email", () => {
  it("has a subject naming the reference and the practice", () => {
    expect(renderEmail("order", base).subject).toBe("Purchase order RMP-0042 from Riverside Medical Practice");
  });

  it("escapes user-supplied text in HTML and keeps it intact in the text version", () => {
    const evil = "<script>alert(1)</script>";
    const notes = `Use the "back" door & ask for O'Neil`;
    const { html, text, subject } = renderEmail(
      "order",
      order({
        supplier: { name: evil, accountNumber: `A&B "7"` },
        notes,
        practice: { name: "Smith & Jones <Surgery>", addressLine: "1 'Quoted' Road" },
        lines: [
          {
            supplierSku: "<b>SKU</b>",
            name: `Gauze 10cm "sterile"`,
            quantity: 1,
            packSize: 1,
            unit: "<i>",
            unitPrice: "1.0000",
            currency: "GBP",
          },
        ],
        orderedBy: { name: "Ann <Admin>", email: "o'neil@example.com" },
      }),
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Use the &quot;back&quot; door &amp; ask for O&#39;Neil");
    expect(html).toContain("A&amp;B &quot;7&quot;");
    expect(html).toContain("Smith &amp; Jones &lt;Surgery&gt;");
    expect(html).toContain("1 &#39;Quoted&#39; Road");
    expect(html).toContain("&lt;b&gt;SKU&lt;/b&gt;");
    expect(html).toContain("Gauze 10cm &quot;sterile&quot;");
    expect(html).toContain("1 &lt;i&gt;");
    expect(html).toContain("Ann &lt;Admin&gt;");
    expect(html).toContain(`href="mailto:o&#39;neil@example.com"`);
    expect(html).not.toMatch(/<(b|i|Surgery|Admin)>/);

    expect(text).toContain(evil);
    expect(text).toContain(notes);
    expect(text).toContain(`A&B "7"`);
    expect(text).toContain("Smith & Jones <Surgery>");
    expect(text).toContain(`Gauze 10cm "sterile"`);
    expect(text).toContain("Ann <Admin> <o'neil@example.com>");
    expect(subject).toBe("Purchase order RMP-0042 from Smith & Jones <Surgery>");
  });

  it("lists practice, address, delivery location, account number, lines, notes and who ordered", () => {
    const { html, text } = renderEmail("order", base);
    for (const out of [html, text]) {
      expect(out).toContain("Riverside Medical Practice");
      expect(out).toContain("12 Mill Lane, Riverside RV1 2AB");
      expect(out).toContain("Treatment room store");
      expect(out).toContain("ACC-55120");
      expect(out).toContain("NG-M-100");
      expect(out).toContain("Nitrile gloves, medium");
      expect(out).toContain("100 each");
      expect(out).toContain("Please deliver before 10:00 on weekdays.");
      expect(out).toContain("Ring the side door bell.");
      expect(out).toContain("Jane Smith");
      expect(out).toContain("jane.smith@riverside.example");
      expect(out).toContain("reply to this email");
      expect(out).toContain("3f0c9a52-8d1e-4b7a-9c2f-5e6d7a8b9c01");
    }
    expect(html).toContain("Ring the side door bell.");
    expect(html).toMatch(/weekdays\.<br>/);
    expect(text).toContain("Deliver to: Treatment room store");
  });

  it("delivers to the practice (name and address) when there is no delivery location", () => {
    const { text, html } = renderEmail("order", EMAIL_EXAMPLES.order.minimal);
    expect(text).toContain("Deliver to: Riverside Medical Practice");
    expect(html).toContain("Riverside Medical Practice");
    const full = renderEmail("order", { ...EMAIL_EXAMPLES.order.full, deliveryLocation: null }).text;
    expect(full).toContain("Deliver to: Riverside Medical Practice, 12 Mill Lane, Riverside RV1 2AB");
    expect(text).not.toContain("Account number");
    expect(text).not.toContain("Notes");
  });

  it("totals priced lines, shows unpriced ones as price to confirm and says the total leaves them out", () => {
    const { html, text } = renderEmail("order", base);
    // 4 × 5.99 = 23.96; 3 × 0.125 = 0.375 → 0.38; total 24.34; the sharps bin has no price.
    expect(text).toContain("Unit price: £5.99 | Line total: £23.96");
    expect(text).toContain("Unit price: £0.125 | Line total: £0.38");
    expect(text).toContain("Unit price: price to confirm");
    expect(text).toContain("Total of priced lines: £24.34");
    expect(text).toContain("1 line has a price to confirm and is not included in the total.");
    expect(html).toContain("£24.34");
    expect(html).toContain("Total of priced lines");
    expect(html.match(/price to confirm<\/td>/g)).toHaveLength(2);
    expect(html).toContain("1 line has a price to confirm and is not included in the total.");
  });

  it("totals each currency separately", () => {
    const { text, html } = renderEmail(
      "order",
      order({
        lines: [
          { name: "A", quantity: 2, packSize: 1, unitPrice: "10.0050", currency: "GBP" },
          { name: "B", quantity: 1, packSize: 1, unitPrice: "3.3300", currency: "eur" },
          { name: "C", quantity: 3, packSize: 1, unitPrice: "0.1000", currency: "GBP" },
          { name: "D", quantity: 5, packSize: 10, unitPrice: null, currency: "USD" },
          { name: "E", quantity: 1, packSize: 1, unitPrice: null, currency: "GBP" },
        ],
      }),
    );
    // GBP: 20.01 + 0.30 = 20.31; EUR: 3.33. USD has no priced line, so no USD total.
    expect(text).toContain("Total of priced lines (GBP): £20.31");
    expect(text).toContain("Total of priced lines (EUR): €3.33");
    expect(text).not.toContain("(USD)");
    expect(text).toContain("2 lines have a price to confirm and are not included in the total.");
    expect(html).toContain("£20.31");
    expect(html).toContain("€3.33");
  });

  it("uses a plain Total when every line is priced", () => {
    const { text } = renderEmail("order", order({ lines: [{ name: "A", quantity: 2, packSize: 1, unitPrice: "1.5", currency: "GBP" }] }));
    expect(text).toContain("Total: £3.00");
    expect(text).not.toContain("price to confirm");
  });

  it("says the total is to be confirmed when no line has a price", () => {
    const { text } = renderEmail("order", EMAIL_EXAMPLES.order.minimal);
    expect(text).toContain("Total: to be confirmed");
    expect(text).toContain("No line has a price yet");
  });
});
