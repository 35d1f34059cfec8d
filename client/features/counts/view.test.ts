import { describe, expect, it } from "vitest";
import type { CountConflictRow, CountLineRow, CountSessionRow, SupplierItemRow } from "../../../shared/protocol/entities.js";
import { inventoryRow, itemRow, locationRow, uuid } from "../../testing/fixtures.js";
import {
  countAccuracy,
  deviceStandingLines,
  formatMoney,
  pendingForSession,
  preferredPrices,
  progressByLocation,
  reviewKeys,
  scopeLocationIds,
  stockInScope,
  summarise,
  varianceValue,
} from "./view.js";

const S = uuid(1);
const ROOM = uuid(2);
const SHELF = uuid(3);
const OTHER = uuid(4);
const ITEM_A = uuid(10);
const ITEM_B = uuid(11);
const DEV_1 = uuid(50);
const DEV_2 = uuid(51);

function line(id: number, over: Partial<CountLineRow>): CountLineRow {
  return {
    id: uuid(id),
    version: id,
    sessionId: S,
    clientId: DEV_1,
    userId: uuid(60),
    itemId: ITEM_A,
    locationId: SHELF,
    batchId: null,
    countedQuantity: 0,
    seenVersion: 1,
    seenQuantity: 0,
    onHandAtPush: 0,
    movementSinceSeen: 0,
    needsRecount: false,
    supersededById: null,
    createdAt: `2026-12-01T10:00:${String(id).padStart(2, "0")}.000Z`,
    ...over,
  };
}

function conflict(id: number, kind: CountConflictRow["kind"], over: Partial<CountConflictRow> = {}): CountConflictRow {
  return {
    id: uuid(id),
    version: 1,
    sessionId: S,
    itemId: ITEM_A,
    locationId: SHELF,
    batchId: null,
    kind,
    details: {},
    resolution: null,
    resolvedById: null,
    resolvedAt: null,
    createdAt: "2026-12-01T10:01:00.000Z",
    ...over,
  };
}

function session(over: Partial<CountSessionRow> = {}): CountSessionRow {
  return {
    id: S,
    version: 1,
    locationId: ROOM,
    includeSubLocations: true,
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
    createdAt: "2026-12-01T09:00:00.000Z",
    ...over,
  };
}

describe("scope and progress", () => {
  it("covers the location and, with sub-locations, what is under it (archived ones left out)", () => {
    const locations = [
      locationRow(ROOM),
      locationRow(SHELF, { parentId: ROOM }),
      locationRow(OTHER),
      locationRow(uuid(5), { parentId: SHELF, archived: true }),
    ];
    expect(scopeLocationIds(session(), locations)).toEqual([ROOM, SHELF]);
    expect(scopeLocationIds(session({ includeSubLocations: false }), locations)).toEqual([ROOM]);
    expect(scopeLocationIds(session({ locationId: null, itemIds: [ITEM_A] }), locations)).toBeNull();
  });

  it("counts keys per location: stock rows plus keys counted with no row; a superseded line does not count twice", () => {
    const stock = stockInScope(
      session(),
      [ROOM, SHELF],
      [
        inventoryRow(uuid(20), SHELF, ITEM_A, 5),
        inventoryRow(uuid(21), SHELF, ITEM_B, 0),
        inventoryRow(uuid(22), ROOM, ITEM_A, 2),
        inventoryRow(uuid(23), OTHER, ITEM_A, 9),
      ],
    );
    expect(stock).toHaveLength(3);
    const lines = [
      line(30, { countedQuantity: 4, supersededById: uuid(31) }),
      line(31, { countedQuantity: 5 }),
      line(32, { clientId: DEV_2, countedQuantity: 6 }),
      line(33, { locationId: ROOM, itemId: ITEM_B, countedQuantity: 1 }),
    ];
    expect(progressByLocation(stock, lines, [ROOM, SHELF])).toEqual([
      { locationId: ROOM, counted: 1, total: 2 },
      { locationId: SHELF, counted: 1, total: 2 },
    ]);
  });

  it("an item list narrows the stock in scope", () => {
    const rows = [inventoryRow(uuid(20), SHELF, ITEM_A, 5), inventoryRow(uuid(21), SHELF, ITEM_B, 1)];
    expect(stockInScope(session({ itemIds: [ITEM_B] }), null, rows).map((r) => r.itemId)).toEqual([ITEM_B]);
  });
});

