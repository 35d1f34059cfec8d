/**
 * Batch expiry dates. A lot's expiry is given as YYYY-MM-DD where DD may be 00 (GS1 AI 17: "the last day
 * of that month"). We keep what was given (`raw`) and the calendar day it means (`iso`), via the same
 * date helper the scan parser uses, so a typed and a scanned expiry resolve alike.
 */
import { DomainError } from "../errors.js";
import { calendarDate, type ScanDate } from "../gs1/dates.js";

/** Reads a given expiry (YYYY-MM-DD, DD = 00 allowed); throws VALIDATION_FAILED with the reason. */
export function parseExpiry(given: string): ScanDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(given.trim());
  if (!m) throw new DomainError("VALIDATION_FAILED", "Expiry must be a date (YYYY-MM-DD; day 00 means the month's last day).");
  const parsed = calendarDate(given.trim(), Number(m[1]), Number(m[2]), Number(m[3]), true);
  if (typeof parsed === "string") throw new DomainError("VALIDATION_FAILED", `Expiry: ${parsed}.`);
  return parsed;
}

/**
 * A scanned expiry as a lot records it: YYYY-MM-DD, keeping a printed day 00 ("the end of that month")
 * rather than the calendar day it means, so the lot stores what the pack says.
 */
export function expiryAsPrinted(expiry: { iso: string; raw: string } | undefined): string | null {
  if (!expiry) return null;
  if (/^\d{6}$/.test(expiry.raw) && expiry.raw.endsWith("00")) return `${expiry.iso.slice(0, 8)}00`;
  return expiry.iso;
}

/** Whether a given expiry string is readable (for zod refinements). */
export function isValidExpiry(given: string): boolean {
  try {
    parseExpiry(given);
    return true;
  } catch {
    return false;
  }
}

interface Expiring {
  lot: string;
  expiryDate: string | null;
}

/**
 * FEFO: first expiry first out. Earliest expiry first; batches without an expiry last; ties by lot so
 * the order is stable across devices.
 */
export function fefoCompare(a: Expiring, b: Expiring): number {
  if (a.expiryDate !== b.expiryDate) {
    if (a.expiryDate === null) return 1;
    if (b.expiryDate === null) return -1;
    return a.expiryDate < b.expiryDate ? -1 : 1;
  }
  return a.lot.localeCompare(b.lot, undefined, { numeric: true });
}

export function sortFefo<T extends Expiring>(batches: readonly T[]): T[] {
  return [...batches].sort(fefoCompare);
}

/** Stock expires at the end of its expiry day: a batch is expired once `today` is after that day. */
export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

const DAY_MS = 86_400_000;

/** Whole days from `today` to `expiryDate` (both YYYY-MM-DD); negative once expired. */
export function daysUntil(expiryDate: string, today: string): number {
  return Math.round((Date.parse(`${expiryDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * The "expiring soon" group of a batch: the first 30-day step (30, 60, 90, … up to the horizon) that
 * holds its expiry; null when expired, undated or beyond the horizon.
 */
export function expiryGroup(expiryDate: string | null, today: string, horizonDays: number): number | null {
  if (expiryDate === null) return null;
  const days = daysUntil(expiryDate, today);
  if (days < 0 || days > horizonDays) return null;
  return Math.min(horizonDays, Math.max(30, Math.ceil(days / 30) * 30));
}

/** Today as YYYY-MM-DD in the device's own calendar (a clinic means its local day, not UTC's). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
