/**
 * The offline promise, end to end in a real Chromium: changes made offline survive a reload (the
 * service worker serves the app, IndexedDB keeps replica and outbox), are marked pending, and reach the
 * server once the network is back, where a second browser sees them.
 */
import { describe, expect, inject, it } from "vitest";
import { adjust, adjustableStock, useChromium, quantityOf, readStock, signIn, syncState } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const LOCATION = "Treatment room 1";
const POLL = { timeout: 30_000, interval: 100 };

/** The id at the end of a `/locations/<id>` link. */
function idFromHref(href: string | null): string {
  const id = href?.split("/").pop();
  if (!id) throw new Error(`not a location link: ${href}`);
  return decodeURIComponent(id);
}

const chromium = useChromium();

describe("offline sync", () => {
  it("keeps offline changes across a reload and syncs them when back online", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.venzory.test");

    // First sync done: the seeded tree is in the replica. The service worker must be active (app shell
    // precached) before we can go offline.
    await page.getByRole("link", { name: LOCATION }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.getByRole("link", { name: LOCATION }).click();
    await page.getByRole("heading", { name: LOCATION, level: 1 }).waitFor();
    await expect.poll(async () => (await readStock(page)).length, POLL).toBeGreaterThan(1);

    const stock = await adjustableStock(page);
    const first = stock.find((r) => r.quantity >= 0)!;
    const second = stock.find((r) => r.itemId !== first.itemId && r.quantity >= 2)!;
    expect(second, "the seed puts stock in this room").toBeDefined();
    const locationName = `E2E cupboard ${Date.now().toString(36)}`;

    await context.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");

    await adjust(page, first.name, "Add", 5, "Found");
    await adjust(page, second.name, "Remove", 2, "Used");
    await expect.poll(() => quantityOf(page, first.itemId), POLL).toEqual({ quantity: first.quantity + 5, pending: true });
    await expect.poll(() => quantityOf(page, second.itemId), POLL).toEqual({ quantity: second.quantity - 2, pending: true });

    await page.getByRole("link", { name: "Locations", exact: true }).first().click();
    const parentId = idFromHref(await page.getByRole("link", { name: LOCATION }).getAttribute("href"));
    await page.getByLabel("Name", { exact: true }).fill(locationName);
    await page.getByLabel("Inside", { exact: true }).selectOption(parentId);
    await page.getByRole("button", { name: "Add location" }).click();
    const newId = idFromHref(await page.getByRole("link", { name: locationName }).getAttribute("href"));
    await expect.poll(() => syncState(page), POLL).toEqual({ online: "false", pending: "3" });

    // Reload while offline: the service worker serves the shell, the cached identity opens the replica.
    await page.reload();
    await page.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
    await page.locator(`li[data-location-id="${newId}"] > .tree-row`).getByText("pending").waitFor();
    await expect.poll(() => syncState(page), POLL).toEqual({ online: "false", pending: "3" });
    await page.getByRole("link", { name: LOCATION }).click();
    await page.getByRole("heading", { name: LOCATION, level: 1 }).waitFor();
    await expect.poll(() => quantityOf(page, first.itemId), POLL).toEqual({ quantity: first.quantity + 5, pending: true });
    expect(await quantityOf(page, second.itemId)).toEqual({ quantity: second.quantity - 2, pending: true });

    // Back online: the outbox drains, the server's rows replace the optimistic ones.
    await context.setOffline(false);
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    await expect.poll(() => quantityOf(page, first.itemId), POLL).toEqual({ quantity: first.quantity + 5, pending: false });
    expect(await quantityOf(page, second.itemId)).toEqual({ quantity: second.quantity - 2, pending: false });
    expect((await syncState(page)).online).toBe("true");

    // Another device sees it all.
    const other = await chromium.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, baseUrl, "staff@demo.venzory.test");
    await otherPage.getByRole("link", { name: locationName }).waitFor();
    await otherPage.getByRole("link", { name: LOCATION }).click();
    await expect.poll(() => quantityOf(otherPage, first.itemId), POLL).toEqual({ quantity: first.quantity + 5, pending: false });
    expect(await quantityOf(otherPage, second.itemId)).toEqual({ quantity: second.quantity - 2, pending: false });
    expect((await syncState(otherPage)).pending).toBe("0");

    await other.close();
    await context.close();
  });
});
