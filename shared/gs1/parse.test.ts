/**
 * Named cases, one (or more) per rule of the parser. Expected values are worked out by hand (dates,
 * check digits) or taken from published examples (GS1's GTIN 09506000134352, Wikipedia's EAN-13
 * 4006381333931 and UPC-A 036000291452).
 */
import { describe, expect, it } from "vitest";
import { parseScan, type ParseOptions, type ScanResult } from "./index.js";

const GS = "\u001d";
const TODAY = new Date("2026-05-01T12:00:00Z");
const GTIN = "09506000134352";
const parse = (text: string, options: ParseOptions = {}) => parseScan(text, { today: TODAY, ...options });

function gs1(result: ScanResult) {
  if (result.kind !== "gs1") throw new Error(`expected gs1, got ${JSON.stringify(result)}`);
  return result;
}
const pairs = (result: ScanResult) => gs1(result).fields.map((f) => [f.ai, f.value]);
const codes = (result: ScanResult) => gs1(result).errors.map((e) => [e.code, e.ai]);

describe("dates: DD = 00 is the month's last day, raw value kept", () => {
  it.each([
    ["260200", "2026-02-28"], // non-leap February
    ["240200", "2024-02-29"], // leap February
    ["000200", "2000-02-29"], // 2000 is a leap year (divisible by 400)
    ["260400", "2026-04-30"],
    ["261200", "2026-12-31"],
    ["260300", "2026-03-31"], // the peers' bug: not 2026-02-28
  ])("(17)%s -> %s", (raw, iso) => {
    const result = gs1(parse(`]d201${GTIN}17${raw}10A1`));
    expect(result.expiry).toEqual({ iso, raw });
    expect(result.errors).toEqual([]);
  });
  it("a yymmdd AI (7006) refuses DD = 00, and impossible days are refused", () => {
    expect(codes(parse(`(01)${GTIN}(7006)260200`))).toEqual([["bad-date", "7006"]]);
    expect(codes(parse(`(01)${GTIN}(17)250229`))).toEqual([["bad-date", "17"]]);
    expect(codes(parse(`(01)${GTIN}(17)261301`))).toEqual([["bad-date", "17"]]);
    expect(gs1(parse(`(01)${GTIN}(17)240229`)).expiry?.iso).toBe("2024-02-29");
  });
});

describe("dates: GS1 century rule (General Specifications 7.12)", () => {
  const year = (raw: string, today: string) =>
    gs1(parseScan(`(01)${GTIN}(17)${raw}01`, { today: new Date(today) })).expiry?.iso.slice(0, 4);
  it("in 2026: 50 years ahead stays in this century, 51 ahead goes back", () => {
    expect(year("7601", "2026-05-01")).toBe("2076"); // D = +50
    expect(year("7701", "2026-05-01")).toBe("1977"); // D = +51
    expect(year("0001", "2026-05-01")).toBe("2000"); // D = -26
  });
  it("in 2080: 49 years behind stays, 50 behind goes to the next century", () => {
    expect(year("3101", "2080-01-01")).toBe("2031"); // D = -49
    expect(year("3001", "2080-01-01")).toBe("2130"); // D = -50
  });
  it("in 2099, 00 is 2100", () => {
    expect(year("0001", "2099-12-31")).toBe("2100"); // D = -99
  });
});

describe("variable-length fields run to GS or the end, never split by guessing", () => {
  it('a lot literally "10D9T" stays "10D9T" (last field and before a GS)', () => {
    expect(gs1(parse(`]d201${GTIN}17260300${"10"}10D9T`)).lot).toBe("10D9T");
    expect(pairs(parse(`]d201${GTIN}1010D9T${GS}17260300`))).toEqual([
      ["01", GTIN],
      ["10", "10D9T"],
      ["17", "260300"],
    ]);
    expect(gs1(parse(`(01)${GTIN}(10)10D9T(17)260300`)).lot).toBe("10D9T");
  });
  it("a lot containing what looks like (17) + a valid date is not split", () => {
    expect(pairs(parse(`]d201${GTIN}10D9T17260300${GS}21S`))).toEqual([
      ["01", GTIN],
      ["10", "D9T17260300"],
      ["21", "S"],
    ]);
    expect(gs1(parse(`]d201${GTIN}10D9T1010D9T`)).lot).toBe("D9T1010D9T");
  });
  it("a variable field, GS, then a fixed field, then another variable field", () => {
    const result = gs1(parse(`]d201${GTIN}10ABC${GS}1726030021XYZ`));
    expect(pairs(result)).toEqual([
      ["01", GTIN],
      ["10", "ABC"],
      ["17", "260300"],
      ["21", "XYZ"],
    ]);
    expect(result.serial).toBe("XYZ");
  });
  it("a lost separator joins fields instead of being guessed back", () => {
    expect(gs1(parse(`]d201${GTIN}10ABC21XYZ`)).lot).toBe("ABC21XYZ");
    const tooLong = parse(`]d201${GTIN}10ABCDEFGHIJ21KLMNOPQRS`);
    expect(codes(tooLong)).toEqual([["too-long", "10"]]);
    expect(gs1(tooLong).gtin).toBe(GTIN);
  });
  it("a GS after a predefined-length field is allowed", () => {
    expect(pairs(parse(`]d201${GTIN}${GS}17260300${GS}10A`))).toEqual([
      ["01", GTIN],
      ["17", "260300"],
      ["10", "A"],
    ]);
  });
});

