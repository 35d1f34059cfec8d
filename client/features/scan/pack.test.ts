import { describe, expect, it } from "vitest";
import { GS, hibcCheckCharacter, parseScan } from "../../../shared/gs1/index.js";
import { addScan, mergePack, packFromScan, type Pack } from "./pack.js";

const TODAY = new Date("2026-12-01T00:00:00Z");
const GTIN = "05060000010060"; // valid check digit (seed GTIN of the 6th demo item)
const scan = (text: string): Pack => packFromScan(parseScan(text, { today: TODAY }), text);

/** A HIBC text with its correct check character appended. */
const hibc = (body: string) => body + hibcCheckCharacter(body);

describe("a pack with two codes", () => {
  it("a plain GTIN scanned after the DataMatrix keeps the lot and expiry the DataMatrix found", () => {
    const first = scan(`]d201${GTIN}17270600${"10"}L2605A`);
    const second = scan("]E0" + GTIN.slice(1));
    const merged = mergePack(first, second);
    expect(merged).toMatchObject({
      key: `gtin:${GTIN}`,
      gtin: GTIN,
      lot: "L2605A",
      expiry: { iso: "2027-06-30", raw: "270600" },
      scans: 2,
      kind: "gs1",
    });
  });

  it("a DataMatrix scanned after the plain GTIN adds lot, expiry and serial", () => {
    const merged = mergePack(scan(GTIN), scan(`${GS}01${GTIN}17280131${"10"}ABC${GS}21S1`));
    expect(merged).toMatchObject({ gtin: GTIN, lot: "ABC", serial: "S1", expiry: { iso: "2028-01-31" } });
  });

  it("a second code with only lot and expiry joins the pack and blanks nothing", () => {
    const first = scan(`]C101${GTIN}21SER9`);
    const second = scan(`]C11728013110LOT7`);
    expect(second.key).toBe("");
    expect(mergePack(first, second)).toMatchObject({ gtin: GTIN, serial: "SER9", lot: "LOT7", expiry: { iso: "2028-01-31" } });
  });

  it("HIBC primary and secondary symbols make one pack", () => {
    const primary = scan(hibc("+A123BJC5D6E71"));
    const secondary = scan(hibc(`+$$3280131LOT5${hibcCheckCharacter("+A123BJC5D6E71")}`));
    const merged = mergePack(primary, secondary);
    expect(merged).toMatchObject({
      key: "hibc:A123/BJC5D6E7",
      hibc: { lic: "A123", product: "BJC5D6E7" },
      lot: "LOT5",
      expiry: { iso: "2028-01-31" },
    });
  });

  it("the same GTIN with another lot is another pack", () => {
    expect(mergePack(scan(`]d201${GTIN}10A1`), scan(`]d201${GTIN}10B2`))).toBeNull();
  });

  it("another GTIN, or a GS1 scan after a HIBC one, is another pack", () => {
    expect(mergePack(scan(GTIN), scan("05060000010015"))).toBeNull();
    expect(mergePack(scan(hibc("+A123BJC5D6E71")), scan(`]C11728013110LOT7`))).toBeNull();
  });
});

describe("the recent scans list", () => {
  it("merges into the newest pack, moves a matching older one up, adds a new one on top", () => {
    let packs: Pack[] = [];
    packs = addScan(packs, scan(`]d201${GTIN}1727063010L2605A`));
    packs = addScan(packs, scan("05060000010015"));
    expect(packs.map((p) => p.gtin)).toEqual(["05060000010015", GTIN]);
    // The first pack seen again (its plain GTIN): it comes back on top with its lot intact.
    packs = addScan(packs, scan(GTIN));
    expect(packs).toHaveLength(2);
    expect(packs[0]).toMatchObject({ gtin: GTIN, lot: "L2605A", scans: 2 });
    // A lot-only scan joins the newest pack only.
    packs = addScan(packs, scan(`]C11728013110ZZ`));
    expect(packs).toHaveLength(3);
    expect(packs[0]).toMatchObject({ key: "", lot: "ZZ" });
  });
});