describe("pendingForSession", () => {
  it("lists this session's outbox entries in order, placing conflict decisions by conflict id", () => {
    const outbox = [
      {
        seq: 3,
        name: "count.recordLine",
        args: { id: uuid(40), sessionId: S, itemId: ITEM_A, locationId: SHELF, batchId: null, countedQuantity: 7 },
        clientTime: "t3",
      },
      { seq: 1, name: "count.start", args: { id: S }, clientTime: "t1" },
      { seq: 2, name: "stock.adjust", args: { id: uuid(41), sessionId: S }, clientTime: "t2" },
      {
        seq: 4,
        name: "count.recordLine",
        args: { id: uuid(42), sessionId: uuid(99), itemId: ITEM_A, locationId: SHELF, countedQuantity: 1 },
        clientTime: "t4",
      },
      { seq: 5, name: "count.resolveConflict", args: { conflictId: uuid(70), choice: "USE_COUNTED" }, clientTime: "t5" },
      { seq: 6, name: "count.resolveConflict", args: { conflictId: uuid(71), choice: "USE_COUNTED" }, clientTime: "t6" },
    ];
    const pending = pendingForSession(outbox, S, new Set([uuid(70)]));
    expect(pending.map((p) => [p.seq, p.kind])).toEqual([
      [1, "start"],
      [3, "line"],
      [5, "resolve"],
    ]);
    expect(pending[1]).toMatchObject({ lineId: uuid(40), itemId: ITEM_A, locationId: SHELF, batchId: null, quantity: 7 });
  });
});

describe("review figures", () => {
  it("a double count decides by the chosen line, a stock-moved key by the chosen reading; old → new for both readings", () => {
    const lines = [
      line(30, { countedQuantity: 8, onHandAtPush: 10, movementSinceSeen: 3 }), // device 1 saw 7, stock +3 since
      line(31, { clientId: DEV_2, countedQuantity: 9, onHandAtPush: 10, movementSinceSeen: 0 }),
    ];
    const open = reviewKeys(lines, [conflict(70, "DOUBLE_COUNT"), conflict(71, "STOCK_MOVED")], () => 10);
    expect(open).toHaveLength(1);
    // Newest (device 2, no movement) decides by default.
    expect(open[0]).toMatchObject({ open: true, final: 9, variance: -1, choice: "USE_COUNTED" });

    const chosen = reviewKeys(
      lines,
      [
        conflict(70, "DOUBLE_COUNT", { resolution: "USE_COUNTED", details: { chosenLineId: uuid(30) } }),
        conflict(71, "STOCK_MOVED", { resolution: "USE_COUNTED_PLUS_MOVEMENTS" }),
      ],
      () => 12,
    ); // 2 more received after the push: kept on top
    expect(chosen[0]).toMatchObject({ open: false, choice: "USE_COUNTED_PLUS_MOVEMENTS", movementSinceSeen: 3 });
    expect(chosen[0]!.deciding.id).toBe(uuid(30));
    expect(chosen[0]!.finals).toEqual({ USE_COUNTED: 10, USE_COUNTED_PLUS_MOVEMENTS: 13 });
    expect(chosen[0]!.variance).toBe(1);
  });

  it("a line not pushed yet is judged against the current quantity", () => {
    const keys = reviewKeys([line(30, { clientId: null, onHandAtPush: null, movementSinceSeen: null, countedQuantity: 3 })], [], () => 5);
    expect(keys[0]).toMatchObject({ final: 3, variance: -2, open: false });
  });

  it("values variances at the preferred supplier's price, exactly, and counts the unpriced", () => {
    const items = [itemRow(ITEM_A, { defaultSupplierId: uuid(80) }), itemRow(ITEM_B, { defaultSupplierId: null })];
    let n = 100;
    const quote = (supplierId: string, itemId: string, unitPrice: string): SupplierItemRow => ({
      id: uuid(n++),
      version: 1,
      supplierId,
      itemId,
      supplierSku: null,
      unitPrice,
      currency: "GBP",
      packSize: 1,
      minimumOrder: 1,
      leadTimeDays: null,
    });
    const prices = preferredPrices(items, [
      quote(uuid(80), ITEM_A, "0.1250"),
      quote(uuid(81), ITEM_A, "9.0000"),
      quote(uuid(81), ITEM_B, "1.0000"),
    ]);
    expect(prices.get(ITEM_A)?.unitPrice).toBe("0.1250");
    expect(prices.has(ITEM_B)).toBe(false);
    const keys = reviewKeys(
      [line(30, { countedQuantity: 7, onHandAtPush: 10 }), line(31, { itemId: ITEM_B, countedQuantity: 5, onHandAtPush: 4 })],
      [],
      (k) => (k.startsWith(ITEM_A) ? 10 : 4),
    );
    const summary = summarise(keys, 3, [conflict(70, "DOUBLE_COUNT"), conflict(71, "STOCK_MOVED", { resolution: "USE_COUNTED" })], prices);
    expect(summary).toMatchObject({ keysCounted: 2, keysTotal: 5, openConflicts: 1, unpriced: 1 });
    expect(summary.valueByCurrency.get("GBP")).toBe(-3750n); // −3 × 0.1250
    expect(formatMoney(-3750n, "GBP")).toBe("−GBP 0.38");
    expect(varianceValue(2, "12.3400")).toBe(246800n);
    expect(varianceValue(2, null)).toBeNull();
  });
});

