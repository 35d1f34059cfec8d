/**
 * What the count browser tests share: a Chromium whose fake camera shows one GS1 DataMatrix, a tablet
 * signed in with the camera allowed, opening a session's count screen, keying a count in.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { composeFrame, renderSymbol, writeY4m, type Luma } from "../scan-frames.js";
import { launchChromiumWithCamera, signIn } from "./browser.js";

export const POLL = { timeout: 30_000, interval: 100 };
export const TABLET = { width: 800, height: 1280 };
export const DESKTOP = { width: 1366, height: 900 };

/** Chromium whose camera plays `text` as a GS1 DataMatrix, slightly tilted and noisy; `close` removes the video too. */
export async function cameraBrowser(text: string): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "venzory-count-"));
  const symbol = await renderSymbol({ bcid: "gs1datamatrix", text, scale: 6 });
  const frames: Luma[] = [];
  for (let f = 0; f < 10; f++) frames.push(composeFrame(symbol, { angle: 3, dx: (f % 5) * 2 - 4, noise: 3, seed: f }));
  const video = path.join(dir, "count.y4m");
  await writeY4m(video, frames, 10);
  const browser = await launchChromiumWithCamera(video);
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A tablet-sized, touch context signed in as `email`, the camera allowed and the service worker ready. */
export async function openTablet(browser: Browser, baseUrl: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: TABLET, hasTouch: true });
  await context.grantPermissions(["camera"], { origin: baseUrl });
  const page = await context.newPage();
  await signIn(page, baseUrl, email);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return { context, page };
}

/** Opens the count screen of `sessionId` from the sessions list (once the session reached this device). */
export async function openCount(page: Page, sessionId: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Counts" }).click();
  await page.locator(`[data-testid="count-session"][data-session-id="${sessionId}"]`).getByRole("link", { name: "Count" }).click();
  await page.getByTestId("count-progress").waitFor();
}

/** Types the count of `itemName` on the keypad and saves it. */
export async function keyIn(page: Page, quantity: number, itemName: string) {
  const pad = page.getByRole("group", { name: "Quantity keypad" });
  for (const d of String(quantity)) await pad.getByRole("button", { name: d, exact: true }).click();
  await expect.poll(() => page.getByTestId("keypad-value").textContent(), POLL).toBe(String(quantity));
  await page.getByRole("button", { name: `Save count: ${quantity}` }).click();
  await expect.poll(() => page.getByTestId("count-message").textContent(), POLL).toBe(`Counted ${quantity} × ${itemName}`);
}
