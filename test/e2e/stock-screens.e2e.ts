/**
 * Looks at the stock screens (dashboard, a location's stock with the form open under a row, the stock
 * lists) on a tablet (800×1280) and a desktop viewport, and saves screenshots to look at. It asserts the
 * layout points the issue names: the figures open their lists, and on the tablet the adjust form opens
 * directly under the row that asked for it.
 */
import { mkdir } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { signIn, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const chromium = useChromium();
const OUT = process.env.SCREENSHOT_DIR ?? "test-results/screens";

describe("stock screens", () => {
  it.each([
    ["tablet", { width: 800, height: 1280 }],
    ["desktop", { width: 1440, height: 900 }],
  ] as const)("%s: dashboard, location stock with the form beside its row, lists", async (name, viewport) => {
    await mkdir(OUT, { recursive: true });
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    await page.getByRole("heading", { name: "Stock overview" }).waitFor();
    await page.getByTestId("sync-status").filter({ hasText: "last sync" }).filter({ hasNotText: "never" }).waitFor();
    await page.screenshot({ path: `${OUT}/${name}-dashboard.png`, fullPage: true });

    await page.getByTestId("figure-expiring").click();
    await page.getByRole("heading", { name: "Expiring soon", level: 1 }).waitFor();
    await page.screenshot({ path: `${OUT}/${name}-expiring.png`, fullPage: true });

    await page.getByRole("link", { name: "Locations", exact: true }).first().click();
    await page.getByRole("link", { name: "Vaccine fridge" }).click();
    await page.getByRole("heading", { name: "Vaccine fridge", level: 1 }).waitFor();
    const adjust = page.getByRole("button", { name: /^Adjust / }).first();
    await adjust.click();
    await page.screenshot({ path: `${OUT}/${name}-inventory.png`, fullPage: true });
    if (name === "tablet") {
      // The form sits right under the row whose button opened it.
      const rowBox = (await adjust.boundingBox())!;
      const formBox = (await page.locator(".inline-stock-form").boundingBox())!;
      expect(formBox.y - (rowBox.y + rowBox.height)).toBeLessThan(120);
    }
    await context.close();
  });
});