describe("countAccuracy", () => {
  it("shares of keys counted with no variance per location, from completed sessions only, blind-hidden figures left out", () => {
    const done = session({ status: "COMPLETED", completedAt: "2026-12-02T10:00:00.000Z" });
    const running = session({ id: uuid(2), status: "IN_PROGRESS" });
    const lines = [
      line(30, { countedQuantity: 5, onHandAtPush: 5 }), // exact
      line(31, { itemId: ITEM_B, countedQuantity: 4, onHandAtPush: 7, movementSinceSeen: 3 }), // exact when counted before the +3
      line(32, { locationId: ROOM, countedQuantity: 1, onHandAtPush: 2 }), // off by one
      line(33, { locationId: ROOM, itemId: ITEM_B, onHandAtPush: null, movementSinceSeen: null }), // figures withheld
      line(34, { sessionId: uuid(2), countedQuantity: 0, onHandAtPush: 9 }),
    ];
    const moved = conflict(70, "STOCK_MOVED", { itemId: ITEM_B, resolution: "USE_COUNTED_PLUS_MOVEMENTS" });
    const acc = countAccuracy([done, running], lines, [moved]);
    expect(acc.sort((a, b) => a.locationId.localeCompare(b.locationId))).toEqual([
      { locationId: ROOM, exact: 0, counted: 1, lastCompletedAt: "2026-12-02T10:00:00.000Z" },
      { locationId: SHELF, exact: 2, counted: 2, lastCompletedAt: "2026-12-02T10:00:00.000Z" },
    ]);
  });
});

describe("this device's standing lines", () => {
  it("keep only its newest line per key while the server's superseding is on its way; other devices' lines stay", () => {
    const confirmed = line(60, { clientId: DEV_1, countedQuantity: 1 });
    const confirmedLater = line(61, { clientId: DEV_1, countedQuantity: 2 });
    const pending = line(70, { clientId: null, version: 0, countedQuantity: 3, createdAt: "2026-12-01T07:00:00.000Z" });
    const other = line(62, { clientId: DEV_2, countedQuantity: 9 });
    expect(deviceStandingLines([pending, confirmedLater, other, confirmed], DEV_1).map((l) => l.countedQuantity)).toEqual([3, 9]);
    expect(deviceStandingLines([confirmed, other, confirmedLater], DEV_1).map((l) => l.countedQuantity)).toEqual([9, 2]);
    // Another device's view of the same lines: DEV_1's both stand there until the server supersedes the older one.
    expect(deviceStandingLines([confirmed, confirmedLater], DEV_2)).toHaveLength(2);
  });
});
