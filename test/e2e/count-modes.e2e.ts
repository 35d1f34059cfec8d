/**
 * A blind count with a recount threshold, end to end in a real Chromium: the staff tablet never sees
 * the expected quantity (not on the count screen, not in the stock list: its replica got the shelf's
 * rows without it), counts in tally mode (+1 per scan, from the fake camera and a hardware scanner),
 * is asked to recount because the tally is far off, recounts on the keypad, and the recount stands.
 * After completing, the tablet sees the shelf's quantity again.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readStock, signIn, syncState } from "./browser.js";
import { cameraBrowser, DESKTOP, keyIn, openCount, openTablet, POLL } from "./counting.js";

const baseUrl = inject("e2eBaseUrl");
const SHELF = "Shelf B";
const ITEM = "Blood collection tube, EDTA 4 ml";
const GTIN = "05060000010060";
const LOT = "L2605A";

let browser: Browser | undefined;
let closeBrowser: (() => Promise<void>) | undefined;
beforeAll(async () => {
  ({ browser, close: closeBrowser } = await cameraBrowser(`(01)${GTIN}(17)270600(10)${LOT}`));
});
afterAll(async () => {
  await closeBrowser?.();
});

async function openShelf(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Locations" }).click();
  await page.getByRole("link", { name: SHELF }).first().click();
  await page.getByRole("heading", { name: SHELF, level: 1 }).waitFor();
  await expect.poll(async () => (await readStock(page)).some((r) => r.name === ITEM), POLL).toBe(true);
  return (await readStock(page)).find((r) => r.name === ITEM)!.itemId;
}
const stockRow = (page: Page, itemId: string) => page.locator(`[data-testid="stock-row"][data-item-id="${itemId}"]`);
const counted = (page: Page) => page.getByTestId("counted-line").first();

/** A hardware scanner typing the pack's GS1 element string at scanner speed. */
async function wedgeScan(page: Page) {
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.type(`]d201${GTIN}10${LOT}`, { delay: 5 });
  await page.keyboard.press("Enter");
}

/**
 * `scans` hardware-scanner reads of the pack delivered back to back in one task, as a tablet dispatches
 * the key events it queued while its main thread was busy (a pull being applied, a long render): every
 * read reaches the screen before the screen has handled the one before.
 */
async function scannerBurst(page: Page, scans: number) {
  await page.evaluate(
    ({ text, scans }) => {
      for (let n = 0; n < scans; n++)
        for (const key of [...text, "Enter"])
          document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    },
    { text: `]d201${GTIN}10${LOT}`, scans },
  );
}

/** The admin starts a count of the shelf alone on the desktop; returns its id once the server has it. */
async function startShelfCount(admin: Page, name: string, options: { blind: boolean; thresholdUnits: number | null }) {
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Counts" }).click();
  await admin.getByLabel("Location", { exact: true }).selectOption({ label: SHELF });
  await admin.getByLabel("Include sub-locations").uncheck();
  if (options.blind) await admin.getByRole("checkbox", { name: /Blind/ }).check();
  if (options.thresholdUnits !== null) {
    await admin.getByLabel("Recount threshold unit").selectOption("units");
    await admin.getByLabel("Recount threshold", { exact: true }).fill(String(options.thresholdUnits));
  }
  await admin.getByLabel("Name (optional)").fill(name);
  await admin.getByRole("button", { name: "Start count" }).click();
  await admin.getByTestId("count-progress").waitFor();
  const sessionId = (await admin.locator("[data-session-id]").first().getAttribute("data-session-id"))!;
  await expect.poll(async () => (await syncState(admin)).pending, POLL).toBe("0");
  return sessionId;
}

