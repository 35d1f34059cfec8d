import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { stockAdjust } from "../../../shared/mutations/index.js";
import { getMeta, setMeta } from "../../replica/meta.js";
import { dropConfirmed, enqueueMutation } from "../../replica/outbox.js";
import { rebaseInTx } from "../../replica/rebase.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../../testing/fixtures.js";
import { readSyncOverview } from "./data.js";

const LOC = uuid(1);
const ITEM = uuid(2);
const adjust = (quantity: number) => ({
  id: crypto.randomUUID(),
  locationId: LOC,
  itemId: ITEM,
  quantity,
  reason: "COUNT_CORRECTION" as const,
});

describe("readSyncOverview", () => {
  it("lists changes with an apply error whenever a rebase may have left some, and counts the outbox", async () => {
    const { db } = await freshReplica();
    await db.location.put(locationRow(LOC));
    await db.item.put(itemRow(ITEM));
    await db.inventory.put(inventoryRow(uuid(3), LOC, ITEM, 10));
    // A replica from before the count (no meta value): entries are read.
    await db.outbox.add({
      seq: 99,
      id: uuid(99),
      name: "stock.adjust",
      args: {},
      clientTime: "",
      applyError: { code: "X", message: "Old" },
    });
    expect((await readSyncOverview(db)).mayBeRejected.map((e) => e.message)).toEqual(["Old"]);
    await dropConfirmed(db, 99);
    // A rebase records how many it left with an error (none here).
    await db.transaction("rw", db.tables, () => rebaseInTx(db));
    expect(await getMeta(db, "outboxApplyErrors")).toBe(0);
    await enqueueMutation(db, stockAdjust, adjust(-8));
    await enqueueMutation(db, stockAdjust, adjust(1));
    expect(await readSyncOverview(db)).toMatchObject({ pending: 2, mayBeRejected: [] });

    // What a rebase leaves when the first change no longer applies (its error, and the count).
    await db.outbox.update(1, { applyError: { code: "INSUFFICIENT_STOCK", message: "Not enough stock" } });
    await setMeta(db, "outboxApplyErrors", 1);
    expect((await readSyncOverview(db)).mayBeRejected.map((e) => [e.seq, e.message])).toEqual([[1, "Not enough stock"]]);

    // The entry leaves the outbox (the count is now too high): the list stays exact.
    await dropConfirmed(db, 1);
    expect(await readSyncOverview(db)).toMatchObject({ pending: 1, mayBeRejected: [] });
  });
});
