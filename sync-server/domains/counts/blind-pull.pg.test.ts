/**
 * A blind count's expected quantities never reach a counter's replica: the stock rows in its scope are
 * sent again when it starts, without their quantity to STAFF and VIEWER and with it to ADMIN, and again
 * with it once it closes (docs/blind-counts.md).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { pullPage, TestClient } from "../../../test/sync-client.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import { NULL_QUANTITY_SCHEMA_VERSION } from "../../../shared/protocol/version.js";

let t: TestDatabase;
let p: TestPractice;
let admin: TestClient;
let staff: TestClient;
let viewer: TestClient;
let elsewhere: string;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 3 });
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
  viewer = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.VIEWER.id, role: "VIEWER" });
  elsewhere = randomUUID();
  await run(admin, "location.create", { id: elsewhere, name: "Other room", parentId: null });
  // Item 1 and item 2 on the counted shelf, item 1 also in the other room (outside the count).
  await run(admin, "stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[0]!, quantity: 7, reason: "FOUND" });
  await run(admin, "stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[1]!, quantity: 4, reason: "FOUND" });
  await run(admin, "stock.adjust", { id: randomUUID(), locationId: elsewhere, itemId: p.itemIds[0]!, quantity: 2, reason: "FOUND" });
});
afterAll(() => t.drop());

async function run<N extends MutationName>(c: TestClient, name: N, args: MutationInput<N>, status: "applied" | "conflict" = "applied") {
  expect((await c.push([c.mutation(name, args)])).results[0]).toMatchObject({ status });
}

/** Each stock row the pull after `cursor` carries, as "location/item" → quantity (null: withheld). */
async function stockAfter(c: TestClient, cursor: number) {
  const { rows, cursor: next } = await c.pullAll(cursor);
  const stock = new Map<string, number | null>();
  for (const [key, row] of rows) {
    if (!key.startsWith("inventory:")) continue;
    const where = row.locationId === p.locationId ? "shelf" : "other";
    stock.set(`${where}/${p.itemIds.indexOf(row.itemId as string) + 1}`, row.quantity as number | null);
  }
  return { stock, cursor: next };
}

