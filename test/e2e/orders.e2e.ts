/**
 * A manager orders from a suggestion on the desktop: the suggested-orders screen says why, "Create draft"
 * turns the supplier's group into a draft, Send queues it, the server numbers it (SENT, PO-…), and the
 * email state read from the server becomes SENT once the real email worker (in the e2e server's process,
 * writing to its file transport) has delivered it: exactly one email, to the supplier's order address.
 * The supplier, item and terms are set up through the real push as the demo admin (no screen involved).
 * Screenshots go to $SCREENSHOT_DIR when it is set.
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MutationInput, MutationName } from "../../shared/mutations/index.js";
import { createPrisma, type Db } from "../../sync-server/db/prisma.js";
import { TestClient } from "../sync-client.js";
import { signIn, syncState, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const emailDir = inject("e2eEmailDir");
const POLL = { timeout: 30_000, interval: 250 };
const DEMO_PRACTICE_ID = "5eed0000-0000-4000-8000-000000000001";
const tag = Date.now().toString(36).toUpperCase();
const chromium = useChromium();

let db: Db;
beforeAll(() => {
  db = createPrisma(databaseUrl, 2);
});
afterAll(async () => {
  await db.$disconnect();
});

/**
 * A supplier (with an order email, or phoned in) and a new item it prices, below its reorder point and
 * preferring it, pushed as the demo admin.
 */
async function setUp(supplierName: string, orderEmail: string | null, itemName: string): Promise<{ supplierId: string; itemId: string }> {
  const admin = await db.user.findFirstOrThrow({ where: { email: "admin@demo.venzory.test" } });
  const client = new TestClient(db, { practiceId: DEMO_PRACTICE_ID, userId: admin.id, role: "ADMIN" });
  const supplierId = randomUUID();
  const itemId = randomUUID();
  const m = <N extends MutationName>(name: N, args: MutationInput<N>) => client.mutation(name, args);
  const res = await client.push([
    m("supplier.create", { id: supplierId, globalSupplierId: null, name: supplierName, orderEmail, accountNumber: `ACC-${tag}` }),
    m("item.create", { id: itemId, name: itemName, unit: "box" }),
    // On hand 0 (a new item), reorder at 10, fill to 25: 25 units in packs of 10 = 3 packs.
    m("stock.setItemLevels", { itemId, reorderPoint: 10, maxStock: 25 }),
    m("supplierItem.set", {
      id: randomUUID(),
      supplierId,
      itemId,
      supplierSku: `GL-${tag}`,
      unitPrice: "4.25",
      packSize: 10,
      minimumOrder: 1,
      leadTimeDays: 2,
      preferred: true,
    }),
  ]);
  expect(res.results.map((r) => r.status)).toEqual(["applied", "applied", "applied", "applied"]);
  return { supplierId, itemId };
}

/** The files the server's email worker wrote to this supplier's order address. */
async function emailsTo(address: string): Promise<string[]> {
  const names = (await readdir(emailDir).catch(() => [] as string[])).filter((n) => n.endsWith(".txt"));
  const texts = await Promise.all(names.map((n) => readFile(path.join(emailDir, n), "utf8")));
  return texts.filter((t) => t.split("\n").includes(`To: ${address}`));
}

async function shoot(page: Page, name: string) {
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, name), fullPage: true });
}

