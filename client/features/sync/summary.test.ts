import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshReplica, itemRow, locationRow, uuid } from "../../testing/fixtures.js";
import { describeInReplica } from "./describeInReplica.js";
import { summaryText } from "./SyncStatus.js";

const base = { pending: 0, toReview: 0, online: true, pushError: null, paused: false };

describe("sync summary", () => {
  it('says "All changes synced" only when nothing is queued and nothing waits for review', () => {
    expect(summaryText(base)).toBe("All changes synced");
    expect(summaryText({ ...base, toReview: 1 })).toBe("Nothing waiting to send");
    expect(summaryText({ ...base, pending: 2 })).toBe("2 pending");
    // Grouped as the import screen writes it ("Apply 10,020 changes").
    expect(summaryText({ ...base, pending: 10_020 })).toBe(`${(10_020).toLocaleString()} pending`);
    expect(summaryText({ ...base, pending: 10_020 })).not.toBe("10020 pending");
  });
  it("never says all is synced on a device that has not synced yet (a new tablet before its first pull)", () => {
    expect(summaryText({ ...base, neverSynced: true })).toBe("Not synced yet");
    expect(summaryText({ ...base, neverSynced: true, pending: 2 })).toBe("2 pending");
  });
  it("says pushes fail, and why, while they do; and that sync is paused", () => {
    expect(summaryText({ ...base, pending: 2, pushError: "Down." })).toBe("2 not sent: Down.");
    expect(summaryText({ ...base, pending: 2, pushError: "Down.", online: false })).toBe("2 pending");
    expect(summaryText({ ...base, pending: 2, paused: true })).toBe("Sync paused, 2 not sent");
  });
});

describe("describeInReplica", () => {
  it("names the item and places of a stock change, and offers a redo", async () => {
    const { db } = await freshReplica();
    await db.item.put(itemRow(uuid(2), { name: "Alcohol wipes" }));
    await db.location.bulkPut([locationRow(uuid(1), { name: "Shelf A" }), locationRow(uuid(3), { name: "Fridge" })]);
    const adjust = { locationId: uuid(1), itemId: uuid(2), quantity: -8 };
    expect(await describeInReplica(db, "stock.adjust", adjust)).toEqual({
      text: "Remove 8 Alcohol wipes from Shelf A",
      itemId: uuid(2),
      redo: { name: "stock.adjust", quantity: -8 },
    });
    const move = { itemId: uuid(2), fromLocationId: uuid(1), toLocationId: uuid(3), quantity: 2 };
    expect((await describeInReplica(db, "stock.transfer", move)).text).toBe("Move 2 Alcohol wipes from Shelf A to Fridge");
    expect((await describeInReplica(db, "stock.consume", { ...adjust, itemId: uuid(9), quantity: 1 })).text).toBe(
      "Use 1 unknown item from Shelf A",
    );
    expect(await describeInReplica(db, "location.archive", { id: uuid(1) })).toEqual({ text: "Archive location", itemId: undefined });
  });
});
