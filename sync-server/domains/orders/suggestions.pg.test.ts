import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { draftOrder, orderFixture, outcome, run, sentOrder, type OrderFixture } from "../../../test/orders.js";
import { TestClient } from "../../../test/sync-client.js";
import { orderSuggestions } from "./suggestions.js";

let t: TestDatabase;
let p: TestPractice;
let f: OrderFixture;
let admin: TestClient;
const DAY = 86_400_000;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 4 });
  f = await orderFixture(t.db, p);
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
});
afterAll(() => t.drop());

async function move(name: "stock.adjust" | "stock.consume", itemId: string, quantity: number, daysAgo = 1) {
  const id = randomUUID();
  const o =
    name === "stock.adjust"
      ? await run(admin, name, { id, locationId: p.locationId, itemId, quantity, reason: quantity > 0 ? "FOUND" : "DAMAGED" })
      : await run(admin, name, { id, locationId: p.locationId, itemId, quantity });
  expect(outcome(o)).toBe("applied");
  await t.db.stockMovement.updateMany({ where: { reference: id }, data: { createdAt: new Date(Date.now() - daysAgo * DAY) } });
}

describe("suggested orders", () => {
  it("fills to the maximum counting on hand and open orders, adds usage × lead time, rounds to packs and the minimum, groups by supplier, says why", async () => {
    const [gloves, swabs, masks, spare] = p.itemIds as [string, string, string, string];
    await t.db.item.update({ where: { id: gloves }, data: { reorderPoint: 20, maxStock: 50, defaultSupplierId: f.emailSupplierId } });
    await t.db.practiceSupplierItem.updateMany({
      where: { practiceSupplierId: f.emailSupplierId, itemId: gloves },
      data: { leadTimeDays: 7 },
    });
    await t.db.item.update({ where: { id: swabs }, data: { reorderPoint: 5, defaultSupplierId: f.emailSupplierId } });
    await t.db.practiceSupplierItem.updateMany({
      where: { practiceSupplierId: f.emailSupplierId, itemId: swabs },
      data: { minimumOrder: 6 },
    });
    await t.db.item.update({ where: { id: masks }, data: { reorderPoint: 3 } });

    // Gloves: 30 in, 12 used and 2 damaged in the window, 10 used long before it, 1 found (not usage): 7 on hand.
    await move("stock.adjust", gloves, 30, 60);
    await move("stock.consume", gloves, 10, 40);
    await move("stock.consume", gloves, 12, 3);
    await move("stock.adjust", gloves, -2, 2);
    await move("stock.adjust", gloves, 1, 1);
    // On order: one sent pack of 10 counts; a draft does not.
    await sentOrder(admin, p, f, [[0, 1]]);
    await draftOrder(admin, p, f.emailSupplierId, [[0, 9]]);

    const res = await orderSuggestions(t.db, { practiceId: p.practiceId }, { weeks: 4 });
    expect(res.weeks).toBe(4);
    const [withSupplier, without] = res.groups;
    expect(withSupplier!.supplierId).toBe(f.emailSupplierId);
    expect(withSupplier!.supplierName).toMatch(/^Email supplier/);
    const g = withSupplier!.lines.find((l) => l.itemId === gloves)!;
    // Position 7 + 10 = 17 < 20; to max 50: 33; usage 14 / 28 days = 0.5/day × 7 days = 3.5 → 36.5 → 37 units → 4 packs of 10.
    expect(g).toMatchObject({
      onHand: 7,
      onOrder: 10,
      shortfall: 33,
      usagePerDay: 0.5,
      leadTimeDays: 7,
      unitsNeeded: 37,
      packSize: 10,
      packs: 4,
    });
    expect(g.unitPrice).toBe("12.5000");
    expect(g.why).toContain("On hand 7 + on order 10 = 17 < reorder point 20");
    expect(g.why).toContain("usage 0.5/day × lead time 7 days");
    // Swabs: no stock, no max: fill to the reorder point (5 units, packs of 1) raised to the minimum order of 6.
    expect(withSupplier!.lines.find((l) => l.itemId === swabs)).toMatchObject({
      targetKind: "reorderPoint",
      packs: 6,
      raisedToMinimum: true,
    });
    // Masks have no preferred supplier: listed apart, last. The spare item has no reorder point: never suggested.
    expect(without).toMatchObject({ supplierId: null, supplierName: null });
    expect(without!.lines.map((l) => l.itemId)).toEqual([masks]);
    expect(res.groups.flatMap((gr) => gr.lines).some((l) => l.itemId === spare)).toBe(false);
  });

  it("uses the practice's usage window when none is asked for", async () => {
    expect(outcome(await run(admin, "orderSettings.set", { overReceiptTolerancePercent: 10, usageWindowWeeks: 2 }))).toBe("applied");
    expect((await orderSuggestions(t.db, { practiceId: p.practiceId }, {})).weeks).toBe(2);
  });
});
