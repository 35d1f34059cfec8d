/**
 * A lot flagged at the door: already expired, or expiring within the practice's short-dated horizon
 * (the practice's stock setting, `expiryHorizonDays`). A flag, not a refusal: the person receiving decides
 * whether to accept it, or to record it as rejected so it never goes into stock.
 */
import { daysUntil, parseExpiry } from "../stock/expiry.js";

export type LotFlag = "EXPIRED" | "SHORT_DATED";

export interface LotExpiryCheck {
  flag: LotFlag | null;
  /** The calendar day the lot expires (DD=00 resolved to the month's last day), or null when undated. */
  expiryDate: string | null;
  /** Whole days from today to the expiry day; negative once expired; null when undated. */
  daysLeft: number | null;
}

/**
 * `expiry` as given or scanned (YYYY-MM-DD, DD=00 allowed), `today` as YYYY-MM-DD in the practice's day.
 * A lot expiring today is short-dated (it is usable until the end of the day); on the horizon's last day
 * it is still short-dated.
 */
export function checkLotExpiry(expiry: string | null, today: string, horizonDays: number): LotExpiryCheck {
  if (expiry === null || expiry.trim() === "") return { flag: null, expiryDate: null, daysLeft: null };
  const { iso } = parseExpiry(expiry);
  const daysLeft = daysUntil(iso, today);
  const flag = daysLeft < 0 ? "EXPIRED" : daysLeft <= horizonDays ? "SHORT_DATED" : null;
  return { flag, expiryDate: iso, daysLeft };
}
