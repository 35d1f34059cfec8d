/**
 * The one flow, from ordering to stock. A manager on the desktop drafts an order from the
 * suggested orders and sends it; the supplier email goes through the real email worker and the real
 * Resend SDK to the local Resend stand-in. It is first refused there (failed, with the reason), the admin
 * retries it, and the stand-in captures it once: to the supplier's order address, with the order number,
 * the lines and the CSV attachment. A staff tablet then receives the order offline by scanning GS1
 * DataMatrix codes from the fake camera (a second scan of a pack type adds one; one lot is short-dated
 * and flagged at the door; one pack is damaged), syncs, and the server holds the order PARTIALLY_RECEIVED
 * with the packs in stock under their lots. The tablet receives the rest offline while another device
 * receives one pack of it: the server refuses the tablet's receipt past the tolerance and the tablet says
 * why. The manager closes the partly received order with a reason. Last, a delivery nobody ordered.
 * $SCREENSHOT_DIR: saves the screens at tablet and desktop sizes.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { gtinCheckDigit } from "../../shared/gs1/gtin.js";
import { composeFrame, renderSymbol, writeY4m, type Luma } from "../scan-frames.js";
import { seriousAxeViolations, smallTargets } from "./a11y.js";
import { launchChromiumWithCamera, newOrderHeading, signIn, syncState } from "./browser.js";
import { attachmentText, capturedEmailsTo, refuseEmailsTo } from "./captured-emails.js";
import { DESKTOP, openTablet, POLL } from "./counting.js";
import { pushAs, screenshots, smallReceivingControls } from "./receiving-helpers.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const resendUrl = inject("e2eResendUrl");
const PRACTICE = "5eed0000-0000-4000-8000-000000000001";
const tag = Date.now().toString(36).toUpperCase();
const gtin = (n: number) => {
  const body = `04${String(Date.now()).slice(-10)}${n}`;
  return `${body}${gtinCheckDigit(body)}`;
};
const LOCATION = "Treatment room 2";
const SUPPLIER = { name: `Wound Care Direct ${tag}`, email: `orders-${tag.toLowerCase()}@supplier.test`, account: `ACC-${tag}` };
// Two new items the supplier sells in packs of 10; below their reorder point, so suggested.
const DRESSING = { name: `Dressing 10x10 cm ${tag}`, gtin: gtin(1), lot: `D${tag}`, sku: `DR-${tag}` };
const SALINE = { name: `Saline ampoule 10 ml ${tag}`, gtin: gtin(2), lot: `S${tag}`, sku: `SA-${tag}` };

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const yymmdd = (d: Date) => d.toISOString().slice(2, 10).replaceAll("-", "");
const main = (page: Page, link: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
const line = (page: Page, lot: string) => page.locator(`[data-testid="receipt-line"][data-lot="${lot}"]`);

let browser: Browser | undefined;
let dir: string | undefined;
let shortExpiry = "";

/**
 * The camera's video (2 frames a second): the dressing's code, a gap, the same code again (a second
 * pack), a gap, the saline's code twice the same way, then a long empty stretch so nothing is read again
 * before the test stops the camera. A gap outlasts the scanner's 1.5 s repeat window.
 */
