/** Purchase order sent to a supplier on behalf of a practice. */
import { z } from "zod";
import { escapeHtml, escapeMultiline } from "./escape.js";
import { heading, htmlDocument, mutedHtml, paragraphHtml, subheading, subjectLine, textDocument, type RenderedEmail } from "./layout.js";
import { optionalText, positiveInt, requiredText } from "./fields.js";
import { formatCents, formatUnitPrice, lineTotalCents, orderTotals, PRICE_PATTERN, type OrderTotals } from "./money.js";
import { orderCsv, orderCsvFilename } from "./order-csv.js";

const orderLineSchema = z.object({
  supplierSku: optionalText,
  name: requiredText,
  quantity: positiveInt,
  packSize: positiveInt,
  unit: optionalText,
  unitPrice: z.string().trim().regex(PRICE_PATTERN, "Must be a decimal string with at most 4 decimals, e.g. 12.3400").nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "Must be a 3-letter currency code")
    .transform((c) => c.toUpperCase()),
});

export const orderSchema = z.object({
  orderId: z.uuid(),
  reference: requiredText,
  practice: z.object({ name: requiredText, addressLine: optionalText }),
  deliveryLocation: z.object({ name: requiredText }).nullable(),
  supplier: z.object({ name: requiredText, accountNumber: optionalText }),
  lines: z.array(orderLineSchema).min(1, "An order needs at least one line"),
  notes: optionalText,
  orderedBy: z.object({ name: requiredText, email: z.email() }),
});

export type OrderEmailData = z.output<typeof orderSchema>;
type OrderLine = OrderEmailData["lines"][number];

export const PRICE_TO_CONFIRM = "price to confirm";

// Everything below is raw text; the HTML renderer escapes it, the text renderer uses it as is.

function packText(line: OrderLine): string {
  return line.unit ? `${line.packSize} ${line.unit}` : String(line.packSize);
}