describe("blind count sessions in pulls", () => {
  it("a STAFF or VIEWER pull during a blind session carries no quantity for the counted stock, an ADMIN pull does; closing sends it again", async () => {
    const before = (await staff.pullAll(0)).cursor;
    const session = randomUUID();
    await run(staff, "count.start", { id: session, locationId: p.locationId, blind: true });

    // The rows a replica already held come again: without their quantity to counters, with it to admins.
    expect(Object.fromEntries((await stockAfter(staff, before)).stock)).toEqual({ "shelf/1": null, "shelf/2": null });
    expect(Object.fromEntries((await stockAfter(viewer, before)).stock)).toEqual({ "shelf/1": null, "shelf/2": null });
    expect(Object.fromEntries((await stockAfter(admin, before)).stock)).toEqual({ "shelf/1": 7, "shelf/2": 4 });
    // A full pull too; stock outside the session's scope keeps its quantity.
    expect(Object.fromEntries((await stockAfter(staff, 0)).stock)).toEqual({ "shelf/1": null, "shelf/2": null, "other/1": 2 });

    // Stock moving during the session stays withheld; a line's expected figures too.
    const during = (await staff.pullAll(0)).cursor;
    await run(admin, "stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId: p.itemIds[0]!, quantity: 1, reason: "FOUND" });
    const line = { id: randomUUID(), sessionId: session, itemId: p.itemIds[0]!, locationId: p.locationId, countedQuantity: 5 };
    await run(staff, "count.recordLine", { ...line, seenVersion: during, seenQuantity: null }, "conflict");
    const staffPull = await staff.pullAll(during);
    expect(Object.fromEntries((await stockAfter(staff, during)).stock)).toEqual({ "shelf/1": null });
    expect(staffPull.rows.get(`countLine:${line.id}`)).toMatchObject({ countedQuantity: 5, onHandAtPush: null, movementSinceSeen: null });
    expect((await admin.pullAll(during)).rows.get(`countLine:${line.id}`)).toMatchObject({ onHandAtPush: 8, movementSinceSeen: 1 });
    expect(JSON.stringify([...staffPull.rows.values()])).not.toMatch(/"(quantity|onHandAtPush|seenQuantity|movementSinceSeen)":\d/);

    // Completing sends the stock again, with the quantities (item 1 is now as counted).
    const open = (await staff.pullAll(0)).cursor;
    await run(admin, "count.complete", { sessionId: session, resolveAll: "USE_COUNTED" });
    expect(Object.fromEntries((await stockAfter(staff, open)).stock)).toEqual({ "shelf/1": 5, "shelf/2": 4 });
    expect(Object.fromEntries((await stockAfter(staff, 0)).stock)).toEqual({ "shelf/1": 5, "shelf/2": 4, "other/1": 2 });
  });

  it("an items-only blind session hides those items everywhere; cancelling it sends them again", async () => {
    const before = (await staff.pullAll(0)).cursor;
    const session = randomUUID();
    await run(staff, "count.start", { id: session, locationId: null, itemIds: [p.itemIds[0]!], blind: true });
    expect(Object.fromEntries((await stockAfter(staff, before)).stock)).toEqual({ "shelf/1": null, "other/1": null });
    expect(Object.fromEntries((await stockAfter(staff, 0)).stock)).toMatchObject({ "shelf/2": 4 });

    const open = (await staff.pullAll(0)).cursor;
    await run(staff, "count.cancel", { sessionId: session });
    expect(Object.fromEntries((await stockAfter(staff, open)).stock)).toEqual({ "shelf/1": 5, "other/1": 2 });
  });

  it("an app build from before blind counts is told to update when a pull would carry a withheld quantity, and syncs as before otherwise", async () => {
    // Replica 3: the last build whose row schema requires a stock quantity (it failed such a pull on every try).
    const oldBuild = (cursor: number) =>
      pullPage(t.db, staff.session, { clientId: staff.clientId, schemaVersion: NULL_QUANTITY_SCHEMA_VERSION - 1, cursor });
    const before = (await staff.pullAll(0)).cursor;
    expect((await oldBuild(0)).reset).toBe(false);
    const session = randomUUID();
    await run(admin, "count.start", { id: session, locationId: p.locationId, blind: true });
    await expect(oldBuild(before)).rejects.toMatchObject({ code: "SCHEMA_TOO_OLD", message: expect.stringMatching(/Update the app/) });
    await expect(oldBuild(0)).rejects.toMatchObject({ code: "SCHEMA_TOO_OLD" });
    // An admin's old build gets the quantities, which it can read; the current build gets the nulls.
    expect(
      (await pullPage(t.db, admin.session, { clientId: admin.clientId, schemaVersion: NULL_QUANTITY_SCHEMA_VERSION - 1, cursor: 0 }))
        .changes.length,
    ).toBeGreaterThan(0);
    expect(Object.fromEntries((await stockAfter(staff, before)).stock)).toEqual({ "shelf/1": null, "shelf/2": null });
    // Once the count is over, the old build syncs again (the rows come back with their quantities).
    await run(admin, "count.cancel", { sessionId: session });
    expect((await oldBuild(before)).changes.some((c) => c.entity === "inventory")).toBe(true);
  });

  it("a session that is not blind changes nothing in pulls", async () => {
    const before = (await staff.pullAll(0)).cursor;
    await run(staff, "count.start", { id: randomUUID(), locationId: p.locationId });
    expect((await stockAfter(staff, before)).stock.size).toBe(0);
    expect(Object.fromEntries((await stockAfter(staff, 0)).stock)).toEqual({ "shelf/1": 5, "shelf/2": 4, "other/1": 2 });
  });
});