beforeAll(async () => {
  const [settings] = await sql<{ days: number }>(`SELECT "expiryHorizonDays" AS days FROM "StockSettings" WHERE "practiceId" = $1`, [
    PRACTICE,
  ]);
  const soon = new Date(Date.now() + Math.min(30, settings?.days ?? 90) * 86_400_000);
  shortExpiry = soon.toISOString().slice(0, 10);
  dir = await mkdtemp(path.join(os.tmpdir(), "venzory-order-"));
  const dressing = await renderSymbol({
    bcid: "gs1datamatrix",
    text: `(01)${DRESSING.gtin}(17)${yymmdd(soon)}(10)${DRESSING.lot}`,
    scale: 6,
  });
  const saline = await renderSymbol({ bcid: "gs1datamatrix", text: `(01)${SALINE.gtin}(17)281231(10)${SALINE.lot}`, scale: 6 });
  const blank = await renderSymbol({ bcid: "gs1datamatrix", text: "(01)05060000010060", scale: 1 });
  const frames: Luma[] = [];
  let seed = 0;
  const show = (symbol: Luma, n: number) => {
    for (let i = 0; i < n; i++) frames.push(composeFrame(symbol, { angle: 3, dx: i * 3, noise: 3, seed: ++seed }));
  };
  // An empty surface: the symbol placed far outside the frame.
  const gap = (n: number) => {
    for (let i = 0; i < n; i++) frames.push(composeFrame(blank, { dx: 5000, noise: 3, seed: ++seed }));
  };
  for (const symbol of [dressing, dressing, saline, saline]) {
    show(symbol, 2);
    gap(5);
  }
  gap(25);
  const video = path.join(dir, "delivery.y4m");
  await writeY4m(video, frames, 2);
  browser = await launchChromiumWithCamera(video);
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The supplier (with an order email and an account number) and the two items it prices, pushed as the admin. */
async function setUp(admin: Page): Promise<void> {
  const supplierId = randomUUID();
  const item = (i: typeof DRESSING) => {
    const id = randomUUID();
    return [
      { name: "item.create", args: { id, name: i.name, unit: "box", gtin: i.gtin } },
      // On hand 0, reorder at 10, fill to 25: 25 units in packs of 10 = 3 packs.
      { name: "stock.setItemLevels", args: { itemId: id, reorderPoint: 10, maxStock: 25 } },
      {
        name: "supplierItem.set",
        args: {
          id: randomUUID(),
          supplierId,
          itemId: id,
          supplierSku: i.sku,
          unitPrice: "4.25",
          packSize: 10,
          minimumOrder: 1,
          leadTimeDays: 2,
          preferred: true,
        },
      },
    ];
  };
  await pushAs(admin, [
    { name: "supplier.create", args: { id: supplierId, name: SUPPLIER.name, orderEmail: SUPPLIER.email, accountNumber: SUPPLIER.account } },
    ...item(DRESSING),
    ...item(SALINE),
  ]);
}

describe("from a suggested order to stock", () => {
  it("a manager sends a suggested order (email retried, captured once); a tablet offline receives it by scanning, syncs; a later receipt is refused; the order is closed", async () => {
    // The manager, on the desktop: the suggested order becomes a draft and is sent.
    const desk = await browser!.newContext({ viewport: DESKTOP });
    const admin = await desk.newPage();
    await signIn(admin, baseUrl, "admin@demo.venzory.test");
    await setUp(admin);
    await refuseEmailsTo(resendUrl, SUPPLIER.email, true);
    await main(admin, "Orders");
    await admin.getByRole("heading", { name: "Orders", level: 1 }).waitFor();
    await admin.getByRole("link", { name: "Suggested orders" }).click();
    const group = admin.getByRole("region", { name: SUPPLIER.name });
    await group.waitFor();
    const row = group.getByRole("row").filter({ hasText: DRESSING.name });
    // Why 3 packs: on hand 0, nothing on order, fill to the maximum 25, packs of 10.
    expect(await row.getByRole("cell").allInnerTexts()).toEqual(["0", "0", "10", expect.stringMatching(/^3\s*× 10$/), expect.any(String)]);
    expect(await row.locator(".why").innerText()).toMatch(/25/);
    await screenshots(admin, "suggestions", "orders");
    await group.getByRole("button", { name: "Create draft (2 lines)" }).click();
    await admin.getByRole("heading", { name: newOrderHeading(SUPPLIER.name), level: 1 }).waitFor();
    expect(await admin.getByLabel(`Packs of ${SALINE.name}`).inputValue()).toBe("3");
    expect(await admin.getByTestId("order-total").innerText()).toBe("Total GBP 25.50");
    await screenshots(admin, "draft", "orders");
    await admin.getByRole("button", { name: "Send order" }).click();
    await admin.getByRole("status").filter({ hasText: "Sent: the supplier email is queued." }).waitFor();
    // The server numbers the order at push; the pull brings the number back.
    const heading = admin.getByRole("heading", { level: 1 });
    await expect.poll(() => heading.innerText(), POLL).toMatch(new RegExp(`^Order PO-\\d{4} · ${SUPPLIER.name}$`));
    const number = /PO-\d{4}/.exec(await heading.innerText())![0];
    expect(await admin.getByTestId("order-status").innerText()).toBe("Sent");
    const orderId = new URL(admin.url()).pathname.split("/").at(-1)!;

    // The stand-in refuses the supplier's address: the email fails with the provider's reason; the admin retries it.
    const emailState = admin.getByTestId("order-email-state");
    const emailStateIs = (state: string) =>
      expect
        .poll(async () => {
          await admin.getByRole("button", { name: "Refresh" }).click();
          return emailState.getAttribute("data-state");
        }, POLL)
        .toBe(state);
    await emailStateIs("FAILED");
    expect(await emailState.innerText()).toMatch(
      new RegExp(`^failed: validation_error \\(422\\): The recipient ${SUPPLIER.email} is rejected`),
    );
    expect(await capturedEmailsTo(resendUrl, SUPPLIER.email)).toEqual([]);
    await refuseEmailsTo(resendUrl, SUPPLIER.email, false);
    await admin.getByRole("button", { name: "Retry email" }).click();
    await emailStateIs("SENT");
    expect(await emailState.innerText()).toMatch(new RegExp(`^sent .* · to ${SUPPLIER.email}`));
    await screenshots(admin, "sent", "orders");

    // Captured once by the stand-in: the supplier's address, the number, the account, the lines, the CSV.
    const emails = await capturedEmailsTo(resendUrl, SUPPLIER.email);
    expect(emails).toHaveLength(1);
    const email = emails[0]!.payload;
    expect(email.subject).toBe(`Purchase order ${number} from Riverside Medical Practice`);
    expect(email.text).toContain(`Account number: ${SUPPLIER.account}`);
    for (const sku of [DRESSING.sku, SALINE.sku]) expect(email.text).toContain(`Supplier SKU: ${sku}`);
    expect(email.attachments?.map((a) => a.filename)).toEqual([`${number}.csv`]);
    const csv = Papa.parse<string[]>(attachmentText(email.attachments![0]!).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(csv.slice(1).sort()).toEqual(
      [
        [DRESSING.sku, DRESSING.name, "3", "10", "box", "4.25", "GBP", "12.75"],
        [SALINE.sku, SALINE.name, "3", "10", "box", "4.25", "GBP", "12.75"],
        ["", "Total", "", "", "", "", "GBP", "25.50"],
      ].sort(),
    );
    const lineIds = await sql<{ id: string; name: string; itemId: string }>(
      `SELECT oi."id", i."name", oi."itemId" FROM "OrderItem" oi JOIN "Item" i ON i."id" = oi."itemId" WHERE oi."orderId" = $1`,
      [orderId],
    );
    const lineOf = (name: string) => lineIds.find((l) => l.name === name)!;

    // The staff tablet has the order, then goes offline at the door.
    const { context, page } = await openTablet(browser!, baseUrl, "staff@demo.venzory.test");
    await main(page, "Receiving");
    const openOrder = page.locator(`[data-testid="open-order"][data-order-id="${orderId}"]`);
    await openOrder.waitFor();
    // Named as on the supplier's paperwork (the email's order number), so the delivery note matches.
    expect(await openOrder.getByRole("heading", { level: 3 }).innerText()).toMatch(new RegExp(`^Order ${number} · ${SUPPLIER.name}`));
    await screenshots(page, "orders");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await openOrder.getByRole("link", { name: `Receive order ${number} from ${SUPPLIER.name}` }).click();
    await page.getByRole("heading", { name: `Receive order ${number}`, level: 1 }).waitFor();
    // The suggested order names no delivery location: the tablet picks where the packs go.
    const [locationId] = await page.getByLabel("Receive into location").selectOption({ label: LOCATION });

    // Scanning: the camera opens once the decoder is loaded, so no pack goes by unread.
    await expect.poll(() => page.locator("[data-decoder]").getAttribute("data-decoder"), POLL).not.toBe("");
    await page.getByRole("button", { name: "Start camera" }).click();
    await expect.poll(() => line(page, SALINE.lot).getAttribute("data-accepted"), { ...POLL, timeout: 45_000 }).toBe("2");
    await page.getByRole("button", { name: "Stop camera" }).click();
    // A reload (offline) keeps the packs taken so far, and the location chosen.
    await page.reload();
    await line(page, SALINE.lot).waitFor();
    expect(await page.getByLabel("Receive into location").inputValue()).toBe(locationId);
    expect(await line(page, DRESSING.lot).getAttribute("data-accepted")).toBe("2");
    expect(await line(page, DRESSING.lot).getByRole("textbox", { name: "Expiry" }).inputValue()).toBe(shortExpiry);
    // The dressing's lot expires within the practice's horizon: flagged at the door; the saline's lot is not.
    expect(await line(page, DRESSING.lot).getByTestId("short-dated").getAttribute("data-flag")).toBe("SHORT_DATED");
    expect(await line(page, SALINE.lot).getByTestId("short-dated").count()).toBe(0);

    // A code no item has says so; two packs past the order's tolerance are refused before posting.
    await page.getByLabel("Type or scan a pack's code").fill("(01)09506000134352(10)X1");
    await page.getByRole("button", { name: "Look up" }).click();
    await expect.poll(() => page.getByTestId("scan-message").textContent(), POLL).toMatch(/^Unknown GTIN 09506000134352/);
    const addOne = (name: string) => page.getByRole("button", { name: `+1 pack of ${name}` }).click();
    await addOne(DRESSING.name);
    await addOne(DRESSING.name);
    expect(await line(page, DRESSING.lot).getAttribute("data-accepted")).toBe("4");
    await expect
      .poll(() => page.getByTestId("receipt-refusal").textContent(), POLL)
      .toMatch(/^Ordered 3, already received 0; this receipt adds 4, past the/);
    expect(await page.getByRole("button", { name: /^Post receipt/ }).isDisabled()).toBe(true);
    await line(page, DRESSING.lot).getByRole("button", { name: "Accepted: one less" }).click();
    await line(page, DRESSING.lot).getByRole("button", { name: "Accepted: one less" }).click();
    expect(await page.getByTestId("receipt-refusal").count()).toBe(0);

    // One pack of saline is damaged: moved off the accepted packs, with a reason; posting waits for the reason.
    await line(page, SALINE.lot).getByRole("button", { name: "Damaged or rejected: one more" }).click();
    expect(await line(page, SALINE.lot).getAttribute("data-accepted")).toBe("1");
    expect(await line(page, SALINE.lot).getAttribute("data-damaged")).toBe("1");
    const postButton = page.getByRole("button", { name: /^Post receipt/ });
    expect(await postButton.isDisabled()).toBe(true);
    await line(page, SALINE.lot).getByRole("combobox").selectOption("Damaged in transit");
    await screenshots(page, "receipt");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    expect(await smallReceivingControls(page)).toEqual([]);
    await postButton.click();

    // Posted offline: waiting to sync, the order partly received on the tablet.
    const posted = page.getByTestId("receipt-posted");
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("pending");
    // The order's status and the pending count are live queries: they follow the commit by a moment.
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status"), POLL).toBe("PARTIALLY_RECEIVED");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("1");
    await screenshots(page, "posted");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Online again: it syncs, and the server holds what the tablet showed.
    await context.setOffline(false);
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("synced");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    expect(await page.getByTestId("order-status").getAttribute("data-status")).toBe("PARTIALLY_RECEIVED");
    const received = async () =>
      Object.fromEntries(
        (
          await sql<{ name: string; receivedQuantity: number }>(
            `SELECT i."name", oi."receivedQuantity" FROM "OrderItem" oi JOIN "Item" i ON i."id" = oi."itemId" WHERE oi."orderId" = $1`,
            [orderId],
          )
        ).map((r) => [r.name, r.receivedQuantity]),
      );
    const orderRow = async () =>
      (
        await sql<{ status: string; closeReason: string | null }>(`SELECT "status", "closeReason" FROM "Order" WHERE "id" = $1`, [orderId])
      )[0]!;
    expect((await orderRow()).status).toBe("PARTIALLY_RECEIVED");
    expect(await received()).toEqual({ [DRESSING.name]: 2, [SALINE.name]: 1 });
    // Packs of 10 into stock, under their lots and expiries; the damaged pack is recorded, not stocked.
    const stock = await sql<{ lot: string; expiry: string; quantity: number }>(
      `SELECT b."lot", to_char(b."expiryDate", 'YYYY-MM-DD') AS expiry, i."quantity"
         FROM "Inventory" i JOIN "Batch" b ON b."id" = i."batchId"
        WHERE i."locationId" = $1 AND b."lot" = ANY($2) ORDER BY b."lot"`,
      [locationId, [DRESSING.lot, SALINE.lot]],
    );
    expect(stock).toEqual([
      { lot: DRESSING.lot, expiry: shortExpiry, quantity: 20 },
      { lot: SALINE.lot, expiry: "2028-12-31", quantity: 10 },
    ]);
    const receiptLines = await sql<{ lot: string; quantity: number; damagedQuantity: number; damageReason: string | null }>(
      `SELECT l."lot", l."quantity", l."damagedQuantity", l."damageReason" FROM "GoodsReceiptLine" l
         JOIN "GoodsReceipt" r ON r."id" = l."receiptId" WHERE r."orderId" = $1 ORDER BY l."lot"`,
      [orderId],
    );
    expect(receiptLines).toEqual([
      { lot: DRESSING.lot, quantity: 2, damagedQuantity: 0, damageReason: null },
      { lot: SALINE.lot, quantity: 1, damagedQuantity: 1, damageReason: "Damaged in transit" },
    ]);

    // Two devices receive the rest at once: offline, the tablet takes the 2 saline packs still to come;
    // meanwhile another device receives one of them. Synced, the server refuses the tablet's receipt
    // (past the tolerance), the tablet says why, and nothing already received is lost.
    await context.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await page.getByRole("link", { name: "Next delivery" }).click();
    await openOrder.getByRole("link", { name: /^Receive order/ }).click();
    expect(await page.getByLabel("Receive into location").inputValue()).toBe(locationId);
    await addOne(SALINE.name);
    await addOne(SALINE.name);
    await postButton.click();
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("pending");
    const saline = lineOf(SALINE.name);
    await pushAs(admin, [
      {
        name: "receipt.post",
        args: {
          id: randomUUID(),
          orderId,
          locationId,
          seenReceived: { [saline.id]: 1 },
          lines: [{ id: randomUUID(), itemId: saline.itemId, orderItemId: saline.id, accepted: 1, lot: `O${tag}` }],
        },
      },
    ]);
    await context.setOffline(false);
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("refused");
    expect(await page.getByTestId("receipt-notice").innerText()).toMatch(
      /^Ordered 3, already received 2 \(1 of them on another device since this one last synced\); this receipt adds 2, past the \d+ % tolerance/,
    );
    await page.getByRole("heading", { name: "The server refused this receipt" }).waitFor();
    expect(await received()).toEqual({ [DRESSING.name]: 2, [SALINE.name]: 2 });
    expect((await orderRow()).status).toBe("PARTIALLY_RECEIVED");

    // The last saline pack is not coming: the manager closes the order with a reason.
    await admin.goto(`${baseUrl}/orders/${orderId}`);
    await expect.poll(() => admin.getByTestId("order-status").innerText(), POLL).toBe("Partly received");
    await admin.getByRole("button", { name: "Close (rest not coming)…" }).click();
    await admin.getByLabel("Why is the rest not coming?").fill("Saline back-ordered until March");
    await admin.getByRole("button", { name: "Close the order" }).click();
    await expect.poll(() => admin.getByTestId("order-status").innerText(), POLL).toBe("Received");
    await admin.getByText("Closed short: Saline back-ordered until March").waitFor();
    await expect.poll(async () => (await orderRow()).closeReason, POLL).toBe("Saline back-ordered until March");
    expect((await orderRow()).status).toBe("RECEIVED");

    // A delivery nobody ordered, online: an item picked by hand, its quantity typed, into the location used last.
    const SHARPS = "Sharps bin 1 litre";
    const sharpsStock = async () =>
      (
        await sql<{ quantity: number }>(
          `SELECT COALESCE(SUM(i."quantity"), 0)::int AS quantity FROM "Inventory" i JOIN "Item" t ON t."id" = i."itemId"
            WHERE i."locationId" = $1 AND t."name" = $2 AND t."practiceId" = $3`,
          [locationId, SHARPS, PRACTICE],
        )
      )[0]!.quantity;
    const before = await sharpsStock();
    await page.getByRole("link", { name: "Next delivery" }).click();
    await page.getByRole("link", { name: "Delivery without an order" }).click();
    await page.getByRole("heading", { name: "Receive a delivery without an order" }).waitFor();
    expect(await page.getByLabel("Receive into location").inputValue()).toBe(locationId);
    await page.getByLabel("Add an item by hand").fill("sharps bin");
    await page.getByRole("button", { name: `Add ${SHARPS}` }).click();
    await page.getByTestId("receipt-line").getByRole("textbox", { name: "Accepted" }).fill("3");
    await page.getByRole("button", { name: "Post receipt: 3 packs" }).click();
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("synced");
    expect(await sharpsStock()).toBe(before + 3);

    await context.close();
    await desk.close();
  });
});
