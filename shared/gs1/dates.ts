/**
 * GS1 dates. Six-digit YYMMDD dates carry no century: General Specifications section 7.12 resolves
 * it with a sliding window around today, so a reader in 2026 reads "76" as 2076 but "77" as 1977.
 */

/** A date as found in the data: `raw` exactly as given, `iso` the calendar day it means (YYYY-MM-DD). */
export interface ScanDate {
  iso: string;
  raw: string;
}

/**
 * Full year for a two-digit year, per GS1 General Specifications 7.12: with D = YY - (current YY),
 * D from 51 to 99 is the previous century, D from -99 to -50 the next one, anything else this one.
 */
export function resolveCentury(yy: number, today: Date): number {
  const year = today.getUTCFullYear();
  const currentYy = year % 100;
  const century = year - currentYy;
  const difference = yy - currentYy;
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Reads YYMMDD. With `zeroDay` (the dictionary's yymmd0 linter) DD = 00 means the last day of that
 * month, not the day before the first; yymmdd dates refuse 00. Returns a reason string when invalid.
 */
export function parseYymmdd(raw: string, zeroDay: boolean, today: Date): ScanDate | string {
  if (!/^\d{6}$/.test(raw)) return "date must be six digits YYMMDD";
  const year = resolveCentury(Number(raw.slice(0, 2)), today);
  return calendarDate(raw, year, Number(raw.slice(2, 4)), Number(raw.slice(4, 6)), zeroDay);
}

/** Reads YYYYMMDD (the dictionary's yyyymmdd linter). */
export function parseYyyymmdd(raw: string): ScanDate | string {
  if (!/^\d{8}$/.test(raw)) return "date must be eight digits YYYYMMDD";
  return calendarDate(raw, Number(raw.slice(0, 4)), Number(raw.slice(4, 6)), Number(raw.slice(6, 8)), false);
}

/** Builds a ScanDate, or says why the month or day does not exist. */
export function calendarDate(raw: string, year: number, month: number, day: number, zeroDay: boolean): ScanDate | string {
  if (month < 1 || month > 12) return `month ${pad(month)} does not exist`;
  const last = daysInMonth(year, month);
  if (day === 0 && zeroDay) day = last;
  if (day < 1 || day > last) return `day ${pad(day)} does not exist in ${year}-${pad(month)}`;
  return { iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, raw };
}

/** Reads HHMI (the dictionary's hhmi linter). */
export function isValidHhmi(value: string): boolean {
  return /^\d{4}$/.test(value) && Number(value.slice(0, 2)) < 24 && Number(value.slice(2)) < 60;
}
