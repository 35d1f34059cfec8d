/**
 * The first sync of a practice that takes many pages: the status shows how far it got (records, pages)
 * and the app is usable on what has arrived before the last page.
 */
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const LOCATION = "Treatment room 1";
const POLL = { timeout: 30_000, interval: 100 };
const PAGE_ROWS = 3;
const chromium = useChromium();

/** Gives every item of the practice a version of its own, as years of edits would: many pages to pull. */
async function spreadItemVersions(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ practiceId: string; version: string }>(
      `SELECT pv."practiceId", pv."version" FROM "PracticeVersion" pv JOIN "Practice" p ON p."id" = pv."practiceId"
       WHERE p."name" = 'Riverside Medical Practice' FOR UPDATE`,
    );
    const { practiceId, version } = rows[0]!;
    const updated = await client.query(
      `UPDATE "Item" i SET "version" = $2::bigint + n.rn
       FROM (SELECT "id", row_number() OVER (ORDER BY "id") AS rn FROM "Item" WHERE "practiceId" = $1) n
       WHERE i."id" = n."id"`,
      [practiceId, version],
    );
    await client.query(`UPDATE "PracticeVersion" SET "version" = "version" + $2 WHERE "practiceId" = $1`, [practiceId, updated.rowCount]);
    await client.query("COMMIT");
    return updated.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe("initial sync", () => {
  it("shows progress in records and pages, and the app works on what has arrived", async () => {
    const items = await spreadItemVersions();
    expect(items).toBeGreaterThan(PAGE_ROWS * 3);

    const context = await chromium.newContext();
    // Small pages, and every request after the second held until the test has looked at the screen (the
    // client asks for the next page while it applies one, so at least one page is applied by then).
    let pages = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await context.route("**/api/sync/pull", async (route) => {
      const body = { ...(route.request().postDataJSON() as Record<string, unknown>), limit: PAGE_ROWS };
      const response = await route.fetch({ postData: JSON.stringify(body) });
      if (++pages > 2) await released;
      await route.fulfill({ response });
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByLabel("Email", { exact: true }).fill("viewer@demo.venzory.test");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    const progress = page.getByTestId("sync-progress");
    await expect.poll(() => progress.textContent(), POLL).toMatch(/^Loading practice data… \d+ records, \d+ pages?$/);
    // Nothing is "synced" before the first sync has completed (it once said "All changes synced · last sync never").
    expect(await page.getByTestId("sync-summary").textContent()).toBe("Not synced yet");
    // The locations arrived in the first page: the tree is there and opens while items still load.
    await page.getByRole("link", { name: LOCATION }).click();
    await page.getByRole("heading", { name: LOCATION, level: 1 }).waitFor();
    expect(await progress.isVisible()).toBe(true);

    release();
    await progress.waitFor({ state: "detached" });
    expect(pages).toBeGreaterThan(Math.floor(items / PAGE_ROWS));
    await expect.poll(() => page.getByTestId("sync-summary").textContent(), POLL).toMatch(/^All changes synced/);
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await context.close();
  });
});
