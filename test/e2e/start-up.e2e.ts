/**
 * What a start costs in the browser: a signed-out load is not an error (no 401 in the console), and a
 * signed-in start of a user who is not the platform owner never asks the owner console (no 404).
 */
import type { ConsoleMessage, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { signIn, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const chromium = useChromium();

/** Console errors and every API request of the page, from now on. */
function watch(page: Page): { errors: string[]; apiCalls: string[]; failedApiCalls: string[] } {
  const seen = { errors: [] as string[], apiCalls: [] as string[], failedApiCalls: [] as string[] };
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") seen.errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith("/api/")) return;
    seen.apiCalls.push(`${r.request().method()} ${url.pathname}`);
    if (r.status() >= 400) seen.failedApiCalls.push(`${r.status()} ${url.pathname}`);
  });
  return seen;
}

describe("start-up", () => {
  it("a signed-out load logs no console error, and a non-owner's start never asks the owner console", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${baseUrl}/`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    // Let every start-up request answer before judging.
    await page.waitForLoadState("networkidle");
    // Soft: the signed-in half below is checked (and reported) too when this half fails.
    expect.soft(seen.errors).toEqual([]);
    expect.soft(seen.failedApiCalls).toEqual([]);
    seen.errors.length = 0;
    seen.failedApiCalls.length = 0;

    await signIn(page, baseUrl, "staff@demo.venzory.test");
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(seen.apiCalls.filter((c) => c.includes("/api/owner/"))).toEqual([]);
    expect(seen.failedApiCalls).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
