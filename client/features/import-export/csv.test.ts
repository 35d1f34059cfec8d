import { describe, expect, it } from "vitest";
import { planImport } from "../../../shared/import/plan.js";
import { parseImportCsv, toCsv } from "./csv.js";

describe("parseImportCsv", () => {
  it("reads quoted commas, doubled quotes and newlines inside a cell; later rows keep their real line numbers", () => {
    const text = ["name,sku,category", '"Gloves, nitrile ""M""",GLV-M,"Consumables', 'and more"', "Swabs,SWB,Wound care"].join("\n");
    const parsed = parseImportCsv(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.delimiter).toBe(",");
    expect(parsed.rows).toEqual([
      { line: 2, cells: { name: 'Gloves, nitrile "M"', sku: "GLV-M", category: "Consumables\nand more" } },
      { line: 4, cells: { name: "Swabs", sku: "SWB", category: "Wound care" } },
    ]);
  });

  it("drops a UTF-8 BOM (Excel's 'CSV UTF-8') so the first header is still \"name\"", () => {
    const parsed = parseImportCsv("\uFEFFname,sku\r\nÉcouvillon,ECV\r\n");
    expect(parsed.columns).toEqual(["name", "sku"]);
    expect(parsed.rows).toEqual([{ line: 2, cells: { name: "Écouvillon", sku: "ECV" } }]);
  });

  it("detects a semicolon delimiter (European Excel), where a decimal comma is then just text for the planner to refuse", () => {
    const parsed = parseImportCsv("name;sku;supplier;unit_price\nGloves;GLV;MediSupply;12,50\nTape;TP;MediSupply;3.10\n");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.rows[0]!.cells).toEqual({ name: "Gloves", sku: "GLV", supplier: "MediSupply", unit_price: "12,50" });
    const plan = planImport(parsed, { items: [], suppliers: [], supplierItems: [] }, { newId: () => crypto.randomUUID() });
    expect(plan.errors).toEqual([{ line: 2, column: "unit_price", reason: "Use a dot for decimals: 12.50." }]);
  });

  it("detects tabs, maps header spellings to the contract, lists headers it ignores, skips blank lines", () => {
    const parsed = parseImportCsv("Name\tSKU\tUnit Price\tSupplier\tColour\n\nGloves\tGLV\t1.00\tS\tblue\n");
    expect(parsed.delimiter).toBe("\t");
    expect(parsed.columns).toEqual(["name", "sku", "unit_price", "supplier"]);
    expect(parsed.ignoredHeaders).toEqual(["Colour"]);
    expect(parsed.rows).toEqual([{ line: 3, cells: { name: "Gloves", sku: "GLV", unit_price: "1.00", supplier: "S" } }]);
  });

  it("reports a row with more cells than the header, and a column named twice", () => {
    const parsed = parseImportCsv("name,sku,sku\nA,1,2,3\nB,2,2\n");
    expect(parsed.errors).toEqual([
      { line: 1, column: "sku", reason: 'The column "sku" appears twice in the header.' },
      { line: 2, column: null, reason: "This row has 4 cells but the header has 3: check the delimiters and quotes." },
    ]);
    expect(parsed.rows).toEqual([{ line: 3, cells: { name: "B", sku: "2" } }]);
  });
});

describe("toCsv", () => {
  it("starts with a BOM, ends lines with CRLF, quotes only what needs it and escapes formulas", () => {
    const csv = toCsv(
      ["name", "unit_price", "batch_tracked"],
      [
        ['Gloves, "M"', "12.5000", true],
        ['=HYPERLINK("http://x")', "0.1000", false],
        ["Two\nlines", null, null],
      ],
    );
    expect(csv.startsWith("\uFEFFname,unit_price,batch_tracked\r\n")).toBe(true);
    expect(csv).toContain('"Gloves, ""M""",12.5000,yes\r\n');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",0.1000,no\r\n`);
    expect(csv).toContain('"Two\nlines",,');
  });

  it("round-trips through the import parser unchanged (formula escape undone)", () => {
    const rows = [["=1+1", "A,1", 'quote "q"', "x\r\ny"]];
    const parsed = parseImportCsv(toCsv(["name", "sku", "category", "unit"], rows));
    expect(parsed.rows[0]!.cells).toEqual({ name: "=1+1", sku: "A,1", category: 'quote "q"', unit: "x\r\ny" });
  });
});
