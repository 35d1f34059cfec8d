/**
 * The generated table and the dictionary grammar that produced it. The sample lines below are
 * entries of the GS1 Barcode Syntax Dictionary (Apache-2.0), quoted as test input.
 */
import { describe, expect, it } from "vitest";
import { aiEntry, knownAis, matchAi } from "./ai.js";
import { AI_DICTIONARY_RELEASE, AI_ENTRIES } from "./ai-table.js";
import { parseDictionary, parseLine } from "./tools/dictionary.js";

describe("dictionary line grammar", () => {
  it("reads flags, components with linters, optional parts, attributes and title", () => {
    expect(parseLine("253         ?  N13,csum,gcppos1 [X..17]          dlpkey                                           # GDTI")).toEqual({
      ai: "253",
      title: "GDTI",
      predefinedLength: false,
      dlAttribute: true,
      dlPrimaryKey: true,
      components: [
        { charset: "N", min: 13, max: 13, optional: false, linters: ["csum", "gcppos1"] },
        { charset: "X", min: 1, max: 17, optional: true, linters: [] },
      ],
    });
    expect(
      parseLine("3100-3105  *?  N6                                req=01,02 ex=310n                                # NET WEIGHT (kg)"),
    ).toMatchObject({
      ai: "3100",
      last: "3105",
      predefinedLength: true,
      req: ["01,02"],
      ex: ["310n"],
    });
    expect(
      parseLine("01         *?  N14,csum,gcppos2                  ex=255,37 dlpkey=22,10,21|235                    # GTIN").dlQualifiers,
    ).toEqual([["22", "10", "21"], ["235"]]);
    expect(parseLine("8110        ?  X..70,couponcode")).toMatchObject({ title: "", components: [{ charset: "X", max: 70 }] });
  });
  it("fails loudly on a line it cannot read rather than dropping the AI", () => {
    expect(() => parseDictionary("# Release: x\n99  ?  Q..9  # NEW TYPE\n")).toThrow(/line 2/);
    expect(() => parseLine("7040  N1 X1 newattr=1  # X")).toThrow(/unknown attribute/);
  });
});

describe("generated AI table", () => {
  it("records its dictionary release", () => {
    expect(AI_DICTIONARY_RELEASE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it("holds the whole dictionary: 224 entries, every AI from 00 to 99 with ranges expanded", () => {
    expect(AI_ENTRIES).toHaveLength(224);
    expect(knownAis()).toHaveLength(new Set(knownAis()).size);
    for (const ai of ["00", "01", "10", "17", "21", "235", "3103", "3929", "7003", "710", "717", "8030", "91", "99"])
      expect(aiEntry(ai)).toBeDefined();
  });
  it("is prefix-free, so an AI is found without look-ahead", () => {
    const ais = knownAis();
    const clashes = ais.flatMap((a) => ais.filter((b) => b !== a && b.startsWith(a)).map((b) => `${a}<${b}`));
    expect(clashes).toEqual([]);
    expect(matchAi("3103000195", 0)).toBe("3103");
  });
  it("matches the guide's separator column", () => {
    for (const ai of ["00", "01", "02", "11", "15", "17", "20", "3103", "410"]) expect(aiEntry(ai)?.predefinedLength).toBe(true);
    for (const ai of ["10", "21", "30", "37", "7003", "710", "715"]) expect(aiEntry(ai)?.predefinedLength).toBe(false);
  });
  it("carries check-digit and date linters and Digital Link flags", () => {
    expect(aiEntry("01")?.components[0]?.linters).toContain("csum");
    expect(aiEntry("17")?.components[0]?.linters).toEqual(["yymmd0"]);
    expect(aiEntry("7003")?.components.map((c) => c.linters[0])).toEqual(["yymmdd", "hhmi"]);
    expect(aiEntry("01")).toMatchObject({ dlPrimaryKey: true, dlAttribute: true });
    expect(aiEntry("21")).toMatchObject({ dlPrimaryKey: false, dlAttribute: false });
  });
});
