/**
 * Receiving a delivery on a tablet, offline, by scanning: an order is SENT (pushed as the admin through
 * the sync push, the way any device writes), the staff tablet goes offline and receives it from the fake
 * camera's GS1 DataMatrix codes (the same pack type twice adds one; one lot is short-dated and flagged at
 * the door), marks one pack damaged with a reason, posts, goes online, syncs; the server then holds the
 * order PARTIALLY_RECEIVED with the received quantities, the accepted packs in stock under their lots and
 * the damaged pack recorded only. Then a delivery nobody ordered, picked and typed by hand, goes into stock.
 * $SCREENSHOT_DIR: saves the screens at tablet and desktop sizes.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { composeFrame, renderSymbol, writeY4m, type Luma } from "../scan-frames.js";
import { seriousAxeViolations, smallTargets } from "./a11y.js";
import { launchChromiumWithCamera, signIn, syncState } from "./browser.js";
import { DESKTOP, openTablet, POLL } from "./counting.js";
import { pushAs, screenshots, smallReceivingControls } from "./receiving-helpers.js";

const baseUrl = inject("e2eBaseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const tag = Date.now().toString(36).toUpperCase();
const TUBE = { name: "Blood collection tube, EDTA 4 ml", gtin: "05060000010060", lot: `S${tag}` };
const TABLETS = { name: "Paracetamol 500 mg tablets", gtin: "05060000010176", lot: `P${tag}` };
const LOCATION = "Treatment room 2";

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

let browser: Browser | undefined;
let dir: string | undefined;
let shortExpiry = "";

/**
 * The camera's video (2 frames a second): the tube's code, a gap, the tube's code again (a second pack),
 * a gap, the tablets' code twice the same way, then a long empty stretch so nothing is read again
 * before the test stops the camera. A gap outlasts the scanner's 1.5 s repeat window.
 */
