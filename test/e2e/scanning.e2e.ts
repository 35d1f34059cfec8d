/**
 * Scanning end to end in a real Chromium: real barcodes (bwip-js) play through the fake camera and the
 * scan screen shows the practice's item, lot and expiry for each, online and again with the network
 * off (the decoder's WebAssembly from the service worker's precache); the camera is released when the
 * app is hidden; a hardware scanner typing at scanner speed goes through the same parser.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { composeFrame, renderSymbol, writeY4m, type Luma, type SymbolSpec } from "../scan-frames.js";
import { launchChromiumWithCamera, signIn } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const POLL = { timeout: 30_000, interval: 100 };
const FPS = 10;
const FRAMES_PER_SYMBOL = 10; // one second each, then the video loops

interface Case {
  name: string;
  symbol: SymbolSpec;
  /** What the scan screen must show for it. */
  title: string;
  lot: string;
  expiry: { iso: string; raw: string };
}

// GTINs of the seeded demo items (prisma/seed.ts: 0 + 506000 + 001000+n + check digit).
const CASES: Case[] = [
  {
    name: "GS1 DataMatrix",
    symbol: { bcid: "gs1datamatrix", text: "(01)05060000010060(17)270600(10)L2605A(21)SN001", scale: 6 },
    title: "Blood collection tube, EDTA 4 ml",
    lot: "L2605A",
    expiry: { iso: "2027-06-30", raw: "270600" }, // DD = 00: the month's last day
  },
  {
    name: "GS1-128",
    symbol: { bcid: "gs1-128", text: "(01)05060000010176(17)271231(10)10D9T", scale: 2 },
    title: "Paracetamol 500 mg tablets",
    lot: "10D9T", // a lot that looks like AI 10 + data: must not be split
    expiry: { iso: "2027-12-31", raw: "271231" },
  },
  {
    name: "EAN-13",
    symbol: { bcid: "ean13", text: "5060000010015", scale: 3 },
    title: "Nitrile examination gloves, medium",
    lot: "",
    expiry: { iso: "", raw: "" },
  },
  {
    name: "HIBC DataMatrix",
    symbol: { bcid: "hibcdatamatrix", text: "A123BJC5D6E71/$$3280131HB77", scale: 6 },
    title: "HIBC product BJC5D6E7 (labeler A123)",
    lot: "HB77",
    expiry: { iso: "2028-01-31", raw: "280131" },
  },
  {
    name: "GS1 Digital Link QR",
    symbol: { bcid: "qrcode", text: "https://id.gs1.org/01/05060000010206/10/DL%2F42?17=281100", scale: 5 },
    title: "Influenza vaccine (QIVe) 0.5 ml",
    lot: "DL/42",
    expiry: { iso: "2028-11-30", raw: "281100" },
  },
];

let browser: Browser | undefined;
let dir: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "venzory-scan-"));
  const frames: Luma[] = [];
  for (const [s, c] of CASES.entries()) {
    const symbol = await renderSymbol(c.symbol);
    // A hand-held label: it drifts a little and the sensor is noisy.
    for (let f = 0; f < FRAMES_PER_SYMBOL; f++)
      frames.push(composeFrame(symbol, { angle: 4, dx: (f % 5) * 3 - 6, dy: (f % 3) * 2, noise: 4, seed: s * 100 + f }));
  }
  const video = path.join(dir, "codes.y4m");
  await writeY4m(video, frames, FPS);
  // One video per browser launch: this file's own Chromium, with the fake camera playing it.
  browser = await launchChromiumWithCamera(video);
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The scan result cards on screen: title, lot, expiry as shown. */
async function readCards(page: Page) {
  return page.getByTestId("scan-result").evaluateAll((cards) =>
    cards.map((card) => ({
      title: card.querySelector(".pack-title")?.firstChild?.textContent ?? "",
      lot: card.querySelector('[data-field="lot"]')?.textContent ?? "",
      expiry: card.querySelector('[data-field="expiry"] time')?.getAttribute("datetime") ?? "",
      expiryText: card.querySelector('[data-field="expiry"]')?.textContent ?? "",
    })),
  );
}

/** Waits until every case has been read from the camera and shown with its item, lot and expiry. */
async function expectAllCasesShown(page: Page) {
  for (const c of CASES) {
    await expect
      .poll(
        async () =>
          (await readCards(page)).some(
            (card) =>
              card.title === c.title &&
              card.lot === c.lot &&
              card.expiry === c.expiry.iso &&
              (!c.expiry.raw || card.expiryText.includes(`scanned ${c.expiry.raw}`)),
          ),
        {
          ...POLL,
          message: `${c.name} read and shown`,
        },
      )
      .toBe(true);
  }
}

