/**
 * Stock counts end to end in a real Chromium: an admin starts a count of a shelf on the desktop; two
 * tablets take it offline and count the same key differently (one with the fake camera reading a GS1
 * DataMatrix with the lot, one with a hardware scanner typing at scanner speed), a count survives a
 * reload offline; meanwhile the desktop adds stock to that key. All sync; the admin reviews the double
 * count and the stock-moved conflict (old → new for both readings), completes, and on-hand equals the
 * chosen final. COUNT_SCREENSHOTS=<dir> saves the screens at tablet and desktop sizes.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { quantityOf, readStock, signIn, syncState } from "./browser.js";
import { cameraBrowser, DESKTOP, keyIn as keyInItem, openCount, openTablet as openTabletOn, POLL, TABLET } from "./counting.js";

const baseUrl = inject("e2eBaseUrl");
const SHELF = "Shelf B";
// A seeded batch-tracked item kept on Shelf B (prisma/seed.ts), its GTIN and its one lot.
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

async function screenshots(page: Page, name: string) {
  const out = process.env.COUNT_SCREENSHOTS;
  if (!out) return;
  const original = page.viewportSize();
  for (const [label, viewport] of [
    ["tablet", TABLET],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

const openTablet = (email: string) => openTabletOn(browser!, baseUrl, email);
const keyIn = (page: Page, quantity: number) => keyInItem(page, quantity, ITEM);

const chosenLine = (page: Page) => page.locator(`[data-testid="counted-line"]`).first();

describe("stock counts", () => {
  it("two tablets count a shelf offline while the desktop adds stock; the admin resolves both conflicts and completes", async () => {
    // Desktop: the admin starts a count of the shelf.
    const desk = await browser!.newContext({ viewport: DESKTOP });
    const admin = await desk.newPage();
    await signIn(admin, baseUrl, "admin@demo.venzory.test");
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Counts" }).click();
    await admin.getByRole("heading", { name: "Stock counts", level: 1 }).waitFor();
    await admin.getByLabel("Location", { exact: true }).selectOption({ label: SHELF });
    await admin.getByLabel("Include sub-locations").uncheck();
    await admin.getByLabel("Name (optional)").fill("Shelf B weekly");
    await admin.getByRole("button", { name: "Start count" }).click();
    await admin.getByTestId("count-progress").waitFor();
    const sessionId = (await admin.locator("[data-session-id]").first().getAttribute("data-session-id"))!;
    await expect.poll(async () => (await syncState(admin)).pending, POLL).toBe("0");

    // Two tablets open it while online, then lose the network.
    const a = await openTablet("staff@demo.venzory.test");
    const b = await openTablet("admin@demo.venzory.test");
    for (const t of [a, b]) await openCount(t.page, sessionId);
    await a.context.setOffline(true);
    await b.context.setOffline(true);

    // Tablet A: the camera reads the DataMatrix: item and lot open with the keypad.
    await a.page.getByRole("button", { name: "Start camera" }).click();
    const panelA = a.page.getByTestId("count-panel");
    await expect
      .poll(async () => (await panelA.count()) > 0 && (await panelA.getByRole("heading").textContent()), POLL)
      .toContain(`lot ${LOT}`);
    await a.page.getByRole("button", { name: "Stop camera" }).click();
    const expected = Number(await panelA.getByTestId("expected").textContent());
    expect(expected).toBeGreaterThan(2);
    await screenshots(a.page, "count-keypad");
    await keyIn(a.page, expected - 2);

    // Tablet B: a hardware scanner types the GS1 element string at scanner speed.
    await b.page.getByRole("heading", { level: 1 }).click();
    await b.page.keyboard.type(`]d201${GTIN}10${LOT}`, { delay: 5 });
    await b.page.keyboard.press("Enter");
    await expect.poll(async () => b.page.getByTestId("count-panel").getByRole("heading").textContent(), POLL).toContain(`lot ${LOT}`);
    await keyIn(b.page, expected - 1);

    // Offline the counts wait in the outbox, listed as pending, and survive a reload.
    await expect.poll(() => chosenLine(a.page).getAttribute("data-pending"), POLL).toBe("true");
    expect(Number(await a.page.getByTestId("pending-sync").getAttribute("data-pending"))).toBeGreaterThanOrEqual(1);
    await a.page.reload();
    await a.page.getByTestId("count-progress").waitFor();
    await expect.poll(() => chosenLine(a.page).getAttribute("data-quantity"), POLL).toBe(String(expected - 2));
    expect(await a.page.getByTestId("count-progress").getAttribute("data-counted")).toBe("1");
    await screenshots(a.page, "count-offline");

    // Meanwhile the desktop receives 5 more of that lot on the shelf.
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Locations" }).click();
    await admin.getByRole("link", { name: SHELF }).first().click();
    await admin.getByRole("heading", { name: SHELF, level: 1 }).waitFor();
    await expect.poll(async () => (await readStock(admin)).some((r) => r.name === ITEM), POLL).toBe(true);
    const itemId = (await readStock(admin)).find((r) => r.name === ITEM)!.itemId;
    expect((await quantityOf(admin, itemId))?.quantity).toBe(expected);
    await admin.getByRole("button", { name: `Adjust ${ITEM}`, exact: true }).click();
    await admin.getByRole("radio", { name: "Add" }).check();
    const lotOption = admin.getByLabel("Lot", { exact: true }).locator("option").filter({ hasText: LOT });
    await admin.getByLabel("Lot", { exact: true }).selectOption((await lotOption.getAttribute("value"))!);
    await admin.getByLabel("Amount", { exact: true }).fill("5");
    await admin.getByLabel("Reason", { exact: true }).selectOption({ label: "Found" });
    await admin.getByRole("button", { name: "Save adjustment" }).click();
    // The server must hold the +5 before the tablets push (that is the stock-moved case): wait for the
    // desktop to show the server's row. Waiting for "nothing pending" alone could pass before the
    // adjustment even reached the outbox; the lines then landed first and no movement was "since" them.
    await expect.poll(() => quantityOf(admin, itemId), POLL).toEqual({ quantity: expected + 5, pending: false });

    // Back online: both tablets push.
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    for (const t of [a, b]) await expect.poll(async () => (await syncState(t.page)).pending, POLL).toBe("0");

    // The shelf's count accuracy so far (other browser test files may have completed counts there),
    // read once the figure has read the replica: read before, it showed no figure at all, and "before"
    // became 0 where it was the earlier files' count (the later check then read 2 for 1).
    await admin.getByRole("link", { name: "Overview" }).click();
    await admin.locator('[data-testid="figure-counts"][data-ready="true"]').waitFor();
    const accuracy = admin.getByTestId("count-accuracy").filter({ hasText: SHELF });
    const before = (await accuracy.count())
      ? { counted: Number(await accuracy.getAttribute("data-counted")), exact: Number(await accuracy.getAttribute("data-exact")) }
      : { counted: 0, exact: 0 };

    // The admin reviews: a double count and a stock-moved key, with old → new for both readings.
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Counts" }).click();
    await admin.locator(`[data-testid="count-session"][data-session-id="${sessionId}"]`).getByRole("link", { name: "Review" }).click();
    const summary = admin.getByTestId("review-summary");
    await expect.poll(() => summary.getAttribute("data-open-conflicts"), POLL).toBe("2");
    await expect.poll(() => admin.getByTestId("count-device").count(), POLL).toBeGreaterThanOrEqual(3);
    const row = admin.getByTestId("review-key").filter({ hasText: ITEM });
    await row.getByRole("button", { name: `Use ${expected - 2}`, exact: true }).click();
    await row.getByRole("button", { name: `Use counted: ${expected + 5} → ${expected - 2}` }).waitFor();
    await screenshots(admin, "count-review");
    await row.getByRole("button", { name: `Use counted + movements: ${expected + 5} → ${expected + 3}` }).click();
    await expect.poll(() => summary.getAttribute("data-open-conflicts"), POLL).toBe("0");
    await expect.poll(() => row.getAttribute("data-final"), POLL).toBe(String(expected + 3));

    await admin.getByRole("button", { name: "Complete count…" }).click();
    await admin.getByRole("button", { name: "Yes, complete" }).click();
    await expect.poll(async () => (await syncState(admin)).pending, POLL).toBe("0");
    await admin.getByText(/^Completed /).waitFor();
    await screenshots(admin, "count-completed");

    // On hand is the chosen final: counted before the +5 arrived.
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Locations" }).click();
    await admin.getByRole("link", { name: SHELF }).first().click();
    await expect.poll(() => quantityOf(admin, itemId), POLL).toEqual({ quantity: expected + 3, pending: false });
    // The tablets converge on it too, and the dashboard's shelf accuracy counts one more key, not exact.
    await admin.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => accuracy.getAttribute("data-counted"), POLL).toBe(String(before.counted + 1));
    expect(await accuracy.getAttribute("data-exact")).toBe(String(before.exact));

    await a.context.close();
    await b.context.close();
    await desk.close();
  });
});
