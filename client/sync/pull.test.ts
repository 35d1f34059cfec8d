import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { locationCreate, stockAdjust } from "../../shared/mutations/index.js";
import type { PullRequest, PullResponse } from "../../shared/protocol/pull.js";
import { createApiClient } from "../api/http.js";
import { ProtocolError } from "../api/errors.js";
import { getMeta, setMeta } from "../replica/meta.js";
import { enqueueMutation } from "../replica/outbox.js";
import type { ReplicaDb } from "../replica/db.js";
import { queryRows } from "../replica/query.js";
import { REBASE_BACKLOG_LIMIT, rebaseInTx } from "../replica/rebase.js";
import { applyServerDelete, applyServerRow, getShadow } from "../replica/shadows.js";
import { emptyPage, fakeSyncFetch } from "../testing/fakeServer.js";
import { freshReplica, inventoryRow, itemRow, locationRow, uuid } from "../testing/fixtures.js";
import { pullAll } from "./pull.js";
import { httpTransport, type SyncTransport } from "./transport.js";

const LOC = uuid(1);
const ITEM = uuid(2);
const INV = uuid(3);

/** A replica holding one location with 10 of one item, as the server sent it at version 3. */
async function synced() {
  const replica = await freshReplica();
  const { db } = replica;
  await db.location.put(locationRow(LOC));
  await db.item.put(itemRow(ITEM));
  await db.inventory.put(inventoryRow(INV, LOC, ITEM, 10));
  await setMeta(db, "cursor", 3);
  return replica;
}

/** A transport whose pull answers the scripted pages in order, recording the requests. */
function scriptedPull(pages: PullResponse[]) {
  const requests: PullRequest[] = [];
  const { fetch } = fakeSyncFetch({
    pull: (req) => {
      requests.push(req);
      const page = pages.shift();
      if (!page) throw new Error("unexpected pull");
      return page;
    },
  });
  return { transport: httpTransport(createApiClient({ fetch, readCookie: () => undefined })), requests };
}

const adjust = (quantity: number) => ({ id: crypto.randomUUID(), locationId: LOC, itemId: ITEM, quantity, reason: "USED" as const });
const invChange = (quantity: number, version: number, id = INV) => ({
  entity: "inventory" as const,
  row: inventoryRow(id, LOC, ITEM, quantity, { version }),
});