function linePrices(line: OrderLine): { unit: string; total: string } {
  if (line.unitPrice == null) return { unit: PRICE_TO_CONFIRM, total: PRICE_TO_CONFIRM };
  return {
    unit: formatUnitPrice(line.unitPrice, line.currency),
    total: formatCents(lineTotalCents(line.quantity, line.unitPrice), line.currency),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Total rows as [label, amount] plus an optional note about lines left out. */
function totalRows(totals: OrderTotals): { rows: [string, string][]; note?: string } {
  const multi = totals.byCurrency.length > 1;
  const base = totals.unpricedCount > 0 ? "Total of priced lines" : "Total";
  const rows = totals.byCurrency.map(({ currency, cents }): [string, string] => [
    multi ? `${base} (${currency})` : base,
    formatCents(cents, currency),
  ]);
  if (totals.byCurrency.length === 0) {
    return { rows: [["Total", "to be confirmed"]], note: "No line has a price yet; the supplier is asked to confirm all prices." };
  }
  if (totals.unpricedCount === 0) return { rows };
  const lines = plural(totals.unpricedCount, "line has", "lines have");
  return { rows, note: `${lines} a ${PRICE_TO_CONFIRM} and ${totals.unpricedCount === 1 ? "is" : "are"} not included in the total.` };
}

/** Where the goods go: the room (when chosen) at the practice's address. */
function deliverTo(data: OrderEmailData): string {
  const place = data.deliveryLocation ? `${data.deliveryLocation.name}, ${data.practice.name}` : data.practice.name;
  return data.practice.addressLine ? `${place}\n${data.practice.addressLine}` : place;
}

function details(data: OrderEmailData): [string, string][] {
  const rows: [string, string][] = [
    ["Order reference", data.reference],
    ["Practice", data.practice.addressLine ? `${data.practice.name}\n${data.practice.addressLine}` : data.practice.name],
    ["Deliver to", deliverTo(data)],
    ["Supplier", data.supplier.name],
  ];
  if (data.supplier.accountNumber) rows.push(["Account number", data.supplier.accountNumber]);
  rows.push(["Ordered by", `${data.orderedBy.name} <${data.orderedBy.email}>`]);
  return rows;
}

const CELL =
  "padding:8px 6px;border-bottom:1px solid #d9e2ec;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1f2933;vertical-align:top;";
const HEAD =
  "padding:8px 6px;border-bottom:2px solid #9fb3c8;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:18px;color:#486581;";

function td(text: string, align: "left" | "right" = "left", extra = ""): string {
  return `<td style="${CELL}text-align:${align};${extra}">${escapeMultiline(text)}</td>`;
}

function linesTableHtml(data: OrderEmailData, totals: OrderTotals): string {
  const head = ["Supplier SKU", "Item", "Qty", "Pack size", "Unit price", "Line total"]
    .map((h, i) => `<th style="${HEAD}text-align:${i >= 2 ? "right" : "left"};">${h}</th>`)
    .join("");
  const body = data.lines.map((line) => {
    const p = linePrices(line);
    const priceStyle = line.unitPrice == null ? "font-style:italic;color:#8d2b0b;" : "white-space:nowrap;";
    return `<tr>${td(line.supplierSku ?? "—")}${td(line.name)}${td(String(line.quantity), "right")}${td(packText(line), "right")}${td(p.unit, "right", priceStyle)}${td(p.total, "right", priceStyle)}</tr>`;
  });
  const { rows, note } = totalRows(totals);
  const foot = rows.map(
    ([label, amount]) =>
      `<tr><td colspan="5" style="${CELL}text-align:right;font-weight:bold;">${escapeHtml(label)}</td><td style="${CELL}text-align:right;font-weight:bold;white-space:nowrap;">${escapeHtml(amount)}</td></tr>`,
  );
  if (note) foot.push(`<tr><td colspan="6" style="${CELL}text-align:right;font-style:italic;color:#616e7c;">${escapeHtml(note)}</td></tr>`);
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 16px 0;">
<tr>${head}</tr>
${body.join("\n")}
${foot.join("\n")}
</table>`;
}

function detailsTableHtml(rows: [string, string][]): string {
  const trs = rows.map(([k, v]) => `<tr>${td(k, "left", "width:140px;color:#486581;")}${td(v)}</tr>`);
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 16px 0;">\n${trs.join("\n")}\n</table>`;
}

function linesText(data: OrderEmailData, totals: OrderTotals): string {
  const items = data.lines.map((line, i) => {
    const p = linePrices(line);
    const out = [`${i + 1}. ${line.name}`];
    if (line.supplierSku) out.push(`   Supplier SKU: ${line.supplierSku}`);
    out.push(`   Quantity: ${line.quantity} | Pack size: ${packText(line)}`);
    out.push(line.unitPrice == null ? `   Unit price: ${PRICE_TO_CONFIRM}` : `   Unit price: ${p.unit} | Line total: ${p.total}`);
    return out.join("\n");
  });
  const { rows, note } = totalRows(totals);
  const totalsText = rows.map(([label, amount]) => `${label}: ${amount}`);
  if (note) totalsText.push(note);
  return `Items (${data.lines.length})\n${items.join("\n")}\n\n${totalsText.join("\n")}`;
}

export function renderOrder(data: OrderEmailData): RenderedEmail {
  const subject = subjectLine(`Purchase order ${data.reference} from ${data.practice.name}`);
  const totals = orderTotals(data.lines);
  const rows = details(data);
  const confirmPrices = totals.unpricedCount > 0 ? ` and any prices marked “${PRICE_TO_CONFIRM}”` : "";
  const intro = (practice: string): string =>
    `${practice} would like to order the items below. Please confirm receipt of this order${confirmPrices}.`;
  const contact = (name: string, email: string): string => `To ask about this order, reply to this email or contact ${name} at ${email}.`;
  const footer = `Sent with Venzory on behalf of ${data.practice.name}. Venzory order ID: ${data.orderId}.`;
  const mailto = escapeHtml(`mailto:${data.orderedBy.email}`);

  const html = htmlDocument({
    title: subject,
    preheader: `${data.practice.name}: ${plural(data.lines.length, "item line", "item lines")} for ${data.supplier.name}.`,
    bodyHtml: [
      heading(`Purchase order ${data.reference}`),
      paragraphHtml(intro(`<strong>${escapeHtml(data.practice.name)}</strong>`)),
      detailsTableHtml(rows),
      subheading(`Items (${data.lines.length})`),
      linesTableHtml(data, totals),
      data.notes ? `${subheading("Notes")}\n${paragraphHtml(escapeMultiline(data.notes))}` : "",
      paragraphHtml(
        contact(escapeHtml(data.orderedBy.name), `<a href="${mailto}" style="color:#1a56db;">${escapeHtml(data.orderedBy.email)}</a>`),
      ),
    ]
      .filter((part) => part !== "")
      .join("\n"),
    footerHtml: mutedHtml(escapeHtml(footer)),
  });

  const text = textDocument(
    [
      `Purchase order ${data.reference}`,
      intro(data.practice.name),
      rows.map(([k, v]) => `${k}: ${v.replace(/\n/g, ", ")}`).join("\n"),
      linesText(data, totals),
      ...(data.notes ? [`Notes:\n${data.notes}`] : []),
      contact(data.orderedBy.name, data.orderedBy.email),
    ],
    [footer],
  );

  const attachments = [{ filename: orderCsvFilename(data.reference), content: orderCsv(data), contentType: "text/csv; charset=utf-8" }];
  return { subject, html, text, attachments };
}
