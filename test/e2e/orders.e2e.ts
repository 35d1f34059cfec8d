/**
 * Orders on a tablet beyond the main flow (order-to-receipt.e2e.ts: suggestion → send → email → receiving):
 * a draft made offline to a supplier without an order email, saved as a template, marked phoned in;
 * the template drafts it again, and the draft is cancelled with a reason. The supplier, item and terms
 * are set up through the real push as the demo admin (no screen involved).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { MutationInput, MutationName } from "../../shared/mutations/index.js";
import { createPrisma, type Db } from "../../sync-server/db/prisma.js";
import { TestClient } from "../sync-client.js";
import { newOrderHeading, signIn, syncState, useChromium } from "./browser.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
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

describe("orders", () => {
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
    // The order's status and the pending count are live queries: they re-read after the commit, a moment after the message.
    await expect.poll(() => page.getByTestId("order-status").innerText(), POLL).toBe("Sent");
    await expect.poll(async () => Number((await syncState(page)).pending), POLL).toBeGreaterThanOrEqual(4);

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
    await page.getByRole("heading", { name: newOrderHeading(supplierName), level: 1 }).waitFor();
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