describe("pull and rebase", () => {
  it("stores each stock row of a first sync once, at its latest value, also when it comes on two pages", async () => {
    const { db } = await freshReplica();
    const OTHER = uuid(4);
    // INV changed on the server while the first sync ran: the third page sends it again.
    const { transport } = scriptedPull([
      emptyPage(3, 0, { hasMore: true, changes: [invChange(10, 2), invChange(4, 3, OTHER)] }),
      emptyPage(5, 0, { hasMore: true, changes: [{ entity: "location", row: locationRow(LOC, { version: 5 }) }] }),
      emptyPage(7, 0, { changes: [invChange(15, 7)] }),
    ]);
    await pullAll(db, transport);
    expect(await db.inventory.toArray()).toEqual([
      inventoryRow(INV, LOC, ITEM, 15, { version: 7 }),
      inventoryRow(OTHER, LOC, ITEM, 4, { version: 3 }),
    ]);
    expect((await db.stock.toArray()).flatMap((p) => p.ids).sort()).toEqual([INV, OTHER]);
  });

  it("marks the pages of a sync that started from 0 (first sync, or after a reset) as initial, and no others", async () => {
    const { db } = await freshReplica();
    const first = scriptedPull([emptyPage(3, 0, { hasMore: true }), emptyPage(5, 0)]);
    await pullAll(db, first.transport);
    expect(first.requests.map((r) => [r.cursor, r.initial])).toEqual([
      [0, true],
      [3, true],
    ]);
    const later = scriptedPull([emptyPage(0, 0, { reset: true }), emptyPage(6, 0)]);
    await pullAll(db, later.transport);
    expect(later.requests.map((r) => [r.cursor, r.initial])).toEqual([
      [5, false],
      [0, true],
    ]);
  });

  it("sends the answers it holds (pushedSeq) with each page's request, read again for every page after the first", async () => {
    const { db } = await synced();
    await setMeta(db, "pushedSeq", 2);
    const requests: PullRequest[] = [];
    const pages = [emptyPage(4, 0, { hasMore: true }), emptyPage(5, 0, { hasMore: true }), emptyPage(6, 0)];
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error("unexpected push")),
      pull: async (req) => {
        requests.push(req);
        // A push's answer recorded while the first page is on its way: the next request must carry it.
        if (requests.length === 1) await setMeta(db, "pushedSeq", 3);
        return pages.shift()!;
      },
    };
    await pullAll(db, transport);
    expect(requests.map((r) => [r.cursor, r.knownSeq])).toEqual([
      [3, 2],
      [4, 3],
      [5, 3],
    ]);
  });

  it("reads the next request's pushedSeq inside the page's transaction, not in one the page would wait behind", async () => {
    // Every transaction IndexedDB is asked for while the pull runs, in order. Dexie binds the method
    // when it opens a database, so it is wrapped before the replica opens.
    const modes: IDBTransactionMode[] = [];
    let recording = false;
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase["transaction"]>) {
      if (recording) modes.push(args[1] ?? "readonly");
      return open.apply(this, args);
    };
    try {
      const { db } = await synced();
      const { transport } = scriptedPull([emptyPage(4, 0, { hasMore: true }), emptyPage(5, 0, { hasMore: true }), emptyPage(6, 0)]);
      recording = true;
      await pullAll(db, transport);
    } finally {
      IDBDatabase.prototype.transaction = open;
    }
    // Reads before the first request (clientId, cursor, pushedSeq), then only the pages' own writes.
    const firstWrite = modes.indexOf("readwrite");
    expect(firstWrite).toBeGreaterThan(0);
    expect(modes.slice(firstWrite)).toEqual(["readwrite", "readwrite", "readwrite"]);
  });

  it("asks for the next page only once all of this page's writes are sent to IndexedDB", async () => {
    const { db } = await synced();
    const events: string[] = [];
    const write = db.writeRows.bind(db);
    db.writeRows = (entity, puts, deletes, hints) => {
      events.push(`write ${entity}`);
      return write(entity, puts, deletes, hints);
    };
    const { fetch } = fakeSyncFetch({
      pull: (req) => {
        events.push(`request ${req.cursor}`);
        return req.cursor === 3
          ? emptyPage(4, 0, {
              hasMore: true,
              changes: [{ entity: "location", row: locationRow(uuid(60), { version: 4 }) }, invChange(7, 4)],
            })
          : emptyPage(5, 0);
      },
    });
    await pullAll(db, httpTransport(createApiClient({ fetch, readCookie: () => undefined })));
    expect(events).toEqual(["request 3", "write location", "write inventory", "request 4"]);
    expect((await db.inventory.get(INV))?.quantity).toBe(7);
  });

  it("shows a refusal whose push answer was lost before dropping the consumed entry", async () => {
    const { db } = await synced();
    const entry = await enqueueMutation(db, stockAdjust, adjust(-5));
    const { transport, requests } = scriptedPull([
      emptyPage(4, 1, {
        outcomes: [
          { seq: 1, id: entry.id, status: "rejected", code: "INSUFFICIENT_STOCK", message: "Only 2 in stock here; cannot remove 5." },
        ],
      }),
    ]);
    await pullAll(db, transport);
    expect(requests[0]).toMatchObject({ knownSeq: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejected.toArray()).toEqual([expect.objectContaining({ id: entry.id, kind: "rejected", code: "INSUFFICIENT_STOCK" })]);
    expect((await db.inventory.get(INV))?.quantity).toBe(10);
  });

  it("puts a row a pending mutation touched into its shadow and rebases the pending effect on top", async () => {
    const { db } = await synced();
    await enqueueMutation(db, stockAdjust, adjust(5));
    expect((await db.inventory.get(INV))?.quantity).toBe(15);

    // Another device added 10: the server row is now 20, our +5 is not consumed yet (lastSeq 0).
    const { transport, requests } = scriptedPull([emptyPage(4, 0, { changes: [invChange(20, 4)] })]);
    await pullAll(db, transport);

    expect(requests[0]).toMatchObject({ cursor: 3, schemaVersion: REPLICA_SCHEMA_VERSION, clientId: await getMeta(db, "clientId") });
    expect((await db.inventory.get(INV))?.quantity).toBe(25);
    expect((await getShadow(db, "inventory", INV))?.row?.quantity).toBe(20);
    expect(await db.outbox.count()).toBe(1);
    expect(await getMeta(db, "cursor")).toBe(4);
  });

  it("drops a confirmed mutation and shows exactly the server row afterwards", async () => {
    const { db } = await synced();
    await enqueueMutation(db, stockAdjust, adjust(5));
    await enqueueMutation(db, stockAdjust, adjust(1));

    // The server consumed seq 1 only: its row includes +5; our +1 is still pending.
    const { transport } = scriptedPull([emptyPage(5, 1, { changes: [invChange(15, 5)] })]);
    const outcome = await pullAll(db, transport);

    expect(outcome.confirmed).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([2]);
    expect((await db.inventory.get(INV))?.quantity).toBe(16);

    const second = scriptedPull([emptyPage(6, 2, { changes: [invChange(16, 6)] })]);
    await pullAll(db, second.transport);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    expect((await db.inventory.get(INV))?.quantity).toBe(16);
  });

  it("replaces a row created optimistically with the server's own row once confirmed", async () => {
    const { db } = await synced();
    const OTHER_ITEM = uuid(20);
    await db.item.put(itemRow(OTHER_ITEM));
    await enqueueMutation(db, stockAdjust, { ...adjust(4), itemId: OTHER_ITEM });
    const optimistic = await queryRows(db, "inventory", { locationId: LOC, itemId: OTHER_ITEM });
    expect(optimistic.map((r) => r.quantity)).toEqual([4]);

    const serverRow = { entity: "inventory" as const, row: inventoryRow(uuid(21), LOC, OTHER_ITEM, 4, { version: 4 }) };
    await pullAll(db, scriptedPull([emptyPage(4, 1, { changes: [serverRow] })]).transport);

    const rows = await queryRows(db, "inventory", { locationId: LOC, itemId: OTHER_ITEM });
    expect(rows).toEqual([serverRow.row]);
  });

  it("keeps a mutation pending, without effect, when it no longer applies, and re-applies it later", async () => {
    const { db } = await synced();
    await enqueueMutation(db, stockAdjust, adjust(-8));
    expect((await db.inventory.get(INV))?.quantity).toBe(2);

    // Someone used 7 meanwhile: only 3 left on the server, so -8 cannot apply locally.
    await pullAll(db, scriptedPull([emptyPage(4, 0, { changes: [invChange(3, 4)] })]).transport);
    const [entry] = await db.outbox.toArray();
    expect(entry?.seq).toBe(1);
    expect(entry?.applyError).toMatchObject({ code: "INSUFFICIENT_STOCK" });
    expect((await db.inventory.get(INV))?.quantity).toBe(3);
    expect(await db.shadows.count()).toBe(0);

    // Stock arrives: the mutation applies again and loses its warning.
    await pullAll(db, scriptedPull([emptyPage(5, 0, { changes: [invChange(20, 5)] })]).transport);
    expect((await db.inventory.get(INV))?.quantity).toBe(12);
    expect((await db.outbox.get(1))?.applyError).toBeNull();
  });

  it("turns a server delete of a pending row into an absent shadow", async () => {
    const { db } = await synced();
    await enqueueMutation(db, stockAdjust, adjust(1));
    await pullAll(db, scriptedPull([emptyPage(4, 0, { deletes: [{ entity: "inventory", id: INV }] })]).transport);
    // The row is gone on the server; re-applying +1 creates a fresh optimistic row (shadow "absent").
    expect(await db.inventory.get(INV)).toBeUndefined();
    const rows = await queryRows(db, "inventory", { locationId: LOC, itemId: ITEM });
    expect(rows.map((r) => r.quantity)).toEqual([1]);
    expect((await db.shadows.get(["inventory", rows[0]!.id]))?.row).toBeNull();
  });

  it("follows hasMore, one transaction per page, and rebases only after the last page", async () => {
    const { db } = await synced();
    const { transport, requests } = scriptedPull([
      emptyPage(10, 0, { hasMore: true, changes: [{ entity: "location", row: locationRow(uuid(30), { version: 10 }) }] }),
      emptyPage(12, 0, { changes: [{ entity: "location", row: locationRow(uuid(31), { version: 12 }) }] }),
    ]);
    const outcome = await pullAll(db, transport);
    expect(requests.map((r) => r.cursor)).toEqual([3, 10]);
    expect(outcome.pages).toBe(2);
    expect(await db.location.count()).toBe(3);
    expect(await getMeta(db, "cursor")).toBe(12);
    expect(await getMeta(db, "lastSyncAt")).toBeTypeOf("string");
  });

  it("reports progress after each applied page, marking a pull from an empty replica as initial", async () => {
    const { db } = await freshReplica();
    const { transport, requests } = scriptedPull([
      emptyPage(10, 0, { hasMore: true, changes: [{ entity: "location", row: locationRow(uuid(30), { version: 10 }) }] }),
      emptyPage(12, 0, {
        changes: [{ entity: "location", row: locationRow(uuid(31), { version: 12 }) }],
        deletes: [{ entity: "location", id: uuid(30) }],
      }),
    ]);
    const progress: unknown[] = [];
    await pullAll(db, transport, { onProgress: (p) => progress.push(p) });
    expect(requests.map((r) => r.cursor)).toEqual([0, 10]);
    expect(progress).toEqual([
      { pages: 1, changes: 1, initial: true, hasMore: true },
      { pages: 2, changes: 3, initial: true, hasMore: false },
    ]);
    expect((await db.location.toArray()).map((l) => l.id)).toEqual([uuid(31)]);
  });

  it("applies nothing from a page with an invalid row", async () => {
    const { db } = await synced();
    const bad = { entity: "inventory" as const, row: { id: uuid(40), version: 4, quantity: "lots" } };
    const good = { entity: "location" as const, row: locationRow(uuid(41), { version: 4 }) };
    await expect(pullAll(db, scriptedPull([emptyPage(4, 0, { changes: [good, bad] })]).transport)).rejects.toBeInstanceOf(ProtocolError);
    expect(await db.location.get(uuid(41))).toBeUndefined();
    expect(await getMeta(db, "cursor")).toBe(3);
  });

  it("applies nothing from a page whose row is not an object, and keeps only a row's known fields", async () => {
    const { db } = await synced();
    for (const row of [null, "row", [uuid(42)]]) {
      const bad = { entity: "location" as const, row: row as unknown as Record<string, unknown> };
      const good = { entity: "location" as const, row: locationRow(uuid(41), { version: 4 }) };
      await expect(pullAll(db, scriptedPull([emptyPage(4, 0, { changes: [good, bad] })]).transport)).rejects.toBeInstanceOf(ProtocolError);
    }
    expect(await db.location.get(uuid(41))).toBeUndefined();
    // The page's check leaves the keys to the entity's schema, which drops the ones it does not know.
    const extra = { ...locationRow(uuid(41), { version: 4 }), "\u0000odd key": "x", role: "ADMIN" };
    await pullAll(db, scriptedPull([emptyPage(4, 0, { changes: [{ entity: "location", row: extra }] })]).transport);
    expect(await db.location.get(uuid(41))).toEqual(locationRow(uuid(41), { version: 4 }));
  });

  it("on reset clears the replica but keeps outbox, rejected list and clientId, then rebuilds from 0", async () => {
    const { db } = await synced();
    const clientId = await getMeta(db, "clientId");
    await db.location.put(locationRow(uuid(50))); // A row the server no longer has.
    await enqueueMutation(db, locationCreate, { id: uuid(51), name: "Crash trolley", parentId: LOC });
    await enqueueMutation(db, stockAdjust, adjust(2));
    await db.rejected.put({ id: uuid(52), seq: 99, name: "stock.adjust", args: {}, kind: "rejected", code: "X", message: "old", at: "" });

    const { transport, requests } = scriptedPull([
      emptyPage(0, 0, { reset: true }),
      emptyPage(7, 0, {
        changes: [
          { entity: "location", row: locationRow(LOC, { version: 2 }) },
          { entity: "item", row: itemRow(ITEM, { version: 2 }) },
          invChange(30, 7),
        ],
      }),
    ]);
    const outcome = await pullAll(db, transport);

    expect(outcome.reset).toBe(true);
    expect(requests.map((r) => r.cursor)).toEqual([3, 0]);
    expect(await getMeta(db, "clientId")).toBe(clientId);
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(["location.create", "stock.adjust"]);
    expect(await db.rejected.count()).toBe(1);
    expect(await db.location.get(uuid(50))).toBeUndefined();
    // Pending effects re-applied over the rebuilt replica.
    expect((await db.location.get(uuid(51)))?.name).toBe("Crash trolley");
    expect((await db.inventory.get(INV))?.quantity).toBe(32);
    expect(await getMeta(db, "cursor")).toBe(7);
  });

  it("applies a large page in bulk exactly as row by row, rebasing pending mutations on top", async () => {
    const ITEM2 = uuid(70);
    const INV2 = uuid(71);
    const newItems = Array.from({ length: 120 }, (_, i) => uuid(1000 + i));
    const newInv = newItems.map((_, i) => uuid(2000 + i));
    // Same state in both replicas: three pending mutations shadow INV, INV2 and nothing else.
    async function prepared() {
      const { db } = await synced();
      await db.item.put(itemRow(ITEM2));
      await db.inventory.put(inventoryRow(INV2, LOC, ITEM2, 7));
      let n = 0;
      const opts = { newId: () => uuid(500 + ++n), now: () => new Date("2026-01-01T00:00:00Z") };
      await enqueueMutation(db, stockAdjust, { ...adjust(5), id: uuid(80) }, opts);
      await enqueueMutation(db, stockAdjust, { ...adjust(-3), id: uuid(81), itemId: ITEM2 }, opts);
      await enqueueMutation(db, stockAdjust, { ...adjust(1), id: uuid(82) }, opts);
      return db;
    }
    // More than 50 rows per table (Dexie's bulk path), a shadowed row sent twice, an unshadowed row sent
    // and then deleted, a shadowed row deleted, an unshadowed row renamed.
    const changes: PullResponse["changes"] = [
      ...newItems.map((id) => ({ entity: "item" as const, row: itemRow(id, { version: 4 }) })),
      invChange(18, 4),
      ...newItems.map((itemId, i) => ({ entity: "inventory" as const, row: inventoryRow(newInv[i]!, LOC, itemId, i + 1, { version: 4 }) })),
      invChange(20, 4),
      { entity: "location", row: locationRow(LOC, { version: 4, name: "Treatment room" }) },
    ];
    const deletes: PullResponse["deletes"] = [
      { entity: "inventory", id: newInv[5]! },
      { entity: "inventory", id: INV2 },
    ];

    const bulk = await prepared();
    await pullAll(bulk, scriptedPull([emptyPage(4, 0, { changes, deletes })]).transport);

    // The reference: the row-by-row apply and the rebase, as pull.ts did them before.
    const reference = await prepared();
    await reference.transaction("rw", reference.tables, async () => {
      for (const c of changes) await applyServerRow(reference, c.entity, c.row as never);
      for (const d of deletes) await applyServerDelete(reference, d.entity, d.id);
      await rebaseInTx(reference);
    });

    expect(await dump(bulk)).toEqual(await dump(reference));
    expect((await bulk.inventory.get(INV))?.quantity).toBe(26);
    expect((await getShadow(bulk, "inventory", INV))?.row?.quantity).toBe(20);
    expect(await bulk.inventory.get(INV2)).toBeUndefined();
    // -3 no longer applies to the deleted row: it stays queued, marked, and leaves no shadow behind.
    expect(await getShadow(bulk, "inventory", INV2)).toBeUndefined();
    expect((await bulk.outbox.toArray()).map((e) => e.applyError?.code ?? null)).toEqual([null, "INSUFFICIENT_STOCK", null]);
    expect(await bulk.inventory.get(newInv[5]!)).toBeUndefined();
    expect((await bulk.inventory.get(newInv[6]!))?.quantity).toBe(7);
    expect(await bulk.item.count()).toBe(122);
    expect((await bulk.location.get(LOC))?.name).toBe("Treatment room");
    expect(await getMeta(bulk, "cursor")).toBe(4);
  });

  it("keeps the old replica visible when the pull after a reset fails", async () => {
    const { db } = await synced();
    let calls = 0;
    const { fetch } = fakeSyncFetch({ pull: () => (++calls === 1 ? emptyPage(0, 0, { reset: true }) : { networkError: true }) });
    const transport = httpTransport(createApiClient({ fetch, readCookie: () => undefined }));
    await expect(pullAll(db, transport)).rejects.toThrow();
    expect(calls).toBe(2);
    expect((await db.inventory.get(INV))?.quantity).toBe(10);
    expect(await getMeta(db, "cursor")).toBe(3);
  });
});

