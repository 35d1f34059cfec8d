/**
 * What a scan means. `parseScan` always returns one of these, never throws: a scan is user input.
 *
 * - `gs1`: GS1 data (element string, bracketed human-readable form or Digital Link URI). The common
 *   fields are lifted out (`gtin` as 14 digits, `lot`, `serial`, `expiry`); `fields` holds every AI
 *   that parsed, in scan order; `errors` holds what did not, each with a reason. Both can be non-empty:
 *   one bad or unknown AI never hides the fields that were fine.
 * - `gtin`: a plain EAN-8/UPC-A/EAN-13/GTIN-14 with a correct check digit, as 14 digits.
 * - `hibc`: Health Industry Bar Code supplier data (primary, secondary, or both concatenated).
 * - `iccbba`: ISBT 128 (blood, cells, tissue); recognised so it is never misread, but not handled.
 * - `internal`: anything else: a code to look up exactly as scanned.
 */
import type { ScanDate } from "./dates.js";

export type { ScanDate } from "./dates.js";

export type ScanResult = Gs1Scan | GtinScan | HibcScan | IccbbaScan | InternalScan;

/** Stable codes for what went wrong; `reason` is the human-readable sentence. */
export type ScanIssueCode =
  | "unknown-ai"
  | "not-an-ai"
  | "empty"
  | "too-short"
  | "too-long"
  | "bad-charset"
  | "bad-check-digit"
  | "bad-date"
  | "bad-time"
  | "duplicate-ai"
  | "bad-percent-encoding"
  | "bad-check-character"
  | "bad-hibc";

export interface ScanIssue {
  code: ScanIssueCode;
  reason: string;
  /** The AI concerned, when one could be read. */
  ai?: string;
  /** The data that was refused, as scanned, so it can be shown or typed in by hand. */
  value?: string;
}

export interface Gs1Field {
  ai: string;
  /** The data exactly as scanned (percent-decoded for Digital Link). */
  value: string;
  /** The dictionary's short title, e.g. "BATCH/LOT". */
  title: string;
  /** For date AIs (11, 15, 17, 7003, ...): the day meant, with the raw digits kept. */
  date?: ScanDate;
}

export interface Gs1Scan {
  kind: "gs1";
  form: "element-string" | "bracketed" | "digital-link";
  /** AIM symbology identifier as delivered (e.g. "]d2"), when there was one. */
  symbology?: string;
  /** AI 01 as 14 digits (a Digital Link may carry GTIN-8/12/13; it is padded). */
  gtin?: string;
  lot?: string;
  serial?: string;
  /** AI 17; DD = 00 resolves to the month's last day, `raw` keeps the 00. */
  expiry?: ScanDate;
  fields: Gs1Field[];
  errors: ScanIssue[];
}

export interface GtinScan {
  kind: "gtin";
  /** 14 digits, zero-padded, for look-up. */
  gtin: string;
  format: "EAN-8" | "UPC-A" | "EAN-13" | "GTIN-14";
  symbology?: string;
}

export interface HibcScan {
  kind: "hibc";
  /** Which HIBC data the scan held: primary only, secondary only (a second symbol), or both. */
  part: "primary" | "secondary" | "concatenated";
  /** Labeler Identification Code (4 characters, first alphabetic). */
  lic?: string;
  /** Labeler's product or catalogue number (1-18 characters). */
  product?: string;
  /** Unit of measure / packaging level digit (0 = unit of use). */
  unitOfMeasure?: number;
  lot?: string;
  serial?: string;
  expiry?: ScanDate;
  manufactured?: ScanDate;
  quantity?: number;
  /** Secondary-only symbol: the primary symbol's check character it belongs with. */
  link?: string;
  symbology?: string;
  errors: ScanIssue[];
}

export interface IccbbaScan {
  kind: "iccbba";
  reason: string;
  code: string;
}

export interface InternalScan {
  kind: "internal";
  /** The scan as delivered, symbology identifier and terminator removed. */
  code: string;
  /** Why it was not read as something else, when it nearly was (e.g. a GTIN with a wrong check digit). */
  note?: string;
  symbology?: string;
}
