/**
 * HIBC Supplier Labeling data (ANSI/HIBC 2.x), the "+" codes on many medical devices.
 *
 *   primary       + LIC(4, first alphabetic) product(1-18) unit-of-measure(1 digit) check
 *   secondary     + secondary-data link check      (a second symbol; link = the primary's check)
 *   concatenated  + LIC product UoM / secondary-data check
 *
 * Secondary data: "$" lot; "$+" serial; "$$" / "$$+" then an expiry format flag and lot / serial;
 * "$$8"/"$$9" add a 2/5-digit quantity first; five digits YYJJJ (old Julian form) then lot. After it,
 * "/14D" YYYYMMDD expiry, "/16D" YYYYMMDD manufacture date, "/S" serial may follow.
 * The check character is mod 43 over every character before it, "+" included.
 */
import { calendarDate, daysInMonth, parseYyyymmdd, resolveCentury, type ScanDate } from "./dates.js";
import type { HibcScan, ScanIssue } from "./types.js";

const CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

/** Mod-43 check character over the text, or undefined when a character is outside the HIBC set. */
export function hibcCheckCharacter(text: string): string | undefined {
  let sum = 0;
  for (const char of text) {
    const value = CHARSET.indexOf(char);
    if (value < 0) return undefined;
    sum += value;
  }
  return CHARSET[sum % 43];
}

export function looksLikeHibc(text: string): boolean {
  return /^\*?\+/.test(text) && text.length >= 3;
}

export function parseHibc(scanned: string, today: Date): HibcScan {
  const text = /^\*\+.*\*$/.test(scanned) ? scanned.slice(1, -1) : scanned; // Code 39 start/stop shown as *
  const errors: ScanIssue[] = [];
  const body = text.slice(0, -1);
  const check = text.slice(-1);
  const expected = hibcCheckCharacter(body);
  if (expected === undefined) {
    errors.push({ code: "bad-hibc", value: text, reason: "contains characters outside the HIBC character set" });
  } else if (expected !== check) {
    errors.push({ code: "bad-check-character", value: text, reason: `HIBC check character is "${check}", expected "${expected}"` });
  }

  const content = body.slice(1);
  const result: HibcScan = { kind: "hibc", part: "primary", errors };
  if (/^[A-Z]/.test(content)) {
    const slash = content.indexOf("/");
    const primary = slash < 0 ? content : content.slice(0, slash);
    const m = /^([A-Z][A-Z0-9]{3})([A-Z0-9]{1,18})(\d)$/.exec(primary);
    if (m) {
      result.lic = m[1]!;
      result.product = m[2]!;
      result.unitOfMeasure = Number(m[3]);
    } else {
      errors.push({ code: "bad-hibc", value: primary, reason: "primary data is not LIC (4) + product (1-18) + unit of measure (1 digit)" });
    }
    if (slash >= 0) {
      result.part = "concatenated";
      readSecondary(content.slice(slash + 1), result, today);
    }
  } else {
    result.part = "secondary";
    result.link = content.slice(-1);
    readSecondary(content.slice(0, -1), result, today);
  }
  return result;
}

function readSecondary(data: string, result: HibcScan, today: Date): void {
  const fail = (reason: string): void => {
    result.errors.push({ code: "bad-hibc", value: data, reason });
  };
  let rest: string;
  let isSerial = false;
  if (data.startsWith("$$")) {
    isSerial = data[2] === "+";
    const dated = readDated(data.slice(isSerial ? 3 : 2), result, today, true);
    if (dated === undefined) return fail("secondary data has an unknown expiry format");
    rest = dated;
  } else if (data.startsWith("$+")) {
    isSerial = true;
    rest = data.slice(2);
  } else if (data.startsWith("$")) {
    rest = data.slice(1);
  } else if (/^\d{5}/.test(data)) {
    const date = julian(data.slice(0, 5), today);
    if (typeof date === "string") result.errors.push({ code: "bad-date", value: data.slice(0, 5), reason: date });
    else result.expiry = date;
    rest = data.slice(5);
  } else {
    return fail("secondary data starts with neither $ nor a Julian date");
  }
  const [main = "", ...supplements] = rest.split("/");
  if (main) {
    if (isSerial) result.serial = main;
    else result.lot = main;
  }
  for (const supplement of supplements) {
    if (supplement.startsWith("14D") || supplement.startsWith("16D")) {
      const date = parseYyyymmdd(supplement.slice(3));
      if (typeof date === "string") result.errors.push({ code: "bad-date", value: supplement, reason: date });
      else if (supplement.startsWith("14D")) result.expiry = date;
      else result.manufactured = date;
    } else if (supplement.startsWith("S")) {
      result.serial = supplement.slice(1);
    } else {
      fail(`unknown supplemental field "/${supplement}"`);
    }
  }
}

/** Reads the date-format flag and date after "$$"; returns what follows (lot or serial). */
function readDated(data: string, result: HibcScan, today: Date, quantityAllowed: boolean): string | undefined {
  const flag = data[0];
  if (quantityAllowed && (flag === "8" || flag === "9")) {
    const digits = flag === "8" ? 2 : 5;
    const quantity = data.slice(1, 1 + digits);
    if (!/^\d+$/.test(quantity) || quantity.length !== digits) return undefined;
    result.quantity = Number(quantity);
    return readDated(data.slice(1 + digits), result, today, false);
  }
  const take = (length: number, read: (raw: string) => ScanDate | string, from = 1) => {
    const raw = data.slice(from, from + length);
    const date = /^\d+$/.test(raw) && raw.length === length ? read(raw) : `expiry "${raw}" is not ${length} digits`;
    if (typeof date === "string") result.errors.push({ code: "bad-date", value: raw, reason: date });
    else result.expiry = date;
    return data.slice(from + length);
  };
  const yy = (raw: string) => resolveCentury(Number(raw), today);
  switch (flag) {
    case "0":
    case "1": // MMYY, no flag: the date starts at once; an expiry month means its last day
      return take(
        4,
        (r) => calendarDate(r, yy(r.slice(2)), Number(r.slice(0, 2)), daysInMonthSafe(yy(r.slice(2)), Number(r.slice(0, 2))), false),
        0,
      );
    case "2":
      return take(6, (r) => calendarDate(r, yy(r.slice(4)), Number(r.slice(0, 2)), Number(r.slice(2, 4)), false));
    case "3":
      return take(6, (r) => calendarDate(r, yy(r.slice(0, 2)), Number(r.slice(2, 4)), Number(r.slice(4, 6)), false));
    case "4": // YYMMDDHH: the hour does not change the day
      return take(8, (r) => calendarDate(r, yy(r.slice(0, 2)), Number(r.slice(2, 4)), Number(r.slice(4, 6)), false));
    case "5":
      return take(5, (r) => julian(r, today));
    case "6":
      return take(7, (r) => julian(r, today));
    case "7":
      return data.slice(1);
    default:
      return undefined;
  }
}

function daysInMonthSafe(year: number, month: number): number {
  return month >= 1 && month <= 12 ? daysInMonth(year, month) : 1;
}

/** YYJJJ (optionally followed by HH): day JJJ of year YY. */
function julian(raw: string, today: Date): ScanDate | string {
  const year = resolveCentury(Number(raw.slice(0, 2)), today);
  const day = Number(raw.slice(2, 5));
  const daysInYear = daysInMonth(year, 2) === 29 ? 366 : 365;
  if (day < 1 || day > daysInYear) return `day ${raw.slice(2, 5)} does not exist in ${year}`;
  const date = new Date(Date.UTC(year, 0, day));
  return { iso: date.toISOString().slice(0, 10), raw };
}