beforeAll(async () => {
  const [settings] = await sql<{ days: number }>(
    `SELECT "expiryHorizonDays" AS days FROM "StockSettings" WHERE "practiceId" = '5eed0000-0000-4000-8000-000000000001'`,
  );
  const soon = new Date(Date.now() + Math.min(30, settings?.days ?? 90) * 86_400_000);
  shortExpiry = soon.toISOString().slice(0, 10);
  dir = await mkdtemp(path.join(os.tmpdir(), "venzory-receive-"));
  const tube = await renderSymbol({ bcid: "gs1datamatrix", text: `(01)${TUBE.gtin}(17)${yymmdd(soon)}(10)${TUBE.lot}`, scale: 6 });
  const tablets = await renderSymbol({ bcid: "gs1datamatrix", text: `(01)${TABLETS.gtin}(17)281231(10)${TABLETS.lot}`, scale: 6 });
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
  show(tube, 2);
  gap(5);
  show(tube, 2);
  gap(5);
  show(tablets, 2);
  gap(5);
  show(tablets, 2);
  gap(30);
  const video = path.join(dir, "delivery.y4m");
  await writeY4m(video, frames, 2);
  browser = await launchChromiumWithCamera(video);
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const line = (page: Page, lot: string) => page.locator(`[data-testid="receipt-line"][data-lot="${lot}"]`);

describe("receiving", () => {
  it("a tablet offline receives a sent order by scanning (short-dated lot flagged, a damaged pack recorded), then syncs", async () => {
    const ids = await sql<{ id: string; name: string }>(
      `SELECT "id", "name" FROM "Item" WHERE "practiceId" = '5eed0000-0000-4000-8000-000000000001' AND "name" = ANY($1)`,
      [[TUBE.name, TABLETS.name]],
    );
    const itemId = (name: string) => ids.find((r) => r.name === name)!.id;
    const [location] = await sql<{ id: string }>(
      `SELECT "id" FROM "Location" WHERE "practiceId" = '5eed0000-0000-4000-8000-000000000001' AND "name" = $1`,
      [LOCATION],
    );

    // The admin's order: 2 racks of tubes and 3 packs of tablets, phoned in (SENT).
    const desk = await browser!.newContext({ viewport: DESKTOP });
    const admin = await desk.newPage();
    await signIn(admin, baseUrl, "admin@demo.venzory.test");
    const supplierId = randomUUID();
    const orderId = randomUUID();
    const tubeLine = randomUUID();
    const tabletLine = randomUUID();
    await pushAs(admin, [
      { name: "supplier.create", args: { id: supplierId, name: `Receiving supplier ${tag}` } },
      {
        name: "order.create",
        args: {
          id: orderId,
          supplierId,
          deliveryLocationId: location!.id,
          lines: [
            { id: tubeLine, itemId: itemId(TUBE.name), quantity: 2 },
            { id: tabletLine, itemId: itemId(TABLETS.name), quantity: 3 },
          ],
        },
      },
      { name: "order.markSentManually", args: { orderId } },
    ]);

    // The staff tablet has the order, then goes offline at the door.
    const { context, page } = await openTablet(browser!, baseUrl, "staff@demo.venzory.test");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Receiving" }).click();
    const openOrder = page.locator(`[data-testid="open-order"][data-order-id="${orderId}"]`);
    await openOrder.waitFor();
    await screenshots(page, "orders");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.setOffline(true);
    await expect.poll(async () => (await syncState(page)).online, POLL).toBe("false");
    await openOrder.getByRole("link", { name: /^Receive order/ }).click();
    await page.getByRole("heading", { name: /^Receive order #\d+/ }).waitFor();
    expect(await page.getByLabel("Receive into location").inputValue()).toBe(location!.id);

    // Scanning: the camera opens once the decoder is loaded, so no pack goes by unread.
    await expect.poll(() => page.locator("[data-decoder]").getAttribute("data-decoder"), POLL).not.toBe("");
    await page.getByRole("button", { name: "Start camera" }).click();
    await expect.poll(() => line(page, TABLETS.lot).getAttribute("data-accepted"), { ...POLL, timeout: 45_000 }).toBe("2");
    await page.getByRole("button", { name: "Stop camera" }).click();
    // A reload (offline) keeps the packs taken so far.
    await page.reload();
    await line(page, TABLETS.lot).waitFor();
    expect(await line(page, TUBE.lot).getAttribute("data-accepted")).toBe("2");
    expect(await line(page, TUBE.lot).getByRole("textbox", { name: "Expiry" }).inputValue()).toBe(shortExpiry);
    // The tube's lot expires within the practice's horizon: flagged at the door; the tablets' lot is not.
    expect(await line(page, TUBE.lot).getByTestId("short-dated").getAttribute("data-flag")).toBe("SHORT_DATED");
    expect(await line(page, TABLETS.lot).getByTestId("short-dated").count()).toBe(0);

    // A code typed by hand that no item has says so; a pack more than the order's tolerance is refused before posting.
    await page.getByLabel("Type or scan a pack's code").fill("(01)09506000134352(10)X1");
    await page.getByRole("button", { name: "Look up" }).click();
    await expect.poll(() => page.getByTestId("scan-message").textContent(), POLL).toMatch(/^Unknown GTIN 09506000134352/);
    await page.getByRole("button", { name: `+1 pack of ${TUBE.name}` }).click();
    expect(await line(page, TUBE.lot).getAttribute("data-accepted")).toBe("3");
    await expect
      .poll(() => page.getByTestId("receipt-refusal").textContent(), POLL)
      .toMatch(/^Ordered 2, already received 0; this receipt adds 3, past the/);
    expect(await page.getByRole("button", { name: /^Post receipt/ }).isDisabled()).toBe(true);
    await line(page, TUBE.lot).getByRole("button", { name: "Accepted: one less" }).click();
    expect(await page.getByTestId("receipt-refusal").count()).toBe(0);

    // One pack of tablets is damaged: moved off the accepted packs, with a reason; posting waits for the reason.
    await line(page, TABLETS.lot).getByRole("button", { name: "Damaged or rejected: one more" }).click();
    expect(await line(page, TABLETS.lot).getAttribute("data-accepted")).toBe("1");
    expect(await line(page, TABLETS.lot).getAttribute("data-damaged")).toBe("1");
    const postButton = page.getByRole("button", { name: /^Post receipt/ });
    expect(await postButton.isDisabled()).toBe(true);
    await line(page, TABLETS.lot).getByRole("combobox").selectOption("Damaged in transit");
    await screenshots(page, "receipt");
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    expect(await smallReceivingControls(page)).toEqual([]);
    await postButton.click();

    // Posted offline: waiting to sync, the order partly received on the tablet.
    const posted = page.getByTestId("receipt-posted");
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("pending");
    expect(await page.getByTestId("order-status").getAttribute("data-status")).toBe("PARTIALLY_RECEIVED");
    expect((await syncState(page)).pending).toBe("1");
    await screenshots(page, "posted");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Online again: it syncs, and the server holds what the tablet showed.
    await context.setOffline(false);
    await expect.poll(() => posted.getAttribute("data-state"), POLL).toBe("synced");
    await expect.poll(async () => (await syncState(page)).pending, POLL).toBe("0");
    expect(await page.getByTestId("order-status").getAttribute("data-status")).toBe("PARTIALLY_RECEIVED");

    const [order] = await sql<{ status: string }>(`SELECT "status" FROM "Order" WHERE "id" = $1`, [orderId]);
    expect(order!.status).toBe("PARTIALLY_RECEIVED");
    const received = await sql<{ id: string; receivedQuantity: number }>(
      `SELECT "id", "receivedQuantity" FROM "OrderItem" WHERE "orderId" = $1`,
      [orderId],
    );
    expect(new Map(received.map((r) => [r.id, r.receivedQuantity]))).toEqual(
      new Map([
        [tubeLine, 2],
        [tabletLine, 1],
      ]),
    );
    const stock = await sql<{ lot: string; expiry: string; quantity: number }>(
      `SELECT b."lot", to_char(b."expiryDate", 'YYYY-MM-DD') AS expiry, i."quantity"
         FROM "Inventory" i JOIN "Batch" b ON b."id" = i."batchId"
        WHERE i."locationId" = $1 AND b."lot" = ANY($2) ORDER BY b."lot"`,
      [location!.id, [TUBE.lot, TABLETS.lot]],
    );
    expect(stock).toEqual([
      { lot: TABLETS.lot, expiry: "2028-12-31", quantity: 1 },
      { lot: TUBE.lot, expiry: shortExpiry, quantity: 2 },
    ]);
    const lines = await sql<{ lot: string; quantity: number; damagedQuantity: number; damageReason: string | null }>(
      `SELECT l."lot", l."quantity", l."damagedQuantity", l."damageReason" FROM "GoodsReceiptLine" l
         JOIN "GoodsReceipt" r ON r."id" = l."receiptId" WHERE r."orderId" = $1 ORDER BY l."lot"`,
      [orderId],
    );
    expect(lines).toEqual([
      { lot: TABLETS.lot, quantity: 1, damagedQuantity: 1, damageReason: "Damaged in transit" },
      { lot: TUBE.lot, quantity: 2, damagedQuantity: 0, damageReason: null },
    ]);

    // A delivery nobody ordered, online: an item picked by hand, its quantity typed, into the location used last.
    const SHARPS = "Sharps bin 1 litre";
    const sharpsStock = async () =>
      (
        await sql<{ quantity: number }>(
          `SELECT COALESCE(SUM(i."quantity"), 0)::int AS quantity FROM "Inventory" i JOIN "Item" t ON t."id" = i."itemId"
            WHERE i."locationId" = $1 AND t."name" = $2 AND t."practiceId" = '5eed0000-0000-4000-8000-000000000001'`,
          [location!.id, SHARPS],
        )
      )[0]!.quantity;
    const before = await sharpsStock();
    await page.getByRole("link", { name: "Next delivery" }).click();
    await page.getByRole("link", { name: "Delivery without an order" }).click();
    await page.getByRole("heading", { name: "Receive a delivery without an order" }).waitFor();
    expect(await page.getByLabel("Receive into location").inputValue()).toBe(location!.id);
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
