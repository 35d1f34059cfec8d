/**
 * A shared storeroom tablet (one browser context): staff queues changes offline and signs out; the
 * sign-out warns, the sign-in screen says whose changes wait, the admin who signs in next syncs normally
 * and sees what is waiting (nothing of it reaches the server under the admin's name), and the changes are
 * sent exactly once when their author signs in again.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { adjust, adjustableStock, quantityOf, readStock, signIn, syncState, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const LOCATION = "Treatment room 1";
const POLL = { timeout: 30_000, interval: 100 };
const chromium = useChromium();

async function openLocation(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Locations", exact: true }).first().click();
  await page.getByRole("link", { name: LOCATION }).click();
  await page.getByRole("heading", { name: LOCATION, level: 1 }).waitFor();
  await expect.poll(async () => (await readStock(page)).length, POLL).toBeGreaterThan(1);
}

describe("shared tablet", () => {
  it("keeps each user's queued changes theirs and never blocks the next user", async () => {
    const tablet = await chromium.newContext();
    const page = await tablet.newPage();
    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await openLocation(page);
    const stock = await adjustableStock(page);
    const [a, b] = stock.filter((r) => r.quantity >= 2);
    expect(b, "the seed stocks this room").toBeDefined();

    // Sam works offline, then signs out with two changes queued.
    await tablet.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await adjust(page, a!.name, "Remove", 1, "Used");
    await adjust(page, b!.name, "Remove", 1, "Used");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("2");
    await page.getByRole("button", { name: "Sign out" }).click();
    const dialog = page.getByRole("dialog", { name: "2 changes not sent yet" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Wait for sync, then sign out" }).click();
    await dialog.getByTestId("signout-waiting").getByText("Offline: waiting for the connection").waitFor();
    await dialog.getByRole("button", { name: "Sign out now, keep them here" }).click();

    // The sign-in screen says whose changes wait and how many.
    const waiting = page.getByTestId("waiting-user");
    await waiting.filter({ hasText: "Sam Staff" }).waitFor();
    expect(await waiting.getAttribute("data-count")).toBe("2");

    // The admin signs in on the same tablet, online: sync works, nothing is blocked, Sam's changes stay unsent.
    await tablet.setOffline(false);
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    await openLocation(page);
    await expect.poll(() => quantityOf(page, a!.itemId), POLL).toEqual({ quantity: a!.quantity, pending: false });
    expect(await quantityOf(page, b!.itemId)).toEqual({ quantity: b!.quantity, pending: false });
    await adjust(page, a!.name, "Add", 3, "Found");
    await expect.poll(() => quantityOf(page, a!.itemId), POLL).toEqual({ quantity: a!.quantity + 3, pending: false });
    await expect.poll(() => page.getByTestId("sync-summary").textContent(), POLL).toMatch(/^All changes synced · last sync just now/);

    // The admin sees whose changes wait, since when, and what they are.
    await page.getByTestId("sync-status").getByRole("button").first().click();
    const panel = page.getByTestId("waiting-on-device");
    await panel.getByText("Sam Staff", { exact: true }).waitFor();
    await panel.getByText("What they are").click();
    await panel.getByText(`Remove 1 ${a!.name} from ${LOCATION}`).waitFor();
    await panel.getByText(`Remove 1 ${b!.name} from ${LOCATION}`).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "another user" }).count()).toBe(0);

    // Nothing pending for the admin: sign-out is immediate. Sam comes back and his changes go out once.
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email", { exact: true }).waitFor();
    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    await openLocation(page);
    await expect.poll(() => quantityOf(page, a!.itemId), POLL).toEqual({ quantity: a!.quantity + 3 - 1, pending: false });
    expect(await quantityOf(page, b!.itemId)).toEqual({ quantity: b!.quantity - 1, pending: false });
    await tablet.close();
  });
});
