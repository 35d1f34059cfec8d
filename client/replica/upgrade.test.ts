import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { REPLICA_SCHEMA_VERSION } from "../../shared/protocol/version.js";
import { inventoryRow, uuid } from "../testing/fixtures.js";
import { getMeta } from "./meta.js";
import { openReplica } from "./open.js";

/**
 * An app update that brings a newer replica schema (Dexie versions, REPLICA_SCHEMA_VERSION) must keep
 * the outbox, the refusals to review, the clientId and the seq counter: they exist nowhere else.
 */
describe("replica schema upgrade", () => {
  it("rebuilds replicated rows but keeps the outbox, the rejected list, the clientId and the seq counter", async () => {
    const name = `venzory-upgrade-${crypto.randomUUID()}`;
    // The database as the first released version wrote it: Dexie version 1, replica schema 1.
    const old = new Dexie(name);
    old.version(1).stores({
      location: "id, parentId, name",
      item: "id, name, gtin",
      batch: "id, itemId",
      inventory: "id, locationId, itemId, [locationId+itemId]",
      outbox: "seq, &id",
      rejected: "id, seq",
      shadows: "[entity+id]",
      meta: "key",
    });
    await old.open();
    const queued = { seq: 7, id: uuid(70), name: "stock.adjust", args: { quantity: -2 }, clientTime: "2026-11-30T08:00:00.000Z" };
    await old.table("outbox").add(queued);
    await old
      .table("rejected")
      .add({ id: uuid(60), seq: 6, name: "stock.adjust", args: {}, kind: "rejected", code: "X", message: "m", at: "t" });
    await old.table("location").add({ id: uuid(1), version: 3, parentId: null, name: "Old shape", archived: false });
    await old.table("meta").bulkAdd([
      { key: "clientId", value: uuid(99) },
      { key: "nextSeq", value: 8 },
      { key: "pushedSeq", value: 6 },
      { key: "cursor", value: 41 },
      { key: "replicaSchemaVersion", value: 1 },
    ]);
    old.close();

    const db = await openReplica(uuid(5), name);
    expect(await db.outbox.toArray()).toEqual([queued]);
    expect(await db.rejected.count()).toBe(1);
    expect(await getMeta(db, "clientId")).toBe(uuid(99));
    expect(await getMeta(db, "nextSeq")).toBe(8);
    expect(await getMeta(db, "pushedSeq")).toBe(6);
    // Rows of the old shape are gone and the cursor is back to 0, so the next pull rebuilds them.
    expect(await db.location.count()).toBe(0);
    expect(await getMeta(db, "cursor")).toBe(0);
    expect(await getMeta(db, "replicaSchemaVersion")).toBe(REPLICA_SCHEMA_VERSION);
    db.close();
  });

  it("moves stock rows into packs in place, keeping their shadows, when the stored rows are current", async () => {
    const name = `venzory-packs-${crypto.randomUUID()}`;
    // The last layout with one record per stock row: Dexie version 6 (tables this test does not use left out).
    const old = new Dexie(name);
    old.version(6).stores({
      location: "id, parentId, name",
      inventory: "id, itemId, [locationId+itemId]",
      outbox: "seq, &id",
      rejected: "id, seq",
      shadows: "[entity+id]",
      meta: "key",
    });
    await old.open();
    const rows = Array.from({ length: 40 }, (_, i) => inventoryRow(uuid(i + 1), uuid(100 + (i % 3)), uuid(200 + (i % 7)), i));
    await old.table("inventory").bulkAdd(rows);
    const shadow = { entity: "inventory", id: uuid(1), row: { ...rows[0], quantity: 5 } };
    await old.table("shadows").add(shadow);
    await old.table("meta").bulkAdd([
      { key: "clientId", value: uuid(99) },
      { key: "cursor", value: 41 },
      { key: "replicaSchemaVersion", value: REPLICA_SCHEMA_VERSION },
    ]);
    old.close();

    const db = await openReplica(uuid(5), name);
    expect(await db.inventory.toArray()).toEqual(rows);
    expect(await db.stock.count()).toBe(3);
    expect(await db.shadows.toArray()).toEqual([shadow]);
    expect(await getMeta(db, "cursor")).toBe(41);
    expect(db.tables.map((t) => t.name)).not.toContain("inventory");
    db.close();
  });
});