describe("input forms", () => {
  const expected = [
    ["01", GTIN],
    ["17", "260300"],
    ["10", "ABC"],
    ["21", "S1"],
  ];
  const raw = `01${GTIN}1726030010ABC${GS}21S1`;
  it.each([
    ["]d2 DataMatrix", `]d2${raw}`],
    ["]C1 GS1-128", `]C1${raw}`],
    ["]Q3 GS1 QR", `]Q3${raw}`],
    ["]e0 DataBar", `]e0${raw}`],
    ["leading GS (FNC1 in first position)", `${GS}${raw}`],
    ["no prefix at all", raw],
    ["wedge terminator", `${GS}${raw}\r\n`],
    ["bracketed", `(01)${GTIN}(17)260300(10)ABC(21)S1`],
    ["bracketed with spaces", `(01) ${GTIN} (17) 260300 (10) ABC (21) S1`],
  ])("%s", (_name, text) => {
    expect(pairs(parse(text))).toEqual(expected);
  });
  it("AI 7003 (date and time) carries its date", () => {
    const field = gs1(parse(`]d201${GTIN}70032603151230`)).fields[1];
    expect(field).toMatchObject({ ai: "7003", date: { iso: "2026-03-15", raw: "260315" } });
  });
});

describe("keyboard-wedge GS substitutes", () => {
  it.each(["^]", "~", "|"])("%s read as GS when configured", (substitute) => {
    const result = parse(`]d201${GTIN}10LOT1${substitute}17260300${substitute}21S9`, { gsSubstitute: substitute });
    expect(pairs(result)).toEqual([
      ["01", GTIN],
      ["10", "LOT1"],
      ["17", "260300"],
      ["21", "S9"],
    ]);
  });
  it("without the option the substitute is data, and the lot is reported as bad", () => {
    const result = parse(`]d201${GTIN}10LOT1|17260300`);
    expect(codes(result)).toEqual([["bad-charset", "10"]]);
    expect(gs1(result).gtin).toBe(GTIN);
  });
  it("several substitutes at once", () => {
    expect(pairs(parse(`01${GTIN}10A~21B|22C`, { gsSubstitute: ["~", "|"] }))).toEqual([
      ["01", GTIN],
      ["10", "A"],
      ["21", "B"],
      ["22", "C"],
    ]);
  });
});

describe("unknown AIs and malformed data keep the fields that parsed", () => {
  it("unknown AI (239) between known ones", () => {
    const result = gs1(parse(`]d201${GTIN}239ABC${GS}10LOT${GS}17260300`));
    expect(pairs(result)).toEqual([
      ["01", GTIN],
      ["10", "LOT"],
      ["17", "260300"],
    ]);
    expect(result.errors).toMatchObject([{ code: "unknown-ai", ai: "239", value: "239ABC" }]);
  });
  it("unknown prefix 19 at the end", () => {
    const result = gs1(parse(`]d201${GTIN}10LOT${GS}19XYZ`));
    expect(result.lot).toBe("LOT");
    expect(result.errors[0]).toMatchObject({ code: "unknown-ai", value: "19XYZ" });
  });
  it("unknown AI in bracketed form", () => {
    const result = gs1(parse(`(01)${GTIN}(239)X(10)L`));
    expect(pairs(result)).toEqual([
      ["01", GTIN],
      ["10", "L"],
    ]);
    expect(codes(result)).toEqual([["unknown-ai", "239"]]);
  });
  it("bad GTIN check digit is reported, lot and expiry still returned", () => {
    const result = gs1(parse(`]d20109506000134353172603001012`));
    expect(result.gtin).toBeUndefined();
    expect(codes(result)).toEqual([["bad-check-digit", "01"]]);
    expect(result).toMatchObject({ lot: "12", expiry: { iso: "2026-03-31" } });
  });
  it("a predefined-length field cut short by a GS", () => {
    const result = gs1(parse(`]d201${GTIN}172603${GS}10A`));
    expect(codes(result)).toEqual([["too-short", "17"]]);
    expect(result.lot).toBe("A");
  });
  it("letters where digits belong", () => {
    expect(codes(parse(`]d201${GTIN}1726AB01`))).toEqual([["bad-charset", "17"]]);
  });
});