/** Every replicated table, the shadows and the outbox, in key order. */
async function dump(db: ReplicaDb) {
  const [location, item, batch, inventory, shadows, outbox] = await Promise.all([
    db.location.toArray(),
    db.item.toArray(),
    db.batch.toArray(),
    db.inventory.toArray(),
    db.shadows.toArray(),
    db.outbox.toArray(),
  ]);
  return { location, item, batch, inventory, shadows, outbox };
}

describe("a rebase put off while a large backlog is sent", () => {
  it("waits while more than REBASE_BACKLOG_LIMIT changes are queued, then happens at the next pull, even one that moves nothing", async () => {
    const { db } = await synced();
    for (let i = 0; i < REBASE_BACKLOG_LIMIT + 3; i++) await enqueueMutation(db, stockAdjust, adjust(1));
    const queued = 10 + REBASE_BACKLOG_LIMIT + 3;
    expect((await db.inventory.get(INV))?.quantity).toBe(queued);

    // Another device adds 100 (server row 112 with our first two), two consumed: with 501 still queued
    // the row keeps its optimistic figure and the rebase is owed.
    const first = scriptedPull([emptyPage(4, 2, { changes: [invChange(112, 4)] })]);
    await pullAll(db, first.transport);
    expect(await db.outbox.count()).toBe(REBASE_BACKLOG_LIMIT + 1);
    expect(await getMeta(db, "rebaseOwed")).toBe(true);
    expect((await db.inventory.get(INV))?.quantity).toBe(queued);

    // One more consumed: the backlog is at the limit, the rebase happens.
    const second = scriptedPull([emptyPage(5, 3, { changes: [invChange(113, 5)] })]);
    await pullAll(db, second.transport);
    expect(await getMeta(db, "rebaseOwed")).toBe(false);
    expect((await db.inventory.get(INV))?.quantity).toBe(113 + REBASE_BACKLOG_LIMIT);

    // An owed rebase also runs on a pull that brings nothing (here: owed by a refusal during the backlog).
    await setMeta(db, "rebaseOwed", true);
    await db.inventory.put({ ...(await db.inventory.get(INV))!, quantity: 0 });
    const third = scriptedPull([emptyPage(5, 3)]);
    await pullAll(db, third.transport);
    expect(await getMeta(db, "rebaseOwed")).toBe(false);
    expect((await db.inventory.get(INV))?.quantity).toBe(113 + REBASE_BACKLOG_LIMIT);
  });
});
