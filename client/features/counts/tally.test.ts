import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { countRecordLine } from "../../../shared/counts/mutations.js";
import type { CountLineRow, CountSessionRow } from "../../../shared/protocol/entities.js";
import { setMeta } from "../../replica/meta.js";
import { enqueueMutation } from "../../replica/outbox.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../../testing/fixtures.js";
import { ownCountNow, tallyOnce, type TallyKey } from "./tally.js";

const SHELF = uuid(1);
const ITEM = uuid(2);
const SESSION = uuid(3);
const DEVICE = uuid(10);
const OTHER_DEVICE = uuid(11);
const KEY: TallyKey = { sessionId: SESSION, itemId: ITEM, locationId: SHELF, batchId: null };

const session: CountSessionRow = {
  id: SESSION,
  version: 1,
  locationId: SHELF,
  includeSubLocations: false,
  itemIds: [],
  status: "IN_PROGRESS",
  blind: false,
  recountThresholdUnits: null,
  recountThresholdPct: null,
  name: null,
  note: null,
  startedById: null,
  completedById: null,
  completedAt: null,
  cancelledAt: null,
  zeroedUncounted: false,
  createdAt: "2026-12-01T08:00:00.000Z",
};

/** A line the server confirmed (it carries the device that counted it). */
function serverLine(n: number, clientId: string, countedQuantity: number, version: number): CountLineRow {
  return {
    id: uuid(100 + n),
    version,
    sessionId: SESSION,
    clientId,
    userId: uuid(20),
    itemId: ITEM,
    locationId: SHELF,
    batchId: null,
    countedQuantity,
    seenVersion: 1,
    seenQuantity: 40,
    onHandAtPush: 40,
    movementSinceSeen: 0,
    needsRecount: false,
    supersededById: null,
    createdAt: "2026-12-01T08:05:00.000Z",
  };
}

async function countingReplica() {
  const { db } = await freshReplica();
  await db.location.put(locationRow(SHELF));
  await db.item.put(itemRow(ITEM));
  await db.inventory.put(inventoryRow(uuid(4), SHELF, ITEM, 40));
  await db.countSession.put(session);
  await setMeta(db, "clientId", DEVICE);
  return db;
}

/** What the count screen does with a tally's count: the line goes to the replica and the outbox. */
const recordLine = (db: Awaited<ReturnType<typeof countingReplica>>) => (countedQuantity: number) =>
  enqueueMutation(db, countRecordLine, {
    id: crypto.randomUUID(),
    ...KEY,
    countedQuantity,
    seenVersion: 1,
    seenQuantity: 40,
    tally: true,
  });

describe("tally: every scan counts once", () => {
  it("five scans arriving together count five, each line one more than the last", async () => {
    const db = await countingReplica();
    // The scans do not wait for each other, as scanner reads do not wait for the screen.
    const counts = await Promise.all([1, 2, 3, 4, 5].map(() => tallyOnce(db, KEY, recordLine(db))));
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    expect(await ownCountNow(db, KEY)).toBe(5);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => (e.args as { countedQuantity: number }).countedQuantity)).toEqual([1, 2, 3, 4, 5]);
    // One line of the key stands: each tally replaced this device's previous one.
    const standing = (await db.countLine.toArray()).filter((l) => l.supersededById === null);
    expect(standing.map((l) => l.countedQuantity)).toEqual([5]);
  });

  it("adds to this device's count the server confirmed, not to another device's", async () => {
    const db = await countingReplica();
    await db.countLine.bulkPut([serverLine(1, DEVICE, 7, 5), serverLine(2, OTHER_DEVICE, 30, 6)]);
    expect(await ownCountNow(db, KEY)).toBe(7);
    await Promise.all([tallyOnce(db, KEY, recordLine(db)), tallyOnce(db, KEY, recordLine(db))]);
    expect(await ownCountNow(db, KEY)).toBe(9);
  });

  it("a refused tally counts nothing and the next scan counts from the count that stands", async () => {
    const db = await countingReplica();
    const refused = tallyOnce(db, KEY, () => Promise.reject(new Error("refused")));
    const next = tallyOnce(db, KEY, recordLine(db));
    await expect(refused).rejects.toThrow("refused");
    expect(await next).toBe(1);
  });
});
