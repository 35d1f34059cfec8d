/**
 * Switching practice with changes not sent: the status says pushes fail and why (not "last sync just
 * now"); the other practice opens and syncs on its own replica; the device lists the changes left in the
 * first practice; opening it again sends them, once.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adjust, quantityOf, readStock, signIn, syncState, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const LOCATION = "Treatment room 1";
const DEMO = "Riverside Medical Practice";
const OTHER = `Hillside Surgery ${Date.now().toString(36)}`;
const OTHER_ID = randomUUID();
const POLL = { timeout: 30_000, interval: 100 };
const chromium = useChromium();

async function sql(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

// Sam Staff is also a member of a second practice for this file only (other files see the seed as is).
beforeAll(async () => {
  await sql(`INSERT INTO "Practice" ("id", "name", "updatedAt") VALUES ($1, $2, now())`, [OTHER_ID, OTHER]);
  await sql(`INSERT INTO "PracticeVersion" ("practiceId") VALUES ($1)`, [OTHER_ID]);
  await sql(
    `INSERT INTO "Membership" ("id", "practiceId", "userId", "role", "updatedAt")
     SELECT $1, $2, "id", 'STAFF', now() FROM "User" WHERE "email" = 'staff@demo.venzory.test'`,
    [randomUUID(), OTHER_ID],
  );
});
afterAll(async () => {
  await sql(`DELETE FROM "Practice" WHERE "id" = $1`, [OTHER_ID]);
});

async function switchTo(page: Page, label: string): Promise<void> {
  await page.getByLabel("Practice", { exact: true }).selectOption({ label });
  await page.getByTestId("current-practice").getByText(label.replace(" (staff)", " · staff")).waitFor();
}

describe("practice switch", () => {
  it("keeps a practice's unsent changes while another practice syncs, and sends them when it is opened again", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await page.getByRole("link", { name: LOCATION }).click();
    await expect.poll(async () => (await readStock(page)).length, POLL).toBeGreaterThan(1);
    const item = (await readStock(page)).find((r) => r.quantity >= 1)!;

    // The server cannot be reached for pushes (pulls work): the status says so instead of "last sync just now".
    let blockPushes = true;
    await context.route("**/api/sync/push", (route) => (blockPushes ? route.abort("connectionrefused") : route.fallback()));
    await adjust(page, item.name, "Remove", 1, "Used");
    await expect.poll(() => page.getByTestId("sync-summary").textContent(), POLL).toMatch(/^1 not sent: Cannot reach the server\./);
    await page.getByTestId("sync-status").getByRole("button").first().click();
    await page.getByTestId("push-failing").getByText("not reached the server").waitFor();
    await page.keyboard.press("Escape");

    // The other practice opens on its own replica and syncs; Riverside's change is listed as waiting.
    await switchTo(page, `${OTHER} (staff)`);
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    expect(await page.getByRole("link", { name: LOCATION }).count()).toBe(0);
    await page.getByTestId("sync-status").getByRole("button").first().click();
    const waiting = page.getByTestId("waiting-user");
    await waiting.getByText(`They are sent when you open ${DEMO} again.`).waitFor();
    expect(await waiting.getAttribute("data-count")).toBe("1");
    await page.keyboard.press("Escape");

    // Back in Riverside with the server reachable: the change goes out once.
    blockPushes = false;
    await switchTo(page, `${DEMO} (staff)`);
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    await page.getByRole("link", { name: LOCATION }).click();
    await expect.poll(() => quantityOf(page, item.itemId), POLL).toEqual({ quantity: item.quantity - 1, pending: false });
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await context.close();
  });
});
