/**
 * The order's lines as a CSV attachment, for suppliers who key orders into their own system. Quoting and
 * formula escaping (a cell starting with = + - @ is prefixed, so a spreadsheet never runs it) are
 * papaparse's. Amounts are plain decimals without symbols (a spreadsheet sums them); line totals are
 * rounded half-up to cents and the total row is their sum, as in the email itself.
 */
import Papa from "papaparse";
import type { OrderEmailData } from "./order.js";
import { lineTotalCents } from "./money.js";

const BOM = "\uFEFF";
export const ORDER_CSV_HEADER = ["Supplier SKU", "Item", "Quantity (packs)", "Pack size", "Unit", "Unit price", "Currency", "Line total"];

function cents(c: bigint): string {
  return `${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`;
}

/** Four-decimal price text without trailing zeros beyond two ("12.5000" → "12.50", "0.1250" → "0.125"). */
function price(unitPrice: string): string {
  const [whole = "0", fraction = ""] = unitPrice.split(".");
  return `${whole}.${fraction.replace(/0+$/, "").padEnd(2, "0")}`;
}

export function orderCsv(data: OrderEmailData): string {
  const rows = data.lines.map((l) => [
    l.supplierSku ?? "",
    l.name,
    String(l.quantity),
    String(l.packSize),
    l.unit ?? "",
    l.unitPrice == null ? "" : price(l.unitPrice),
    l.currency,
    l.unitPrice == null ? "" : cents(lineTotalCents(l.quantity, l.unitPrice)),
  ]);
  // One total per currency (an order has one; the template allows more), over the priced lines only.
  const totals = new Map<string, bigint>();
  for (const l of data.lines)
    if (l.unitPrice != null) totals.set(l.currency, (totals.get(l.currency) ?? 0n) + lineTotalCents(l.quantity, l.unitPrice));
  for (const [currency, total] of totals) rows.push(["", "Total", "", "", "", "", currency, cents(total)]);
  // A UTF-8 BOM and CRLF, so Excel reads "é" and "€" right.
  return BOM + Papa.unparse({ fields: ORDER_CSV_HEADER, data: rows }, { newline: "\r\n", escapeFormulae: true });
}

/** The attachment's file name: the order reference, safe for any mail client. */
export function orderCsvFilename(reference: string): string {
  return `${reference.replace(/[^A-Za-z0-9._-]+/g, "-")}.csv`;
}
