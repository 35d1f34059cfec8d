/**
 * CSV import in a real Chromium: upload → preview with per-row errors → apply through the outbox and
 * push → the same file again plans nothing (the replica pulled back what the server applied). Screenshots
 * of the screen at tablet and desktop sizes go to $SCREENSHOT_DIR when it is set.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { signIn, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const POLL = { timeout: 60_000, interval: 200 };
const tag = Date.now().toString(36).toUpperCase();

// Semicolons, a BOM, a quoted name with a comma and a newline, a bad price and a bad GTIN.
const FILE =
  "\uFEFF" +
  [
    "name;sku;gtin;unit;supplier;unit_price;currency;preferred",
    `"Gloves, nitrile ""M""";E2E-${tag}-1;;box;E2E Supplier ${tag};12.50;GBP;yes`,
    `"Swabs\nsterile";E2E-${tag}-2;;pack;E2E Supplier ${tag};0.1234;EUR;no`,
    `Tape;E2E-${tag}-3;;each;E2E Supplier ${tag};12,50;GBP;`,
    `Syringe;E2E-${tag}-4;05012345678901;each;;;;`,
  ].join("\r\n");

async function upload(page: Page, text: string) {
  await page.getByLabel("CSV file").setInputFiles({ name: "items.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await page.getByRole("heading", { name: "Preview of items.csv" }).waitFor();
}

async function shot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const chromium = useChromium();

describe("CSV import", () => {
  it("previews errors by line and column, applies through the push, and a second run changes nothing", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 820, height: 1180 }); // a tablet, portrait
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    await page.getByRole("link", { name: "Import/export" }).click();
    await page.getByRole("heading", { name: "Import and export", level: 1 }).waitFor();

    await upload(page, FILE);
    const errors = await page.getByTestId("import-error").allInnerTexts();
    expect(errors.map((e) => e.replace(/\s+/g, " ").trim())).toEqual([
      // The swabs row spans lines 3 and 4 (a quoted newline): Tape starts on line 5.
      "5 unit_price Use a dot for decimals: 12.50.",
      "6 gtin The check digit is wrong: check the barcode number.",
    ]);
    await shot(page, "import-preview-tablet");
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, "import-preview-desktop");

    // 1 supplier + 2 new items, each created with its price in one change (the preferred flag with it).
    await page.getByRole("button", { name: "Apply 3 changes" }).click();
    await page.getByRole("heading", { name: "Import sent" }).waitFor({ timeout: 60_000 });
    await shot(page, "import-done-desktop");

    // Once the pull has brought the server's rows back, the same file plans nothing.
    await page.getByRole("button", { name: "Import another file" }).click();
    await expect
      .poll(async () => {
        await upload(page, FILE);
        const pending = await page.getByRole("button", { name: /^Apply \d+ change/ }).innerText();
        await page.getByRole("button", { name: "Cancel" }).click();
        return pending;
      }, POLL)
      .toBe("Apply 0 changes");
    await context.close();
  });
});
