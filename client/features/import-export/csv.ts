/**
 * CSV in and out through papaparse: quoting, quoted newlines, delimiter detection and formula escaping
 * are the library's; this module only adds what the import needs around it (line numbers people can find
 * in their editor, header names mapped to the column contract) and what spreadsheets need on the way out
 * (a UTF-8 BOM so Excel reads "é" and "€" right, CRLF line ends).
 */
import Papa from "papaparse";
import { normaliseHeader, type ImportColumn } from "../../../shared/import/columns.js";
import type { ImportFile, ImportRow, RowError } from "../../../shared/import/plan.js";

export interface ParsedCsv extends ImportFile {
  delimiter: string;
  /** Header cells that are not columns of the contract (ignored, shown as a warning). */
  ignoredHeaders: string[];
  /** Problems with the file's structure (bad quoting, more cells than headers, duplicate headers). */
  errors: RowError[];
}

const BOM = "\uFEFF";
/** What papaparse's escapeFormulae prefixes with an apostrophe on export; undone on import (round trip). */
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

/**
 * Parses an import file. Delimiter: comma, semicolon (Excel in much of Europe) or tab, detected from
 * the file. Line numbers are those of the line each record starts on, counting from the header as 1,
 * so a quoted cell spanning lines does not shift the numbers of the rows after it.
 */
export function parseImportCsv(text: string): ParsedCsv {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const ignoredHeaders: string[] = [];
  let header: Array<ImportColumn | null> | null = null;
  let delimiter = ",";
  // Incremental line counting: `scanned` chars have been scanned and hold `newlines` line breaks.
  let scanned = 0;
  let newlines = 0;
  let previousEnd = 0;
  const lineAt = (offset: number) => {
    for (; scanned < offset; scanned++) if (body.charCodeAt(scanned) === 10) newlines++;
    return newlines + 1;
  };

  Papa.parse<string[]>(body, {
    delimitersToGuess: [",", ";", "\t"],
    skipEmptyLines: "greedy",
    step: (result) => {
      // The record starts at the first non-blank character after the previous one ended.
      let start = previousEnd;
      while (start < body.length && /\s/.test(body[start]!)) start++;
      previousEnd = result.meta.cursor;
      const line = lineAt(start);
      delimiter = result.meta.delimiter;
      for (const e of result.errors) errors.push({ line, column: null, reason: `The file's quoting is broken here (${e.message}).` });
      const cells = result.data.map((c) => (ESCAPED_FORMULA.test(c) ? c.slice(1) : c).trim());
      if (!header) {
        header = cells.map((h) => normaliseHeader(h));
        const seen = new Set<ImportColumn>();
        header.forEach((column, i) => {
          if (column === null) {
            if (cells[i]) ignoredHeaders.push(cells[i]!);
          } else if (seen.has(column)) {
            errors.push({ line, column, reason: `The column "${column}" appears twice in the header.` });
          } else seen.add(column);
        });
        return;
      }
      if (cells.slice(header.length).some((c) => c !== "")) {
        errors.push({
          line,
          column: null,
          reason: `This row has ${cells.length} cells but the header has ${header.length}: check the delimiters and quotes.`,
        });
        return;
      }
      const row: ImportRow = { line, cells: {} };
      header.forEach((column, i) => {
        if (column && cells[i] !== undefined && row.cells[column] === undefined) row.cells[column] = cells[i];
      });
      rows.push(row);
    },
  });

  const columns = ((header ?? []) as Array<ImportColumn | null>).filter((c): c is ImportColumn => c !== null);
  return { columns, rows, delimiter, ignoredHeaders, errors };
}

/**
 * A CSV file for spreadsheets: BOM, CRLF, every cell quoted only when it must be, and cells that a
 * spreadsheet would run as a formula ("=HYPERLINK(…)" in an item name) prefixed with an apostrophe.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string {
  const data = rows.map((r) => r.map((v) => (v === null ? "" : typeof v === "boolean" ? (v ? "yes" : "no") : String(v))));
  return BOM + Papa.unparse({ fields: [...header], data }, { newline: "\r\n", escapeFormulae: true });
}
