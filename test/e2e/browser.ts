import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Debian's Chromium, headless, with the background chatter that slows or flakes tests turned off. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/** Chromium whose camera plays `video` (a .y4m file): the camera is granted without a prompt. */
export function launchChromiumWithCamera(video: string): Promise<Browser> {
  return launchChromium([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${video}`,
    "--autoplay-policy=no-user-gesture-required",
  ]);
}

/** One Chromium for the test file (launched before its tests, closed after); each test opens its own contexts. */
export function useChromium(): { newContext(): Promise<BrowserContext> } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    newContext: () => {
      if (!browser) throw new Error("Chromium is not running yet (use it inside a test).");
      return browser.newContext();
    },
  };
}

export const DEMO_PASSWORD = "venzory-demo-2026";

/** Signs in through the login screen and waits for the location list. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
}

/** The sync indicator's machine-readable state. */
export async function syncState(page: Page): Promise<{ online: string | null; pending: string | null }> {
  const status = page.getByTestId("sync-status");
  return { online: await status.getAttribute("data-online"), pending: await status.getAttribute("data-pending") };
}

export interface StockRow {
  itemId: string;
  name: string;
  quantity: number;
  pending: boolean;
  /** Every change of this item names a lot: adjust() (no lot chosen) cannot change it. */
  batchTracked: boolean;
}

/**
 * The stock rows `adjust()` can change: it chooses no lot, so batch-tracked items (every change names a
 * lot) are left out. Which items hold stock in a location depends on the tests that ran before.
 */
export async function adjustableStock(page: Page): Promise<StockRow[]> {
  return (await readStock(page)).filter((r) => !r.batchTracked);
}

/** The rows of the inventory table on the current page. */
export async function readStock(page: Page): Promise<StockRow[]> {
  return page.getByTestId("stock-row").evaluateAll((rows) =>
    rows.map((r) => ({
      itemId: r.getAttribute("data-item-id") ?? "",
      name: r.querySelector("th, [role=rowheader]")?.firstChild?.textContent ?? "",
      quantity: Number(r.getAttribute("data-quantity")),
      pending: r.getAttribute("data-pending") === "true",
      batchTracked: r.getAttribute("data-batch-tracked") === "true",
    })),
  );
}

/** The quantity shown for one item on the current inventory page. */
export async function quantityOf(page: Page, itemId: string): Promise<{ quantity: number; pending: boolean } | undefined> {
  const row = (await readStock(page)).find((r) => r.itemId === itemId);
  return row && { quantity: row.quantity, pending: row.pending };
}

/** Adjusts stock through the form (the row's "Adjust" button picks the item). */
export async function adjust(page: Page, itemName: string, direction: "Add" | "Remove", amount: number, reason: string): Promise<void> {
  const button = page.getByRole("button", { name: `Adjust ${itemName}`, exact: true });
  // A location lists only the items it keeps; an item not kept here yet is one tick away.
  if ((await button.count()) === 0) await page.getByLabel("Only items kept here").uncheck();
  await button.click();
  await page.getByRole("radio", { name: direction }).check();
  await page.getByLabel("Amount", { exact: true }).fill(String(amount));
  await page.getByLabel("Reason", { exact: true }).selectOption({ label: reason });
  await page.getByRole("button", { name: "Save adjustment" }).click();
  await page.getByRole("status").filter({ hasText: itemName }).waitFor();
}

/**
 * The app page of the newest emailed link of `page` kind sent to `to` (`/auth/invite?token=…`), read from
 * the files the server writes without an email provider; undefined while none has arrived. `skip` lists
 * links already used. The path is returned alone: the server's own base URL may differ from the test's.
 */
export async function emailedLink(
  dir: string,
  to: string,
  page: "magic" | "reset" | "invite",
  skip: ReadonlySet<string> = new Set(),
): Promise<string | undefined> {
  const { readdir, readFile, stat } = await import("node:fs/promises");
  const path = await import("node:path");
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: { hash: string; at: number }[] = [];
  for (const name of names.filter((n) => n.endsWith(".txt"))) {
    const file = path.join(dir, name);
    const text = await readFile(file, "utf8");
    if (!text.split("\n").some((line) => line.toLowerCase() === `to: ${to.toLowerCase()}`)) continue;
    const match = new RegExp(`(?<!#)/auth/${page}\\?token=[A-Za-z0-9_-]+`).exec(text);
    if (match && !skip.has(match[0])) found.push({ hash: match[0], at: (await stat(file)).mtimeMs });
  }
  return found.sort((a, b) => b.at - a.at)[0]?.hash;
}

/**
 * A new order's heading: "Order draft · supplier" until its push lands, then the number the server
 * gave it. Online, a quick sync can land before a test looks, so a test that just created it accepts both.
 */
export const newOrderHeading = (supplierName: string): RegExp => new RegExp(`^Order (draft|PO-\\d+) · ${supplierName}$`);
