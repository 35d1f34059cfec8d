/**
 * Issue 10's walk-through in a real Chromium. A practice signs up; on a tablet (800×1280, touch) its admin
 * goes offline and creates two locations, a batch-tracked item (with its reorder point and maximum) and a
 * supplier, books opening stock into a new lot that expires within the horizon, moves part of it to the
 * other location and sets a par level there, sees that a lot's movement history needs a connection, then
 * goes online and syncs. A desktop browser (1280×800) then sees the item as low stock and the lot as
 * expiring on the dashboard, and the lot's movements in the lot lookup. Only the screens are used.
 */
import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { emailedLink, launchChromium, syncState } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const emailDir = inject("e2eEmailDir");
const POLL = { timeout: 30_000, interval: 100 };
const run = Date.now().toString(36);
const ADMIN = `stock-admin-${run}@e2e.venzory.test`;
const PASSWORD = `stock-pass-${run}`;
const PRACTICE = `Hillside ${run}`;
const ITEM = "Flu vaccine";
const LOT = `FLU-${run}`.toUpperCase();
const STORE = "Store room";
const ROOM = "Treatment room";

/** A date `days` from today as YYYY-MM-DD (the test and the browser share the machine's clock and zone). */
function dateIn(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Saves a screenshot to look at when SCREENSHOT_DIR is set (e.g. SCREENSHOT_DIR=/tmp/shots). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/catalogue-stock-${name}.png`, fullPage: true });
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole("link", { name, exact: true }).first().click();
}

describe("catalogue and stock, offline on a tablet", () => {
  it("a new practice sets up and books stock offline; after the sync a desktop sees low and expiring stock", async () => {
    const expiry = dateIn(40);

    // Sign up through the app; the emailed link signs the founder in.
    const tabletContext = await browser.newContext({
      viewport: { width: 800, height: 1280 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 1,
    });
    const tablet = await tabletContext.newPage();
    await tablet.goto(`${baseUrl}/`);
    await tablet.getByRole("link", { name: "Create a practice" }).click();
    await tablet.getByLabel("Practice name").fill(PRACTICE);
    await tablet.getByLabel("Your name").fill("Sam Stock");
    await tablet.getByLabel("Email", { exact: true }).fill(ADMIN);
    await tablet.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await tablet.getByRole("button", { name: "Create practice" }).click();
    await tablet.getByRole("status").filter({ hasText: "Check your inbox" }).waitFor();
    let link: string | undefined;
    await expect.poll(async () => (link = await emailedLink(emailDir, ADMIN, "magic")), POLL).toBeTruthy();
    await tablet.goto(`${baseUrl}${link}`);
    await tablet.getByRole("button", { name: "Continue" }).click();
    await tablet.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
    // The app shell is cached and the first sync is done before the network goes away.
    await tablet.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await tablet.getByTestId("sync-status").filter({ hasText: "last sync" }).filter({ hasNotText: "never" }).waitFor();

    await tabletContext.setOffline(true);
    await expect.poll(async () => (await syncState(tablet)).online, POLL).toBe("false");

    // Two locations.
    for (const name of [STORE, ROOM]) {
      await tablet.getByLabel("Name", { exact: true }).fill(name);
      await tablet.getByRole("button", { name: "Add location" }).click();
      await tablet.getByRole("link", { name }).waitFor();
    }

    // The item, batch-tracked, with its practice-wide levels: reorder at 60 (above the 50 it will hold), up to 100.
    await nav(tablet, "Items");
    await tablet.getByRole("link", { name: "Add item" }).click();
    await tablet.getByLabel("Name", { exact: true }).fill(ITEM);
    await tablet.getByLabel("Unit", { exact: true }).fill("vial");
    await tablet.getByLabel(/Track batches/).check();
    await tablet.getByRole("button", { name: "Create item" }).click();
    await tablet.getByRole("heading", { name: ITEM, level: 1 }).waitFor();
    await tablet.getByLabel("Reorder point").fill("60");
    await tablet.getByLabel("Maximum", { exact: true }).fill("100");
    await tablet.getByRole("button", { name: "Save levels" }).click();
    await tablet.getByRole("status").filter({ hasText: "Levels saved" }).waitFor();
    await shot(tablet, "tablet-item");

    // A supplier.
    await nav(tablet, "Suppliers");
    await tablet.getByRole("link", { name: "Add supplier" }).click();
    await tablet.getByLabel("Name", { exact: true }).fill("Northern Vet Supplies");
    await tablet.getByLabel("Order email").fill(`orders-${run}@supplier.test`);
    await tablet.getByRole("button", { name: "Create supplier" }).click();
    await tablet.getByRole("heading", { name: "Northern Vet Supplies", level: 1 }).waitFor();

    // Opening stock in a new lot at the store room, through the form under the item's row.
    await nav(tablet, "Locations");
    await tablet.getByRole("link", { name: STORE }).click();
    await tablet.getByRole("heading", { name: STORE, level: 1 }).waitFor();
    await tablet.getByLabel("Only items kept here").uncheck();
    await tablet.getByRole("button", { name: `Adjust ${ITEM}`, exact: true }).tap();
    const form = tablet.locator(".inline-stock-form");
    await form.getByRole("radio", { name: "Add", exact: true }).check();
    await form.getByLabel("Lot", { exact: true }).selectOption({ label: "New lot…" });
    await form.getByLabel("Lot number").fill(LOT);
    await form.getByLabel(/^Expiry/).fill(expiry);
    await form.getByLabel("Amount", { exact: true }).fill("50");
    await form.getByLabel("Reason", { exact: true }).selectOption({ label: "Opening balance" });
    await form.getByRole("button", { name: "Save adjustment" }).tap();
    await form
      .getByRole("status")
      .filter({ hasText: `Added 50 ${ITEM}` })
      .waitFor();

    // Move 20 of that lot to the treatment room (the form keeps the lot just created).
    await form.getByRole("radio", { name: "Move", exact: true }).check();
    await expect.poll(() => form.getByLabel("Lot", { exact: true }).locator("option:checked").textContent(), POLL).toContain(LOT);
    await form.getByLabel("Move to").selectOption({ label: ROOM });
    await form.getByLabel("Amount", { exact: true }).fill("20");
    await form.getByRole("button", { name: "Move stock" }).tap();
    await form
      .getByRole("status")
      .filter({ hasText: `Moved 20 ${ITEM}` })
      .waitFor();
    const row = tablet.getByTestId("stock-row").filter({ hasText: ITEM });
    await expect.poll(() => row.getAttribute("data-quantity"), POLL).toBe("30");
    expect(await row.getAttribute("data-pending")).toBe("true");
    await expect.poll(() => row.textContent(), POLL).toContain(`Lot ${LOT}, exp. ${expiry}: 30`);

    // Par level for the item here: keep at least 40 in the store room (30 is below it).
    await form.getByRole("button", { name: "Close" }).tap();
    await tablet.getByRole("button", { name: `Adjust ${ITEM}`, exact: true }).tap();
    await tablet.getByLabel("Minimum here").fill("40");
    await tablet.getByLabel("Maximum here").fill("80");
    await tablet.getByRole("button", { name: "Save par level" }).tap();
    await tablet.getByRole("status").filter({ hasText: "Par level" }).waitFor();
    await expect.poll(() => row.getByTestId("par-level").textContent(), POLL).toContain("par 40–80 (below par)");
    await shot(tablet, "tablet-inventory");

    // The lot lookup works offline for where the lot is; its history waits for a connection.
    await nav(tablet, "Stock lists");
    await tablet.getByRole("link", { name: "Lot lookup" }).click();
    await tablet.getByLabel("Lot number").fill(LOT);
    await tablet.getByRole("link", { name: ROOM }).waitFor();
    await tablet.getByText("Movement history needs a connection.").waitFor();
    await shot(tablet, "tablet-lot-offline");

    expect((await syncState(tablet)).online).toBe("false");
    await expect.poll(async () => Number((await syncState(tablet)).pending), POLL).toBeGreaterThanOrEqual(8); // 2 locations, item, levels, supplier, lot, stock, move, par

    // Back online: everything is pushed and the movements appear.
    await tabletContext.setOffline(false);
    await expect.poll(async () => (await syncState(tablet)).pending, POLL).toBe("0");
    await expect.poll(() => tablet.getByTestId("lot-movement").count(), POLL).toBe(3);
    await shot(tablet, "tablet-lot-online");

    // A manager at a desktop sees it on the dashboard.
    const desktopContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const desktop = await desktopContext.newPage();
    await desktop.goto(`${baseUrl}/`);
    await desktop.getByLabel("Email", { exact: true }).fill(ADMIN);
    await desktop.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await desktop.getByRole("button", { name: "Sign in" }).click();
    await desktop.getByRole("heading", { name: "Stock overview" }).waitFor();
    await desktop.getByTestId("sync-status").filter({ hasText: "last sync" }).filter({ hasNotText: "never" }).waitFor();
    const low = desktop.getByTestId("figure-low");
    const expiring = desktop.getByTestId("figure-expiring");
    await expect.poll(() => low.textContent(), POLL).toBe("1 items low on stock");
    // One lot, held in two locations: a line per place it sits.
    await expect.poll(() => expiring.textContent(), POLL).toBe("2 lots expiring within 90 days");

    await shot(desktop, "desktop-dashboard");
    await low.click();
    await desktop.getByRole("heading", { name: "Low stock", level: 1 }).waitFor();
    // The list reads the replica after the heading is drawn ("Loading…" until then).
    await expect.poll(() => desktop.locator(".screen").textContent(), POLL).toContain(ITEM);
    const lowText = await desktop.locator(".screen").textContent();
    expect(lowText).toContain(ITEM);
    expect(lowText).toContain("50 on hand");
    expect(lowText).toMatch(/50\s*to order/);

    await desktop.goBack();
    await expiring.click();
    await desktop.getByRole("heading", { name: "Expiring soon", level: 1 }).waitFor();
    // Like the low-stock list, this one shows "Loading…" under its heading until the replica answers.
    await expect.poll(() => desktop.locator(".screen").textContent(), POLL).toContain("Within 60 days");
    const expiringText = await desktop.locator(".screen").textContent();
    expect(expiringText).toContain("Within 60 days");
    expect(expiringText).toContain(`${ITEM} · Lot ${LOT} · ${STORE}`);
    expect(expiringText).toContain(`${ITEM} · Lot ${LOT} · ${ROOM}`);
    await shot(desktop, "desktop-expiring");

    // The desktop's lot lookup: where the lot is, and its three ledger lines (opening balance, out, in).
    await desktop.getByRole("link", { name: "Lot lookup" }).click();
    await desktop.getByLabel("Lot number").fill(LOT);
    const movements = desktop.getByTestId("lot-movement");
    await expect.poll(() => movements.count(), POLL).toBe(3);
    expect((await movements.allTextContents()).map((t) => t.replace(/^.*?(Adjusted|Moved)/, "$1")).sort()).toEqual(
      [`Adjusted · opening balance${STORE}+50Sam Stock`, `Moved in${ROOM}+20Sam Stock`, `Moved out${STORE}-20Sam Stock`].sort(),
    );
    await shot(desktop, "desktop-lot");

    // The desktop's location screen: the stock form and the par level form side by side.
    await nav(desktop, "Locations");
    await desktop.getByRole("link", { name: STORE }).click();
    await desktop.getByRole("button", { name: `Adjust ${ITEM}`, exact: true }).click();
    await desktop.getByLabel("Minimum here").waitFor();
    expect(await desktop.getByLabel("Minimum here").inputValue()).toBe("40");
    await shot(desktop, "desktop-inventory");

    await tabletContext.close();
    await desktopContext.close();
  }, 90_000);
});