describe("orders", () => {
  it("a manager creates a draft from a suggestion and sends it: SENT with its number, the supplier email sent once", async () => {
    const supplierName = `Gloves Direct ${tag}`;
    const orderEmail = `orders-${tag.toLowerCase()}@supplier.test`;
    const itemName = `Nitrile gloves M ${tag}`;
    await setUp(supplierName, orderEmail, itemName);
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, baseUrl, "admin@demo.venzory.test");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page.getByRole("heading", { name: "Orders", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Suggested orders" }).click();
    const group = page.getByRole("region", { name: supplierName });
    await group.waitFor();
    const row = group.getByRole("row").filter({ hasText: itemName });
    // Why 3 packs: on hand 0, nothing on order, fill to the maximum 25, packs of 10.
    expect(await row.getByRole("cell").allInnerTexts()).toEqual(["0", "0", "10", expect.stringMatching(/^3\s*× 10$/), expect.any(String)]);
    expect(await row.locator(".why").innerText()).toMatch(/25/);
    await shoot(page, "orders-suggestions-desktop.png");

    await group.getByRole("button", { name: "Create draft (1 line)" }).click();
    await page.getByRole("heading", { name: `Order draft · ${supplierName}`, level: 1 }).waitFor();
    const line = page.getByRole("row").filter({ hasText: itemName });
    expect(await line.getByLabel(`Packs of ${itemName}`).inputValue()).toBe("3");
    expect(await page.getByTestId("order-total").innerText()).toBe("Total GBP 12.75");
    await shoot(page, "orders-draft-desktop.png");

    await page.getByRole("button", { name: "Send order" }).click();
    await page.getByRole("status").filter({ hasText: "Sent: the supplier email is queued." }).waitFor();
    // The server numbers the order at push; the pull brings the number back.
    const heading = page.getByRole("heading", { level: 1 });
    await expect.poll(() => heading.innerText(), POLL).toMatch(new RegExp(`^Order PO-\\d{4} · ${supplierName}$`));
    const number = /PO-\d{4}/.exec(await heading.innerText())![0];
    expect(await page.getByTestId("order-status").innerText()).toBe("Sent");

    // The email state comes from the server; Refresh reads it again until the worker has sent it.
    const state = page.getByTestId("order-email-state");
    await expect
      .poll(async () => {
        await page.getByRole("button", { name: "Refresh" }).click();
        return state.getAttribute("data-state");
      }, POLL)
      .toBe("SENT");
    expect(await state.innerText()).toMatch(/^sent .* · to /);
    await shoot(page, "orders-sent-desktop.png");
    const emails = await emailsTo(orderEmail);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toContain(`Subject: Purchase order ${number} from Riverside Medical Practice`);
    expect(emails[0]).toContain(`ACC-${tag}`);

    // The list shows it among the sent orders with its email state.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page.getByRole("button", { name: /^Sent \(\d+\)$/ }).click();
    const listed = page.getByRole("row").filter({ hasText: number });
    await expect.poll(() => listed.innerText(), POLL).toMatch(new RegExp(`${supplierName}.*GBP 12\\.75.*sent `, "s"));
    await shoot(page, "orders-list-desktop.png");

    if (process.env.SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 800, height: 1280 });
      await shoot(page, "orders-list-tablet.png");
      await listed.getByRole("link", { name: number }).click();
      await page.getByRole("heading", { name: `Order ${number} · ${supplierName}` }).waitFor();
      await shoot(page, "orders-sent-tablet.png");
      await page.goto(`${baseUrl}/orders/suggestions`);
      await page.getByRole("heading", { name: "Suggested orders", level: 1 }).waitFor();
      await page.getByRole("region", { name: "No preferred supplier" }).waitFor();
      await shoot(page, "orders-suggestions-tablet.png");
      // A draft on the tablet: started from the list, one line added.
      await page.goto(`${baseUrl}/orders`);
      await page.getByLabel("New order to").selectOption({ label: supplierName });
      await page.getByRole("button", { name: "Start draft" }).click();
      await page.getByLabel("Add item").selectOption({ index: 1 });
      await page.getByLabel("Packs", { exact: true }).fill("2");
      await page.getByRole("button", { name: "Add line" }).click();
      await page.getByRole("button", { name: "Send order" }).waitFor();
      await shoot(page, "orders-draft-tablet.png");
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Delete draft" }).click();
      await page.getByRole("heading", { name: "Orders", level: 1 }).waitFor();
    }
    await context.close();
  });

  it("offline, a draft to a supplier without an order email is refused Send, saved as a template and marked phoned in; a template drafts it again, cancelled with a reason", async () => {
    const supplierName = `Corner Pharmacy ${tag}`;
    const itemName = `Saline 10 ml ${tag}`;
    await setUp(supplierName, null, itemName);
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 800, height: 1280 });
    await signIn(page, baseUrl, "admin@demo.venzory.test");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page.getByLabel("New order to").locator("option", { hasText: supplierName }).waitFor({ state: "attached" });

    await context.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await page.getByLabel("New order to").selectOption({ label: `${supplierName} (no order email: phone in)` });
    await page.getByRole("button", { name: "Start draft" }).click();
    await page.getByRole("heading", { name: `Order draft · ${supplierName}`, level: 1 }).waitFor();
    await page.getByLabel("Add item").selectOption({ label: `${itemName} — GBP 4.25 per pack of 10` });
    await page.getByLabel("Packs", { exact: true }).fill("4");
    await page.getByRole("button", { name: "Add line" }).click();
    await expect.poll(() => page.getByTestId("order-total").innerText(), POLL).toBe("Total GBP 17.00");
    // The draft editor fits the tablet's width (a long item choice must not widen the page).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);

    await page.getByRole("button", { name: "Send order" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "This supplier has no order email: phone the order in and mark it as sent." })
      .waitFor();
    await page.getByLabel("Save these lines as a template").fill(`Weekly saline ${tag}`);
    await page.getByRole("button", { name: "Save template" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Template "Weekly saline ${tag}" saved.` })
      .waitFor();
    await page.getByRole("button", { name: "Mark as sent (phoned in)" }).click();
    await page.getByRole("status").filter({ hasText: "Marked as sent (phoned in)." }).waitFor();
    expect(await page.getByTestId("order-status").innerText()).toBe("Sent");
    expect(Number((await syncState(page)).pending)).toBeGreaterThanOrEqual(4);

    await context.setOffline(false);
    const heading = page.getByRole("heading", { level: 1 });
    await expect.poll(() => heading.innerText(), POLL).toMatch(new RegExp(`^Order PO-\\d{4} · ${supplierName}$`));
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    expect(await page.getByText("phoned in", { exact: true }).count()).toBe(1);

    // The template drafts the same lines in one tap; a draft is cancelled with a reason.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await page
      .getByRole("listitem")
      .filter({ hasText: `Weekly saline ${tag}` })
      .getByRole("button", { name: "Draft order" })
      .click();
    await page.getByRole("heading", { name: `Order draft · ${supplierName}`, level: 1 }).waitFor();
    expect(await page.getByLabel(`Packs of ${itemName}`).inputValue()).toBe("4");
    await page.getByRole("button", { name: "Cancel order…" }).click();
    await page.getByLabel("Why is it cancelled?").fill("Bought locally instead");
    await page.getByRole("button", { name: "Cancel the order" }).click();
    await expect.poll(() => page.getByTestId("order-status").innerText(), POLL).toBe("Cancelled");
    await page.getByText("Cancelled: Bought locally instead").waitFor();
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    expect(await page.getByRole("button", { name: /Send order|Delete draft|Cancel order/ }).count()).toBe(0);
    await context.close();
  });
});
