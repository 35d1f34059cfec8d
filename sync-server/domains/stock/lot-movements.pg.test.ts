import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser } from "../../../test/http.js";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { startTestServer } from "../../../test/server.js";
import { TestClient } from "../../../test/sync-client.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import { batchIdFor } from "../../../shared/stock/batch-id.js";
import { lotMovements } from "./lot-movements.js";

let t: TestDatabase;
let p: TestPractice;
let other: TestPractice;
let admin: TestClient;
let vaccine: string;
let fridge: string;
let lot: string;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 2, password: "lot-movements-pw-1" });
  other = await makePractice(t.db, { items: 1 });
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  vaccine = p.itemIds[0]!;
  fridge = randomUUID();
  await one("location.create", { id: fridge, name: "Fridge", parentId: null });
  lot = await batchIdFor(vaccine, "REC-1");
  await one("batch.create", { id: lot, itemId: vaccine, lot: "REC-1", expiry: "2027-05-00" });
  await one("stock.adjust", {
    id: randomUUID(),
    locationId: p.locationId,
    itemId: vaccine,
    batchId: lot,
    quantity: 20,
    reason: "OPENING_BALANCE",
  });
  await one("stock.transfer", {
    id: randomUUID(),
    itemId: vaccine,
    batchId: lot,
    fromLocationId: p.locationId,
    toLocationId: fridge,
    quantity: 8,
  });
  await one("stock.consume", { id: randomUUID(), locationId: fridge, itemId: vaccine, batchId: lot, quantity: 3 });
  // Another lot of the same item: its lines must not show up under REC-1.
  const otherLot = await batchIdFor(vaccine, "REC-2");
  await one("batch.create", { id: otherLot, itemId: vaccine, lot: "REC-2", expiry: null });
  await one("stock.adjust", {
    id: randomUUID(),
    locationId: p.locationId,
    itemId: vaccine,
    batchId: otherLot,
    quantity: 5,
    reason: "FOUND",
  });
});
afterAll(() => t.drop());

async function one<N extends MutationName>(name: N, args: MutationInput<N>) {
  const r = (await admin.push([admin.mutation(name, args)])).results[0]!;
  expect(r.status).toBe("applied");
}

describe("lot movements", () => {
  it("lists every ledger line of the lot, newest first, in pages that join up", async () => {
    const all = await lotMovements(t.db, { practiceId: p.practiceId }, lot, { limit: 50 });
    // The transfer is one mutation but two ledger lines; newest first (ties broken by id, so no fixed kind order).
    expect(all.movements.map((m) => [m.kind, m.locationId, m.delta]).sort()).toEqual(
      [
        ["ADJUSTMENT", p.locationId, 20],
        ["CONSUMPTION", fridge, -3],
        ["TRANSFER_IN", fridge, 8],
        ["TRANSFER_OUT", p.locationId, -8],
      ].sort(),
    );
    expect(all.movements[0]!.kind).toBe("CONSUMPTION");
    expect(all.movements.at(-1)!.kind).toBe("ADJUSTMENT");
    const adminName = (await t.db.user.findUniqueOrThrow({ where: { id: p.users.ADMIN.id } })).name;
    expect(all.movements.every((m) => m.actorName === adminName)).toBe(true);
    expect(all.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await lotMovements(t.db, { practiceId: p.practiceId }, lot, { limit: 3, cursor });
      expect(page.movements.length).toBeLessThanOrEqual(3);
      seen.push(...page.movements.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.movements.map((m) => m.id));
  });

  it("another practice's lot is not found, by the service and over HTTP; bad input is a 400", async () => {
    const foreignLot = await batchIdFor(other.itemIds[0]!, "THEIRS");
    await t.db.batch.create({ data: { id: foreignLot, practiceId: other.practiceId, itemId: other.itemIds[0]!, lot: "THEIRS" } });
    await expect(lotMovements(t.db, { practiceId: p.practiceId }, foreignLot, { limit: 50 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const server = await startTestServer(t.url);
    try {
      const browser = new Browser(server.url);
      expect((await browser.post("/api/auth/login", { email: p.users.STAFF.email, password: "lot-movements-pw-1" })).status).toBe(200);
      const mine = await browser.get(`/api/stock/lots/${lot}/movements?limit=2`);
      expect(mine.status).toBe(200);
      expect(mine.json.movements).toHaveLength(2);
      expect(mine.json.nextCursor).toEqual(expect.any(String));
      const next = await browser.get(`/api/stock/lots/${lot}/movements?limit=2&cursor=${encodeURIComponent(mine.json.nextCursor)}`);
      expect(next.json.movements).toHaveLength(2);
      expect(next.json.nextCursor).toBeNull();

      const theirs = await browser.get(`/api/stock/lots/${foreignLot}/movements`);
      expect(theirs.status).toBe(404);
      expect(JSON.stringify(theirs.json)).not.toContain(other.practiceId);
      expect((await browser.get(`/api/stock/lots/${lot}/movements?limit=1000`)).status).toBe(400);
      expect((await browser.get(`/api/stock/lots/${lot}/movements?cursor=junk`)).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
