/**
 * HIBC secondary formats. Check characters were computed independently (a separate mod-43 script over
 * the HIBC set 0-9 A-Z - . space $ / + %), then written here.
 */
import { describe, expect, it } from "vitest";
import { hibcCheckCharacter } from "./hibc.js";
import { parseScan } from "./parse.js";

const parse = (text: string) => parseScan(text, { today: new Date("2026-05-01T00:00:00Z") });

describe("HIBC mod-43 check character", () => {
  it.each([
    ["+A123BJC5D6E71", "G"],
    ["+A123BJC5D6E71/$$3261231LOT42", "H"],
    ["+$$0926LOT7G", "I"],
    ["+$$9000101126LOTQG", "/"],
    ["+A123BJC5D6E71/$LOTA/14D20261130/S77", "X"],
  ])("%s -> %s", (body, check) => {
    expect(hibcCheckCharacter(body)).toBe(check);
  });
  it("is undefined outside the HIBC character set", () => {
    expect(hibcCheckCharacter("+a123")).toBeUndefined();
  });
});

describe("HIBC secondary data (second symbol: link = primary's check character)", () => {
  it.each([
    ["$$ MMYY", "+$$0926LOT7GI", { lot: "LOT7", expiry: { iso: "2026-09-30", raw: "0926" } }],
    ["$$2 MMDDYY", "+$$2113026LOT7GG", { lot: "LOT7", expiry: { iso: "2026-11-30", raw: "113026" } }],
    ["$$3 YYMMDD", "+$$3261231LOT7GJ", { lot: "LOT7", expiry: { iso: "2026-12-31", raw: "261231" } }],
    ["$$5 YYJJJ (day 60 of 2026 = 1 March)", "+$$526060LOT7GK", { lot: "LOT7", expiry: { iso: "2026-03-01", raw: "26060" } }],
    ["$$7 lot, no date", "+$$7LOTNODATEGS", { lot: "LOTNODATE" }],
    ["$+ serial", "+$+SER99G9", { serial: "SER99" }],
    ["$$+3 serial with expiry", "+$$+3261231SER5GA", { serial: "SER5", expiry: { iso: "2026-12-31" } }],
    ["$$9 quantity then MMYY", "+$$9000101126LOTQG/", { quantity: 10, lot: "LOTQ", expiry: { iso: "2026-11-30", raw: "1126" } }],
    ["YYJJJ old form", "+24032LOTX1G4", { lot: "LOTX1", expiry: { iso: "2024-02-01", raw: "24032" } }],
  ])("%s", (_name, text, expected) => {
    expect(parse(text)).toMatchObject({ kind: "hibc", part: "secondary", link: "G", errors: [], ...expected });
  });
  it("concatenated with /14D expiry and /S serial supplements", () => {
    expect(parse("+A123BJC5D6E71/$LOTA/14D20261130/S77X")).toMatchObject({
      kind: "hibc",
      part: "concatenated",
      lic: "A123",
      lot: "LOTA",
      expiry: { iso: "2026-11-30", raw: "20261130" },
      serial: "77",
      errors: [],
    });
  });
  it("Code 39 start/stop asterisks are dropped", () => {
    expect(parse("*+A123BJC5D6E71G*")).toMatchObject({ kind: "hibc", lic: "A123", errors: [] });
  });
  it("an impossible date is reported, the lot still read", () => {
    // Month 13; the check character K is right for this body, so the date is the only error.
    expect(parse("+$$3261331LOT7GK")).toMatchObject({ kind: "hibc", lot: "LOT7", errors: [{ code: "bad-date", value: "261331" }] });
  });
});
