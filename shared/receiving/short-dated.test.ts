import { describe, expect, it } from "vitest";
import { checkLotExpiry } from "./short-dated.js";

const TODAY = "2026-12-01";

describe("lots flagged at the door", () => {
  it("a lot expiring within the horizon is short-dated", () => {
    expect(checkLotExpiry("2027-01-15", TODAY, 90)).toEqual({ flag: "SHORT_DATED", expiryDate: "2027-01-15", daysLeft: 45 });
  });

  it("the horizon's last day is inside it; the day after is not", () => {
    expect(checkLotExpiry("2027-03-01", TODAY, 90).flag).toBe("SHORT_DATED");
    expect(checkLotExpiry("2027-03-02", TODAY, 90).flag).toBeNull();
  });

  it("a lot expiring today is short-dated, yesterday's is expired", () => {
    expect(checkLotExpiry(TODAY, TODAY, 30)).toMatchObject({ flag: "SHORT_DATED", daysLeft: 0 });
    expect(checkLotExpiry("2026-11-30", TODAY, 30)).toMatchObject({ flag: "EXPIRED", daysLeft: -1 });
  });

  it("GS1 day 00 means the month's last day", () => {
    expect(checkLotExpiry("2026-12-00", TODAY, 20)).toEqual({ flag: null, expiryDate: "2026-12-31", daysLeft: 30 });
    expect(checkLotExpiry("2026-12-00", TODAY, 30).flag).toBe("SHORT_DATED");
  });

  it("a lot without an expiry is not flagged", () => {
    expect(checkLotExpiry(null, TODAY, 90)).toEqual({ flag: null, expiryDate: null, daysLeft: null });
  });

  it("an unreadable expiry is refused as invalid input", () => {
    expect(() => checkLotExpiry("2026-13-01", TODAY, 90)).toThrow(/Expiry/);
  });
});
