import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import { stockAdjust } from "../../shared/mutations/index.js";
import { listWaitingOnDevice } from "../features/sync/waitingOnDevice.js";
import { inventoryRow, itemRow, locationRow, uuid } from "../testing/fixtures.js";
import { memoryStorage } from "../testing/memoryStorage.js";
import { legacyReplicaName, listDeviceReplicas, userReplicaName } from "./deviceReplicas.js";
import { getMeta } from "./meta.js";
import { openReplica } from "./open.js";
import { enqueueMutation } from "./outbox.js";
import { openUserReplica } from "./userReplica.js";

const LOC = uuid(1);
const ITEM = uuid(2);
const owner = (practiceId: string, userId: string, userName: string) => ({ practiceId, practiceName: "Riverside", userId, userName });

async function queueRemoval(db: Awaited<ReturnType<typeof openReplica>>, quantity: number) {
  await db.location.put(locationRow(LOC, { name: "Shelf A" }));
  await db.item.put(itemRow(ITEM, { name: "Alcohol wipes" }));
  await db.inventory.put(inventoryRow(uuid(3), LOC, ITEM, 50));
  await enqueueMutation(db, stockAdjust, { id: crypto.randomUUID(), locationId: LOC, itemId: ITEM, quantity: -quantity, reason: "USED" });
}

describe("replicas per user on a shared device", () => {
  it("gives each user their own replica, clientId and outbox, and lists the others' waiting changes", async () => {
    const storage = memoryStorage();
    const practice = crypto.randomUUID();
    const staff = await openUserReplica(owner(practice, uuid(10), "Sam Staff"), storage);
    await queueRemoval(staff, 8);
    await queueRemoval(staff, 2);
    const staffClient = await getMeta(staff, "clientId");
    staff.close();

    const admin = await openUserReplica(owner(practice, uuid(11), "Alex Admin"), storage);
    expect(admin.name).toBe(userReplicaName(practice, uuid(11)));
    expect(await getMeta(admin, "clientId")).not.toBe(staffClient);
    expect(await admin.outbox.count()).toBe(0);
    expect(await getMeta(admin, "nextSeq")).toBeUndefined(); // its seqs start at 1

    const forAnyone = await listWaitingOnDevice(storage, { exceptDbName: admin.name });
    expect(forAnyone.map((w) => [w.userName, w.count, w.changes])).toEqual([["Sam Staff", 2, undefined]]);
    const forAdmin = await listWaitingOnDevice(storage, { exceptDbName: admin.name, detailsForPractice: practice });
    expect(forAdmin[0]!.changes!.map((c) => c.text)).toEqual([
      "Remove 8 Alcohol wipes from Shelf A",
      "Remove 2 Alcohol wipes from Shelf A",
    ]);
    admin.close();

    // Sam comes back: the same replica, changes still queued under the same clientId.
    const again = await openUserReplica(owner(practice, uuid(10), "Sam Staff"), storage);
    expect(await getMeta(again, "clientId")).toBe(staffClient);
    expect(await again.outbox.count()).toBe(2);
    again.close();
  });

  it("adopts a pre-update replica only for the user the server bound it to, keeping its outbox", async () => {
    const storage = memoryStorage();
    const practice = crypto.randomUUID();
    const legacy = await openReplica(practice, legacyReplicaName(practice));
    await queueRemoval(legacy, 1);
    legacy.close();

    const other = await openUserReplica(owner(practice, uuid(20), "Vic Viewer"), storage, async () => "other");
    expect(other.name).toBe(userReplicaName(practice, uuid(20)));
    other.close();
    expect(listDeviceReplicas(storage).find((r) => r.dbName === legacyReplicaName(practice))?.userId).toBeNull();
    expect((await listWaitingOnDevice(storage, { exceptDbName: other.name })).map((w) => w.count)).toEqual([1]);

    const mine = await openUserReplica(owner(practice, uuid(21), "Sam Staff"), storage, async () => "mine");
    expect(mine.name).toBe(legacyReplicaName(practice));
    expect(await mine.outbox.count()).toBe(1);
    expect(await mine.location.count()).toBe(0); // pulled again under this user's role
    expect(await getMeta(mine, "cursor")).toBe(0);
    mine.close();
  });

  it("deletes a pre-update replica nobody waits for", async () => {
    const storage = memoryStorage();
    const practice = crypto.randomUUID();
    (await openReplica(practice, legacyReplicaName(practice))).close();
    const db = await openUserReplica(owner(practice, uuid(30), "Alex Admin"), storage, async () => "mine");
    expect(db.name).toBe(userReplicaName(practice, uuid(30)));
    expect(await Dexie.exists(legacyReplicaName(practice))).toBe(false);
    db.close();
  });
});