describe("count modes", () => {
  it("blind count: the counter sees no expected quantity, tallies by camera and scanner, is asked to recount, and the recount stands", async () => {
    // Desktop: the admin sees the shelf's quantity and starts a blind count with a 1-unit recount threshold.
    const desk = await browser!.newContext({ viewport: DESKTOP });
    const admin = await desk.newPage();
    await signIn(admin, baseUrl, "admin@demo.venzory.test");
    const itemId = await openShelf(admin);
    const onHand = Number(await stockRow(admin, itemId).getAttribute("data-quantity"));
    expect(onHand).toBeGreaterThan(3); // a tally of 2 is then over the threshold
    const sessionId = await startShelfCount(admin, "Shelf B blind", { blind: true, thresholdUnits: 1 });

    // Staff tablet: the shelf's quantity of the item is hidden in its stock list (the replica lacks it).
    const tablet = await openTablet(browser!, baseUrl, "staff@demo.venzory.test");
    const page = tablet.page;
    await openShelf(page);
    await expect.poll(() => stockRow(page, itemId).getAttribute("data-hidden"), POLL).toBe("true");
    expect(await stockRow(page, itemId).getAttribute("data-quantity")).toBeNull();
    await openCount(page, sessionId);
    expect(await page.locator(".expected").count()).toBe(0);

    // Tally mode: the camera's read adds one (a code held in view counts once), a scanner read one more.
    await page.getByRole("button", { name: "Tally: +1 per scan" }).click();
    await page.getByRole("button", { name: "Start camera" }).click();
    await expect.poll(() => counted(page).getAttribute("data-quantity"), POLL).toBe("1");
    await page.getByRole("button", { name: "Stop camera" }).click();
    await expect.poll(() => page.getByTestId("count-panel").getByText("Blind count: expected hidden").count(), POLL).toBe(1);
    await wedgeScan(page);
    await expect.poll(() => counted(page).getAttribute("data-quantity"), POLL).toBe("2");
    expect(await page.getByTestId("count-message").textContent()).toBe(`Counted 2 × ${ITEM}`);

    // The server finds 2 far from what it expected: the tablet asks for a recount (without saying how far).
    const prompt = page.getByTestId("recount-prompt");
    await expect.poll(() => prompt.count(), POLL).toBe(1);
    await expect.poll(() => counted(page).getAttribute("data-quantity"), POLL).toBe("2");
    await prompt.getByRole("button").first().click();
    await expect.poll(() => page.getByTestId("count-panel").getByText("count again").count(), POLL).toBe(1);
    await keyIn(page, onHand, ITEM);
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    await expect.poll(() => prompt.count(), POLL).toBe(0);
    expect(await counted(page).getAttribute("data-quantity")).toBe(String(onHand));

    // The admin sees the recount as the key's count and completes; the tablet sees the quantity again.
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Counts" }).click();
    await admin.locator(`[data-testid="count-session"][data-session-id="${sessionId}"]`).getByRole("link", { name: "Review" }).click();
    const row = admin.getByTestId("review-key").filter({ hasText: ITEM });
    await expect.poll(() => row.getAttribute("data-final"), POLL).toBe(String(onHand));
    expect(await admin.getByTestId("review-summary").getAttribute("data-open-conflicts")).toBe("0");
    await admin.getByRole("button", { name: "Complete count…" }).click();
    await admin.getByRole("button", { name: "Yes, complete" }).click();
    await admin.getByText(/^Completed /).waitFor();
    await openShelf(page);
    await expect.poll(() => stockRow(page, itemId).getAttribute("data-quantity"), POLL).toBe(String(onHand));
    expect(await stockRow(page, itemId).getAttribute("data-hidden")).toBeNull();

    await tablet.context.close();
    await desk.close();
  });
  // A clinic tallies dozens of identical packs: every read counts exactly once, however quickly the next
  // one follows (a third scan in a row used to leave the count at 2: the tally added one to the count the
  // screen had last drawn, which a quick next scan read before the previous line had reached it).
  it("tally: scans of identical packs in quick succession each count exactly once, on the tablet and on the server", async () => {
    const SCANS = 5;
    const desk = await browser!.newContext({ viewport: DESKTOP });
    const admin = await desk.newPage();
    await signIn(admin, baseUrl, "admin@demo.venzory.test");
    const itemId = await openShelf(admin);
    const sessionId = await startShelfCount(admin, "Shelf B tally", { blind: false, thresholdUnits: null });

    const tablet = await openTablet(browser!, baseUrl, "staff@demo.venzory.test");
    const page = tablet.page;
    await openCount(page, sessionId);
    await page.getByRole("button", { name: "Tally: +1 per scan" }).click();
    // One scan, seen through to the list; then four more arrive before the screen has handled any of them.
    await wedgeScan(page);
    await expect.poll(() => counted(page).getAttribute("data-quantity"), POLL).toBe("1");
    await scannerBurst(page, SCANS - 1);
    await expect.poll(() => page.getByTestId("count-message").textContent(), POLL).toBe(`Counted ${SCANS} × ${ITEM}`);
    await expect.poll(() => counted(page).getAttribute("data-quantity"), POLL).toBe(String(SCANS));
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    // Settled: the tablet still says 5 once the server's lines came back, and the server judged the same.
    expect(await counted(page).getAttribute("data-quantity")).toBe(String(SCANS));
    expect(await page.getByTestId("counted-line").count()).toBe(1);

    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Counts" }).click();
    await admin.locator(`[data-testid="count-session"][data-session-id="${sessionId}"]`).getByRole("link", { name: "Review" }).click();
    const row = admin.getByTestId("review-key").filter({ hasText: ITEM });
    await expect.poll(() => row.getAttribute("data-final"), POLL).toBe(String(SCANS));
    expect(await admin.getByTestId("review-summary").getAttribute("data-open-conflicts")).toBe("0");
    await admin.getByRole("button", { name: "Complete count…" }).click();
    await admin.getByRole("button", { name: "Yes, complete" }).click();
    await admin.getByText(/^Completed /).waitFor();
    await openShelf(admin);
    await expect.poll(() => stockRow(admin, itemId).getAttribute("data-quantity"), POLL).toBe(String(SCANS));

    await tablet.context.close();
    await desk.close();
  });
});
