import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { EMAIL_EXAMPLES } from "./examples.js";
import { renderEmail, type EmailDataInput } from "./index.js";
import { orderSchema } from "./order.js";
import { ORDER_CSV_HEADER, orderCsv, orderCsvFilename } from "./order-csv.js";

const base = EMAIL_EXAMPLES.order.full;
const parse = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;

function csvOf(patch: Partial<EmailDataInput<"order">>) {
  return orderCsv(orderSchema.parse({ ...base, ...patch }));
}

describe("order CSV attachment", () => {
  it("lists each line with SKU, packs, pack size, unit price and line total, then the total; starts with a BOM and uses CRLF", () => {
    const csv = csvOf({
      lines: [
        { supplierSku: "G-1", name: "Gloves, nitrile", quantity: 3, packSize: 100, unit: "each", unitPrice: "12.5000", currency: "GBP" },
        { supplierSku: null, name: "Swabs", quantity: 3, packSize: 1, unit: null, unitPrice: "0.3333", currency: "GBP" },
        { supplierSku: "X", name: "Unpriced", quantity: 1, packSize: 1, unit: null, unitPrice: null, currency: "GBP" },
      ],
    });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(parse(csv)).toEqual([
      ORDER_CSV_HEADER,
      ["G-1", "Gloves, nitrile", "3", "100", "each", "12.50", "GBP", "37.50"],
      ["", "Swabs", "3", "1", "", "0.3333", "GBP", "1.00"],
      ["X", "Unpriced", "1", "1", "", "", "GBP", ""],
      ["", "Total", "", "", "", "", "GBP", "38.50"],
    ]);
  });

  it("escapes cells a spreadsheet would run as a formula", () => {
    const csv = csvOf({
      lines: [{ supplierSku: "=HYPERLINK(1)", name: "+cmd", quantity: 1, packSize: 1, unit: null, unitPrice: null, currency: "GBP" }],
    });
    expect(parse(csv)[1]!.slice(0, 2)).toEqual(["'=HYPERLINK(1)", "'+cmd"]);
  });

  it("is attached to the order email under the order reference", () => {
    const { attachments } = renderEmail("order", base);
    expect(attachments).toEqual([expect.objectContaining({ filename: `${base.reference}.csv`, contentType: "text/csv; charset=utf-8" })]);
    expect(orderCsvFilename("PO 12/3")).toBe("PO-12-3.csv");
  });
});
