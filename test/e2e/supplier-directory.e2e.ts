/**
 * Adding a supplier from the shared directory on a tablet: search, pick (the name is pre-filled), create;
 * the server stores the practice's account linked to the directory entry. Screenshots go to
 * $SCREENSHOT_DIR when it is set.
 */
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { signIn, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const POLL = { timeout: 30_000, interval: 200 };
const tag = Date.now().toString(36).toUpperCase();
const chromium = useChromium();

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe("supplier directory", () => {
  it("a manager picks a directory supplier when adding one: pre-filled and linked", async () => {
    const [entry] = await sql<{ id: string }>(
      `INSERT INTO "GlobalSupplier" ("id", "name", "website", "updatedAt") VALUES
         (gen_random_uuid(), $1, 'https://dental-direct.example', now()), (gen_random_uuid(), $2, NULL, now()) RETURNING "id"`,
      [`Dental Direct ${tag}`, `Direct Medical ${tag}`],
    );
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 800, height: 1280 });
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    await page.goto(`${baseUrl}/suppliers/new`);
    await page.getByLabel("Find in the supplier directory").fill(`medical ${tag.toLowerCase()}`);
    const results = page.getByRole("list", { name: "Directory suppliers" }).getByRole("button");
    await expect.poll(() => results.allInnerTexts(), POLL).toEqual([expect.stringContaining(`Direct Medical ${tag}`)]);
    await page.getByLabel("Find in the supplier directory").fill(`direct`);
    await expect.poll(async () => (await results.allInnerTexts()).length, POLL).toBeGreaterThanOrEqual(2);
    const size = await results.first().boundingBox();
    expect(size?.height).toBeGreaterThanOrEqual(44);
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "supplier-directory-tablet.png") });

    await results.filter({ hasText: `Dental Direct ${tag}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Linked to Dental Direct ${tag}` })
      .waitFor();
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(`Dental Direct ${tag}`);
    expect(await page.getByLabel("Notes").inputValue()).toBe("Website: https://dental-direct.example");
    await page.getByLabel("Account number").fill("DD-1001");
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "supplier-directory-picked.png") });
    await page.getByRole("button", { name: "Create supplier" }).click();
    await page.getByRole("heading", { name: `Dental Direct ${tag}`, level: 1 }).waitFor();

    await expect
      .poll(
        () =>
          sql<{ globalSupplierId: string; accountNumber: string }>(
            `SELECT "globalSupplierId"::text, "accountNumber" FROM "PracticeSupplier" WHERE "name" = $1`,
            [`Dental Direct ${tag}`],
          ),
        POLL,
      )
      .toEqual([{ globalSupplierId: entry!.id, accountNumber: "DD-1001" }]);

    // Once added, the entry is offered no more.
    await page.goto(`${baseUrl}/suppliers/new`);
    await page.getByLabel("Find in the supplier directory").fill(`dental direct ${tag}`);
    await expect.poll(() => results.filter({ hasText: "already added" }).count(), POLL).toBe(1);
    expect(await results.first().isDisabled()).toBe(true);
    await context.close();
  });
});
