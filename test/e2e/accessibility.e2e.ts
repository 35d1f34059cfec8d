/**
 * Accessibility of every screen in a real Chromium, at tablet (800×1280) and desktop (1440×900) sizes:
 * axe-core finds no serious or critical violation, each screen has its own page title, and on the
 * tablet every interactive control is at least 44×44 px. The walk signs in as the demo admin, creates a
 * supplier and a count of Shelf A (completed with nothing counted, so stock is untouched and no other test
 * sees it open).
 * README_SCREENSHOTS=<dir> saves a screenshot of the main screens (`npm run screenshots`).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { keyboardAndAnnouncements, navigationOffscreen, seriousAxeViolations, smallTargets } from "./a11y.js";
import { DEMO_PASSWORD, launchChromium, newOrderHeading, signIn } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const SHOTS = process.env.README_SCREENSHOTS;
// A seeded item and its GTIN (prisma/seed.ts), looked up on the scan screen.
const GTIN = "05060000010060";
const GTIN_ITEM = "Blood collection tube, EDTA 4 ml";
const run = Date.now().toString(36);
// Screens shown in the README (the rest are checked, not pictured).
const PICTURED = new Set(["sign-in", "overview", "items", "item", "inventory", "stock-low", "count", "scan"]);

const TITLES = Object.fromEntries(
  Object.entries({
    "sign-in": "Sign in",
    "sign-up": "Create a practice",
    "forgot-password": "Reset your password",
    "email-link": "Email me a sign-in link",
    overview: "Overview",
    "sync-panel": "Overview",
    items: "Items",
    "new-item": "New item",
    item: "Item",
    suppliers: "Suppliers",
    "new-supplier": "New supplier",
    supplier: "Supplier",
    locations: "Locations",
    inventory: "Location stock",
    "inventory-adjust": "Location stock",
    "stock-low": "Low stock",
    "stock-expiring": "Expiring soon",
    "stock-expired": "Expired stock",
    "stock-value": "Stock value",
    "stock-lots": "Lot lookup",
    counts: "Stock counts",
    count: "Count",
    "count-keypad": "Count",
    review: "Count review",
    orders: "Orders",
    "order-suggestions": "Suggested orders",
    order: "Order",
    receiving: "Receive a delivery",
    receipt: "Receiving",
    scan: "Scan",
    "scan-pack": "Scan",
    "import-export": "Import and export",
    members: "Members",
    account: "Your account",
  }).map(([screen, name]) => [screen, `${name} — Venzory`]),
);

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Report {
  axe: string[];
  targets: string[];
  /** Main navigation links out of sight (every link fits the window, wrapping if it must). */
  nav: string[];
  titles: Map<string, string>;
}

/** Checks the screen as it is now and records what fails under its name. */
async function check(page: Page, screen: string, size: "tablet" | "desktop", report: Report): Promise<void> {
  // Fonts and the lazy screen chunk have settled once the heading is there; let layout finish too.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r(null)))));
  for (const v of await seriousAxeViolations(page))
    report.axe.push(`${screen}: ${v.rule} (${v.impact}) ${v.help}\n    ${v.nodes.join("\n    ")}`);
  if (size === "tablet") for (const t of await smallTargets(page)) report.targets.push(`${screen}: ${t}`);
  if (await page.getByRole("navigation", { name: "Main" }).count())
    for (const n of await navigationOffscreen(page)) report.nav.push(`${screen}: ${n}`);
  report.titles.set(screen, await page.title());
  if (SHOTS && PICTURED.has(screen)) {
    // Pictured at rest: the change that opened the screen has synced (signed-in screens only).
    const status = page.getByTestId("sync-status");
    if (await status.count()) await expect.poll(() => status.getAttribute("data-pending"), { timeout: 15_000 }).toBe("0");
    await page.screenshot({ path: path.join(SHOTS, `${size}-${screen}.png`) });
  }
}

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();

async function nav(page: Page, label: string, title: string | RegExp): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
  await heading(page, title);
}