describe("plain GTINs", () => {
  it.each([
    ["96385074", "00000096385074", "EAN-8"],
    ["036000291452", "00036000291452", "UPC-A"],
    ["4006381333931", "04006381333931", "EAN-13"],
    [GTIN, GTIN, "GTIN-14"],
    ["]E04006381333931", "04006381333931", "EAN-13"],
  ])("%s -> %s (%s)", (text, gtin, format) => {
    expect(parse(text)).toMatchObject({ kind: "gtin", gtin, format });
  });
  it("a wrong check digit makes it an internal code, with a note", () => {
    expect(parse("4006381333932")).toMatchObject({ kind: "internal", code: "4006381333932", note: expect.stringMatching(/check digit/) });
  });
});

describe("GS1 Digital Link", () => {
  it("path key and qualifiers, query attributes, percent-decoding, non-AI parameters ignored", () => {
    const result = gs1(parse(`https://id.gs1.org/01/${GTIN}/10/AB%2F12/21/S%2541?17=260300&3103=000195&linkType=gs1:pip`));
    expect(result.form).toBe("digital-link");
    expect(pairs(result)).toEqual([
      ["01", GTIN],
      ["10", "AB/12"],
      ["21", "S%41"],
      ["17", "260300"],
      ["3103", "000195"],
    ]);
    expect(result).toMatchObject({ gtin: GTIN, lot: "AB/12", serial: "S%41", expiry: { iso: "2026-03-31", raw: "260300" } });
  });
  it("any host, a path prefix, a GTIN-13 padded to 14", () => {
    const result = gs1(parse("HTTPS://example.com/products/p/01/4006381333931?10=L%201"));
    expect(result.gtin).toBe("04006381333931");
  });
  it("a space in a lot is refused; '+' is literal", () => {
    const result = gs1(parse(`https://example.com/01/${GTIN}?10=L%201&21=A+B`));
    expect(codes(result)).toEqual([["bad-charset", "10"]]);
    expect(result.serial).toBe("A+B");
  });
  it("broken percent-encoding is reported, the rest kept", () => {
    const result = gs1(parse(`https://example.com/01/${GTIN}/10/A%ZZ?17=260300`));
    expect(codes(result)).toEqual([["bad-percent-encoding", "10"]]);
    expect(result).toMatchObject({ gtin: GTIN, expiry: { iso: "2026-03-31" } });
  });
  it("a web address without a GS1 key is an internal code", () => {
    expect(parse("https://example.com/about/us")).toMatchObject({ kind: "internal" });
  });
});

describe("HIBC is parsed as HIBC, never as GS1", () => {
  it("primary data, published example with check character G", () => {
    expect(parse("+A123BJC5D6E71G")).toEqual({
      kind: "hibc",
      part: "primary",
      lic: "A123",
      product: "BJC5D6E7",
      unitOfMeasure: 1,
      errors: [],
    });
  });
  it("a wrong check character is reported, the data still read", () => {
    const result = parse("+A123BJC5D6E71H");
    expect(result).toMatchObject({ kind: "hibc", lic: "A123", errors: [{ code: "bad-check-character" }] });
  });
  it("concatenated primary/secondary with YYMMDD expiry and lot", () => {
    expect(parse("+A123BJC5D6E71/$$3261231LOT42H")).toMatchObject({
      kind: "hibc",
      part: "concatenated",
      lic: "A123",
      product: "BJC5D6E7",
      lot: "LOT42",
      expiry: { iso: "2026-12-31", raw: "261231" },
      errors: [],
    });
  });
  it("digits-only HIBC product that a GS1 reader would take for AIs", () => {
    // "+A99912345/..." has AI-like digits; it must still come out as HIBC.
    expect(parse("+A99912345/$$52001510X0")).toMatchObject({
      kind: "hibc",
      lic: "A999",
      product: "1234",
      unitOfMeasure: 5,
      lot: "10X",
      expiry: { iso: "2020-01-15" },
      errors: [],
    });
  });
});

describe("ICCBBA and everything else", () => {
  it.each(["=A99991234567800", "&)ABC123", "=<0012345"])("%s is refused politely as ISBT 128", (text) => {
    expect(parse(text)).toMatchObject({ kind: "iccbba", reason: expect.stringMatching(/ISBT 128/) });
  });
  it("an internal code is returned as is", () => {
    expect(parse("SHELF-A3\r")).toEqual({ kind: "internal", code: "SHELF-A3" });
    expect(parse("]C0ABC123")).toEqual({ kind: "internal", code: "ABC123", symbology: "]C0" });
  });
});
