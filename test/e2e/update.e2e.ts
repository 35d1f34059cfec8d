/**
 * An app update while changes are queued: the old version queues two changes offline; a new version is
 * deployed (the served service worker's precache manifest changes, as a new build's does); back online,
 * the first push's answer is lost after the server committed it; the user is told about the update and
 * applies it; both open tabs move to the new version; every queued change is applied exactly once.
 */
import { brotliCompressSync, gzipSync } from "node:zlib";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { adjust, adjustableStock, quantityOf, readStock, signIn, syncState, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const SERVED = inject("e2eStaticDir");
const LOCATION = "Treatment room 1";
const POLL = { timeout: 30_000, interval: 100 };
const chromium = useChromium();

/** Deploys "a new build": sw.js with another index.html revision (and its compressed copies). Returns the undo. */
async function deployNewServiceWorker(revision: string): Promise<() => Promise<void>> {
  const file = path.join(SERVED, "sw.js");
  const originals = await Promise.all(["", ".br", ".gz"].map((ext) => readFile(file + ext)));
  const source = originals[0]!.toString("utf8");
  const next = source.replace(/(url:"index\.html",revision:")[^"]+"/, `$1${revision}"`);
  if (next === source) throw new Error("sw.js has no index.html precache entry to change");
  await writeFile(file, next);
  await writeFile(`${file}.br`, brotliCompressSync(next));
  await writeFile(`${file}.gz`, gzipSync(next));
  return async () => {
    await Promise.all(["", ".br", ".gz"].map((ext, i) => writeFile(file + ext, originals[i]!)));
  };
}

/** Whether the page's precache holds index.html at `revision` (Workbox keys entries by revision). */
function precached(page: Page, revision: string): Promise<boolean> {
  return page.evaluate(async (rev) => {
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      if (keys.some((k) => k.url.includes(`__WB_REVISION__=${rev}`))) return true;
    }
    return false;
  }, revision);
}

let undeploy: (() => Promise<void>) | undefined;
afterAll(async () => {
  await undeploy?.();
});

describe("app update with queued changes", () => {
  it("tells the user, keeps the outbox through the update, and pushes every change exactly once", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.getByRole("link", { name: LOCATION }).click();
    await page.getByRole("heading", { name: LOCATION, level: 1 }).waitFor();
    await expect.poll(async () => (await readStock(page)).length, POLL).toBeGreaterThan(1);
    const [a, b] = (await adjustableStock(page)).filter((r) => r.quantity >= 1);
    const secondTab = await context.newPage();
    await secondTab.goto(`${baseUrl}/`);
    await secondTab.getByRole("heading", { name: "Locations", level: 1 }).waitFor();
    await secondTab.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));

    await context.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await adjust(page, a!.name, "Add", 4, "Found");
    await adjust(page, b!.name, "Remove", 1, "Used");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("2");

    const revision = `e2e-${Date.now().toString(36)}`;
    undeploy = await deployNewServiceWorker(revision);

    // Every push answer the server gives, by mutation id; while `loseAnswers`, the answer never arrives.
    const answers = new Map<string, string[]>();
    let loseAnswers = true;
    let lost = 0;
    await context.route("**/api/sync/push", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { results: { id: string; status: string }[] };
      for (const r of body.results) answers.set(r.id, [...(answers.get(r.id) ?? []), r.status]);
      if (loseAnswers) {
        lost++;
        return route.abort("connectionreset");
      }
      return route.fulfill({ response, json: body });
    });

    // Pulls fail too, so nothing confirms the lost pushes before the update: the outbox still holds both.
    await context.route("**/api/sync/pull", (route) => (loseAnswers ? route.abort("connectionreset") : route.fallback()));
    await context.setOffline(false);
    const banner = page.getByTestId("update-banner");
    await banner.getByText("A new version of Venzory is available.").waitFor({ timeout: 60_000 });
    await expect.poll(() => lost, POLL).toBeGreaterThan(0);
    expect((await syncState(page)).pending).toBe("2");

    await banner.getByRole("button", { name: "Update now" }).click();
    await banner.getByText("2 changes are not synced yet; they are kept on this device and sent after the update.").waitFor();
    loseAnswers = false;
    await banner.getByRole("button", { name: "Update anyway" }).click();

    // The new version controls both tabs, and the outbox drained through it.
    await expect.poll(() => precached(page, revision), POLL).toBe(true);
    await expect.poll(() => secondTab.evaluate(() => (window as unknown as { oldPage?: boolean }).oldPage ?? false), POLL).toBe(false);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");

    // Exactly once: each mutation was applied by one answer (later ones say duplicate), and the server's
    // quantities moved by exactly the two changes.
    expect(answers.size).toBe(2);
    for (const statuses of answers.values()) {
      expect(statuses.filter((s) => s === "applied")).toHaveLength(1);
      expect(statuses.filter((s) => s !== "applied" && s !== "duplicate")).toEqual([]);
    }
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: LOCATION }).click();
    await expect.poll(() => quantityOf(page, a!.itemId), POLL).toEqual({ quantity: a!.quantity + 4, pending: false });
    expect(await quantityOf(page, b!.itemId)).toEqual({ quantity: b!.quantity - 1, pending: false });
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await context.close();
  });
});