/** SCAN_SCREENSHOTS=<dir>: saves the screen at tablet and desktop sizes, for looking at the layout. */
async function screenshots(page: Page, name: string) {
  const dirOut = process.env.SCAN_SCREENSHOTS;
  if (!dirOut) return;
  const original = page.viewportSize();
  for (const [label, viewport] of [
    ["tablet", { width: 820, height: 1180 }],
    ["desktop", { width: 1440, height: 900 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dirOut, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

async function openScan(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scan" }).click();
  await page.getByRole("heading", { name: "Scan", level: 1 }).waitFor();
}

describe("camera scanning", () => {
  it("reads GS1 DataMatrix, GS1-128, EAN-13, HIBC and a Digital Link QR into item, lot and expiry, online and offline", async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["camera"], { origin: baseUrl });
    const page = await context.newPage();
    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    await openScan(page);
    // The WebAssembly decoder, not the fallback: the CSP must let it compile.
    await expect.poll(() => page.getByRole("region", { name: "Scanner" }).getAttribute("data-decoder"), POLL).toBe("zxing-wasm");
    await expect.poll(() => page.getByRole("region", { name: "Scanner" }).getAttribute("data-camera"), POLL).toBe("on");
    await expectAllCasesShown(page);

    // Lot recall from a scanned pack: the seed keeps lot L2605A somewhere; the table names the place.
    await page.getByRole("button", { name: "Where is lot L2605A?" }).click();
    await expect
      .poll(async () => (await page.getByTestId("lot-holding").allTextContents()).join("|"), POLL)
      .toMatch(/Main building › .*Blood collection tube, EDTA 4 ml/);
    await screenshots(page, "scan-camera");

    // The camera is released while the app is hidden.
    await page.evaluate(() => {
      (window as unknown as { scanStream: MediaStream }).scanStream = document.querySelector("video")!.srcObject as MediaStream;
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await expect.poll(() => page.getByRole("region", { name: "Scanner" }).getAttribute("data-camera"), POLL).toBe("off");
    expect(
      await page.evaluate(() => (window as unknown as { scanStream: MediaStream }).scanStream.getTracks().map((t) => t.readyState)),
    ).toEqual(["ended"]);

    // Network off: a fresh load comes from the service worker, the wasm from its precache.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "Scan", level: 1 }).waitFor();
    await expect.poll(() => page.getByRole("region", { name: "Scanner" }).getAttribute("data-decoder"), POLL).toBe("zxing-wasm");
    await expectAllCasesShown(page);
    await context.close();
  });

  it("recognises a hardware scanner typing at scanner speed, anywhere on the screen and in the lot field", async () => {
    const context = await browser!.newContext();
    await context.grantPermissions(["camera"], { origin: baseUrl });
    const page = await context.newPage();
    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await openScan(page);
    // The camera may read a code before it is stopped: assertions look for this test's own reads.
    await page.getByRole("button", { name: "Stop camera" }).click();
    // This scanner is set up to send "~" for GS (FNC1).
    await page.getByText("Hardware scanner settings").click();
    await page.getByLabel(/Character the scanner sends for GS/).fill("~");

    await page.getByRole("heading", { name: "Scan", level: 1 }).click(); // focus on nothing in particular
    await page.keyboard.type("]d2010506000001006017280131" + "10WEDGE-7~21S42", { delay: 5 });
    await page.keyboard.press("Enter");
    await expect
      .poll(() => readCards(page), POLL)
      .toContainEqual({
        title: "Blood collection tube, EDTA 4 ml",
        lot: "WEDGE-7",
        expiry: "2028-01-31",
        expiryText: "2028-01-31 (scanned 280131)",
      });
    expect(await page.getByTestId("scan-result").first().locator('[data-field="serial"]').textContent()).toBe("S42");
    // Lot + expiry → the item's batch: a lot new to the practice is recorded from the scan, then known.
    const wedge = page.getByTestId("scan-result").filter({ hasText: "WEDGE-7" }).first();
    await wedge.getByRole("button", { name: /Record lot WEDGE-7 \(expires 2028-01-31\)/ }).click();
    await expect
      .poll(() => wedge.getByTestId("lot-known").textContent(), POLL)
      .toMatch(/Lot WEDGE-7 is recorded for this item \(expires 2028-01-31\)/);
    const cards = (await readCards(page)).length;

    // A person typing the same text is not a scanner: nothing is read.
    await page.getByRole("heading", { name: "Scan", level: 1 }).click();
    await page.keyboard.type("05060000100152", { delay: 60 });
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    expect(await readCards(page)).toHaveLength(cards);

    // A scan into the lot field looks the lot up.
    await page.getByLabel("Lot", { exact: true }).click();
    await page.keyboard.type("]C1010506000001006017270630" + "10L2605A", { delay: 5 });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("lot-report").getAttribute("data-lot"), POLL).toBe("L2605A");
    await expect.poll(() => page.getByTestId("lot-holding").count(), POLL).toBeGreaterThan(0);
    await context.close();
  });
});