/** Signs in, then opens every screen of the app in turn (creating what a screen needs to show). */
async function walk(page: Page, size: "tablet" | "desktop", report: Report): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await heading(page, "Sign in to Venzory");
  await check(page, "sign-in", size, report);
  // The pages reachable without a session, from the sign-in screen's links.
  for (const [link, title, screen] of [
    ["Create a practice", "Create a practice", "sign-up"],
    ["Forgot password?", "Reset your password", "forgot-password"],
    ["Email me a sign-in link", "Email me a sign-in link", "email-link"],
  ] as const) {
    await page.getByRole("link", { name: link }).click();
    await heading(page, title);
    await check(page, screen, size, report);
    await page.goBack();
    await heading(page, "Sign in to Venzory");
  }
  await page.getByLabel("Email", { exact: true }).fill("admin@demo.venzory.test");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await heading(page, "Stock overview");
  await page.getByTestId("sync-status").filter({ hasText: "last sync" }).filter({ hasNotText: "never" }).waitFor();
  await page.getByTestId("onboarding").waitFor();
  await check(page, "overview", size, report);
  // The sync panel opened from the status in the top bar.
  await page
    .getByTestId("sync-status")
    .getByRole("button", { name: /Online/ })
    .click();
  await page.locator("#sync-panel").waitFor();
  await check(page, "sync-panel", size, report);
  await page.keyboard.press("Escape");

  await nav(page, "Items", "Items");
  await page.locator("main a[href^='/items/']:not([href='/items/new'])").first().waitFor();
  await check(page, "items", size, report);
  await page.getByRole("link", { name: "Add item" }).click();
  await heading(page, "New item");
  await check(page, "new-item", size, report);
  await page.goBack();
  await heading(page, "Items");
  await page.locator("main a[href^='/items/']:not([href='/items/new'])").first().click();
  await page.locator("#item-title").waitFor();
  await check(page, "item", size, report);

  await nav(page, "Suppliers", "Suppliers");
  await check(page, "suppliers", size, report);
  await page.getByRole("link", { name: "Add supplier" }).click();
  await heading(page, "New supplier");
  await check(page, "new-supplier", size, report);
  await page.getByLabel("Name", { exact: true }).fill(`A11y supplier ${size} ${run}`);
  await page.getByRole("button", { name: "Create supplier" }).click();
  await heading(page, `A11y supplier ${size} ${run}`);
  await check(page, "supplier", size, report);

  await nav(page, "Locations", "Locations");
  await check(page, "locations", size, report);
  await page.getByRole("link", { name: "Vaccine fridge" }).click();
  await heading(page, "Vaccine fridge");
  // Every item of the practice listed (a row and an Adjust button each), not only the two kept here.
  await page.getByLabel("Only items kept here").uncheck();
  await expect.poll(() => page.getByTestId("stock-row").count()).toBeGreaterThan(10);
  await check(page, "inventory", size, report);
  await page
    .getByRole("button", { name: /^Adjust / })
    .first()
    .click();
  await page.getByRole("button", { name: "Save adjustment" }).waitFor();
  await check(page, "inventory-adjust", size, report);

  await nav(page, "Stock lists", "Low stock");
  await check(page, "stock-low", size, report);
  for (const [view, title] of [
    ["expiring", "Expiring soon"],
    ["expired", "Expired stock"],
    ["value", "Stock value"],
    ["lots", "Lot lookup"],
  ] as const) {
    await page.getByRole("link", { name: title, exact: true }).click();
    await heading(page, title);
    await check(page, `stock-${view}`, size, report);
  }

  await nav(page, "Counts", "Stock counts");
  await check(page, "counts", size, report);
  const shelf = page.getByLabel("Location", { exact: true }).locator("option", { hasText: "Shelf A" });
  await page.getByLabel("Location", { exact: true }).selectOption((await shelf.getAttribute("value"))!);
  const countName = size === "tablet" ? "Shelf A weekly count" : "Shelf A monthly count";
  await page.getByLabel("Name (optional)").fill(countName);
  await page.getByRole("button", { name: "Start count" }).click();
  await page.getByTestId("count-progress").waitFor();
  await check(page, "count", size, report);
  // An item opened for counting: the keypad (nothing is saved; the count is completed empty below).
  await page.locator(".list-button").first().click();
  await page.getByTestId("count-panel").waitFor();
  await check(page, "count-keypad", size, report);
  await nav(page, "Counts", "Stock counts");
  await page.locator("[data-testid=count-session]").filter({ hasText: countName }).getByRole("link", { name: "Review" }).click();
  await heading(page, /^Review: /);
  await check(page, "review", size, report);
  // Completed with nothing counted and nothing zeroed: stock is untouched and no count stays open.
  await page.getByRole("button", { name: "Complete count…" }).click();
  await page.getByRole("button", { name: "Yes, complete" }).click();
  await page.getByText(/^Completed /).waitFor();

  // Orders: the list, suggested orders, and a draft to the supplier added above (deleted again).
  await nav(page, "Orders", "Orders");
  await check(page, "orders", size, report);
  await page.getByRole("link", { name: "Suggested orders" }).click();
  await heading(page, "Suggested orders");
  await page.locator("main .card, main .page-status").filter({ hasNotText: "Working out" }).first().waitFor();
  await check(page, "order-suggestions", size, report);
  await nav(page, "Orders", "Orders");
  await page.getByLabel("New order to").selectOption({ label: `A11y supplier ${size} ${run} (no order email: phone in)` });
  await page.getByRole("button", { name: "Start draft" }).click();
  await heading(page, newOrderHeading(`A11y supplier ${size} ${run}`));
  await check(page, "order", size, report);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete draft" }).click();
  await heading(page, "Orders");
  // Receiving: the open orders, and a receipt without an order (left unposted).
  await nav(page, "Receiving", "Receive a delivery");
  await check(page, "receiving", size, report);
  await page.getByRole("link", { name: "Delivery without an order" }).click();
  await heading(page, "Receive a delivery without an order");
  await check(page, "receipt", size, report);

  await nav(page, "Scan", "Scan");
  await check(page, "scan", size, report);
  // A pack looked up by its GTIN (a seeded item): the pack card and what can be done with it.
  await page.getByPlaceholder("Type or scan a code").fill(GTIN);
  await page.getByRole("button", { name: "Look up" }).click();
  await page.locator("main").getByText(GTIN_ITEM).first().waitFor();
  await check(page, "scan-pack", size, report);
  await nav(page, "Import/export", "Import and export");
  await check(page, "import-export", size, report);
  await nav(page, "Members", "Members");
  await check(page, "members", size, report);
  await nav(page, "Account", "Your account");
  await check(page, "account", size, report);
}

