/**
 * A tablet offline for long: its cursor expires on the server (tombstones pruned past it) while others
 * keep working. Back online it is told to reset: it rebuilds its replica from 0 and keeps its outbox; the
 * queued changes are pushed on top; the one the server now refuses is shown with what it was about and
 * why, and is redone with another quantity from the sync panel.
 */
import pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { adjust, adjustableStock, quantityOf, readStock, signIn, syncState, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const LOCATION = "Treatment room 1";
const POLL = { timeout: 30_000, interval: 100 };
const chromium = useChromium();

async function openLocation(page: Page): Promise<void> {
  await page.getByRole("link", { name: LOCATION }).click();
  await page.getByRole("heading", { name: LOCATION, level: 1 }).waitFor();
  await expect.poll(async () => (await readStock(page)).length, POLL).toBeGreaterThan(1);
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** What pruning tombstones after the retention window does: every cursor older than now must reset. Undone after the file. */
const expireEveryCursor = () => sql(`UPDATE "PracticeVersion" SET "minRetainedVersion" = "version"`);
afterAll(() => sql(`UPDATE "PracticeVersion" SET "minRetainedVersion" = 0`));

describe("long-offline tablet", () => {
  it("resets an expired cursor keeping the outbox, and offers a redo for the change the server now refuses", async () => {
    const tablet = await chromium.newContext();
    const page = await tablet.newPage();
    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await openLocation(page);
    const stock = await adjustableStock(page);
    const x = stock.find((r) => r.quantity >= 3)!;
    const y = stock.find((r) => r.itemId !== x.itemId && r.quantity >= 0)!;
    expect(x, "the seed stocks this room").toBeDefined();

    await tablet.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await adjust(page, x.name, "Remove", x.quantity, "Used");
    await adjust(page, y.name, "Add", 2, "Found");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("2");

    // Meanwhile the practice goes on: one of X is used on another device, then old tombstones are pruned.
    const desk = await chromium.newContext();
    const deskPage = await desk.newPage();
    await signIn(deskPage, baseUrl, "admin@demo.venzory.test");
    await openLocation(deskPage);
    await adjust(deskPage, x.name, "Remove", 1, "Used");
    await expect.poll(async () => (await syncState(deskPage)).pending, POLL).toBe("0");
    await desk.close();
    await expireEveryCursor();

    const resets: boolean[] = [];
    page.on("response", (r) => {
      // A pull still answering when the test closes the page has no body to read: that one is not counted
      // (its rejection, unhandled, failed a whole run whose tests had all passed).
      if (r.url().endsWith("/api/sync/pull") && r.ok())
        void r.json().then(
          (body: { reset: boolean }) => resets.push(body.reset),
          () => {},
        );
    });
    await tablet.setOffline(false);
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    // Polled: each answer's body is parsed after the fact, and the status can reach 0 before that.
    await expect.poll(() => resets, POLL).toContain(true);
    await expect.poll(() => quantityOf(page, y.itemId), POLL).toEqual({ quantity: y.quantity + 2, pending: false });
    expect(await quantityOf(page, x.itemId)).toEqual({ quantity: x.quantity - 1, pending: false });

    // The refusal says what it was about and why, and "All changes synced" is not claimed beside it.
    expect(await page.getByTestId("sync-summary").textContent()).toMatch(/^Nothing waiting to send/);
    await page.getByTestId("sync-status").getByRole("button").first().click();
    const notice = page.getByTestId("sync-notice").filter({ hasText: `Remove ${x.quantity} ${x.name} from ${LOCATION}` });
    await notice.getByText(`Only ${x.quantity - 1} in stock here`).waitFor();
    await notice.getByRole("button", { name: "Redo with another quantity" }).click();
    await notice.getByLabel("New quantity").fill(String(x.quantity - 1));
    await notice.getByRole("button", { name: "Redo", exact: true }).click();
    await notice.waitFor({ state: "detached" });
    await expect.poll(() => quantityOf(page, x.itemId), POLL).toEqual({ quantity: 0, pending: false });
    await expect.poll(() => page.getByTestId("sync-summary").textContent(), POLL).toMatch(/^All changes synced/);
    await tablet.close();
  });
});