/** Staff and viewers see fewer controls and read-only forms: their main screens, checked the same way. */
async function walkAs(page: Page, email: string, report: Report): Promise<void> {
  const who = email.split("@")[0]!;
  await signIn(page, baseUrl, email);
  await check(page, `${who}: overview`, "tablet", report);
  await nav(page, "Locations", "Locations");
  await page.getByRole("link", { name: "Vaccine fridge" }).click();
  await heading(page, "Vaccine fridge");
  await page.getByTestId("stock-row").first().waitFor();
  await check(page, `${who}: inventory`, "tablet", report);
  await nav(page, "Items", "Items");
  await page.locator("main a[href^='/items/']:not([href='/items/new'])").first().click();
  await page.locator("#item-title").waitFor();
  await check(page, `${who}: item`, "tablet", report);
  await nav(page, "Counts", "Stock counts");
  await check(page, `${who}: counts`, "tablet", report);
  await nav(page, "Account", "Your account");
  await check(page, `${who}: account`, "tablet", report);
}

describe("accessibility", () => {
  it.each([
    ["tablet", { width: 800, height: 1280 }],
    ["desktop", { width: 1440, height: 900 }],
  ] as const)("%s: every screen has a title, no serious or critical axe violation, and 44 px touch targets", async (size, viewport) => {
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
    const context = await browser!.newContext({ viewport, hasTouch: size === "tablet" });
    const page = await context.newPage();
    const report: Report = { axe: [], targets: [], nav: [], titles: new Map() };
    await walk(page, size, report);
    await keyboardAndAnnouncements(page);
    await context.close();

    expect(report.axe.join("\n")).toBe("");
    expect(report.targets.join("\n")).toBe("");
    expect(report.nav.join("\n")).toBe("");
    // Every screen names itself and the app (screen readers announce it when the screen opens).
    expect(Object.fromEntries(report.titles)).toEqual(TITLES);
  });

  it("tablet: a staff member's and a viewer's screens have no serious or critical axe violation and 44 px touch targets", async () => {
    const report: Report = { axe: [], targets: [], nav: [], titles: new Map() };
    for (const email of ["staff@demo.venzory.test", "viewer@demo.venzory.test"]) {
      const context = await browser!.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
      await walkAs(await context.newPage(), email, report);
      await context.close();
    }
    expect(report.axe.join("\n")).toBe("");
    expect(report.targets.join("\n")).toBe("");
    expect(report.nav.join("\n")).toBe("");
  });

  it("phone: the main navigation folds behind a Menu button, opens inside the window, and folds again on a link", async () => {
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    expect(await navigationOffscreen(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "phone-menu.png") });
    await nav(page, "Orders", "Orders");
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await context.close();
  });
});
