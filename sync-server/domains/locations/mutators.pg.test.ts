import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { TestClient } from "../../../test/sync-client.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";

let t: TestDatabase;
let p: TestPractice;
let admin: TestClient;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db);
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
});
afterAll(() => t.drop());

async function one<N extends MutationName>(name: N, args: MutationInput<N>) {
  const res = await admin.push([admin.mutation(name, args)]);
  const r = res.results[0]!;
  return r.status === "rejected" ? r.code : r.status;
}

const create = (name: string, parentId: string | null = null) => {
  const id = randomUUID();
  return one("location.create", { id, name, parentId }).then((status) => ({ id, status }));
};

describe("location mutations", () => {
  it("creates nested locations and records who did it", async () => {
    const room = await create("Room 3");
    const shelf = await create("  Top shelf  ", room.id);
    expect([room.status, shelf.status]).toEqual(["applied", "applied"]);
    const row = await t.db.location.findUniqueOrThrow({ where: { id: shelf.id } });
    expect(row).toMatchObject({ name: "Top shelf", parentId: room.id, practiceId: p.practiceId });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: shelf.id } });
    expect(audit).toMatchObject({ action: "location.create", actorId: p.users.ADMIN.id, requestId: "test-request" });
  });

  it("renames and moves, but never under itself or a descendant", async () => {
    const a = await create("A");
    const b = await create("B", a.id);
    const c = await create("C", b.id);
    expect(await one("location.update", { id: a.id, parentId: c.id })).toBe("LOCATION_CYCLE");
    expect(await one("location.update", { id: a.id, parentId: a.id })).toBe("LOCATION_CYCLE");
    expect(await one("location.update", { id: c.id, parentId: null, name: "C moved" })).toBe("applied");
    expect(await t.db.location.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ parentId: null, name: "C moved" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: c.id, action: "location.update" } });
    expect(audit.changes).toMatchObject({ name: { from: "C", to: "C moved" }, parentId: { from: b.id, to: null } });
  });

  it("refuses to archive a location with stock or active children, then archives it once empty", async () => {
    const parent = await create("Cabinet");
    const child = await create("Drawer", parent.id);
    expect(await one("location.archive", { id: parent.id })).toBe("LOCATION_NOT_EMPTY");
    const adjustment = { locationId: child.id, itemId: p.itemIds[0]!, reason: "FOUND" as const };
    expect(await one("stock.adjust", { ...adjustment, id: randomUUID(), quantity: 4 })).toBe("applied");
    expect(await one("location.archive", { id: child.id })).toBe("LOCATION_NOT_EMPTY");
    expect(await one("stock.adjust", { ...adjustment, id: randomUUID(), quantity: -4, reason: "USED" })).toBe("applied");
    expect(await one("location.archive", { id: child.id })).toBe("applied");
    expect(await one("location.archive", { id: parent.id })).toBe("applied");
    expect(await one("stock.adjust", { ...adjustment, id: randomUUID(), quantity: 1 })).toBe("LOCATION_ARCHIVED");
    expect(await one("location.create", { id: randomUUID(), name: "Inside archived", parentId: parent.id })).toBe("LOCATION_ARCHIVED");
  });

  it("unarchives (parent first), records it, and the location takes stock again", async () => {
    const parent = await create("Old cabinet");
    const child = await create("Old drawer", parent.id);
    expect(await one("location.archive", { id: child.id })).toBe("applied");
    expect(await one("location.archive", { id: parent.id })).toBe("applied");
    expect(await one("location.unarchive", { id: child.id })).toBe("LOCATION_ARCHIVED"); // its parent is still archived
    expect(await one("location.unarchive", { id: parent.id })).toBe("applied");
    expect(await one("location.unarchive", { id: child.id })).toBe("applied");
    expect(await one("location.unarchive", { id: child.id })).toBe("CONFLICT"); // not archived any more
    expect((await t.db.location.findUniqueOrThrow({ where: { id: child.id } })).archived).toBe(false);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: child.id, action: "location.unarchive" } });
    expect(audit).toMatchObject({ actorId: p.users.ADMIN.id, entity: "location", changes: { archived: { from: true, to: false } } });
    expect(await one("stock.adjust", { id: randomUUID(), locationId: child.id, itemId: p.itemIds[0]!, quantity: 1, reason: "FOUND" })).toBe(
      "applied",
    );
    const staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
    expect((await staff.push([staff.mutation("location.unarchive", { id: parent.id })])).results[0]).toMatchObject({ code: "FORBIDDEN" });
  });

  it("treats another practice's location as not found, and staff cannot archive", async () => {
    const other = await makePractice(t.db);
    expect(await one("location.update", { id: other.locationId, name: "Hijacked" })).toBe("NOT_FOUND");
    expect(await one("location.create", { id: randomUUID(), name: "Under theirs", parentId: other.locationId })).toBe("NOT_FOUND");
    expect((await t.db.location.findUniqueOrThrow({ where: { id: other.locationId } })).name).toBe("Main store");
    const staff = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
    const res = await staff.push([staff.mutation("location.archive", { id: p.locationId })]);
    expect(res.results[0]).toMatchObject({ status: "rejected", code: "FORBIDDEN" });
  });

  it("refuses a duplicate id without revealing anything else", async () => {
    const { id } = await create("Original");
    // The id may be another practice's: "already exists" would confirm it, so the refusal is neutral.
    expect(await one("location.create", { id, name: "Copy", parentId: null })).toBe("CONFLICT");
    const other = await makePractice(t.db);
    expect(await one("location.create", { id: other.locationId, name: "Copy", parentId: null })).toBe("CONFLICT");
  });

  it("refuses a second sibling with the same name (any case), by create, rename, move or restore", async () => {
    const room = await create("Sibling room");
    const fridge = await create("Fridge", room.id);
    const taken = await one("location.create", { id: randomUUID(), name: "  fridge ", parentId: room.id });
    expect(taken).toBe("ALREADY_EXISTS");
    const res = await admin.push([admin.mutation("location.create", { id: randomUUID(), name: "FRIDGE", parentId: room.id })]);
    expect(res.results[0]).toMatchObject({ message: 'There is already a location named "Fridge" here. Choose another name.' });
    // The same name elsewhere in the tree is fine: "Fridge" in another room is a different place.
    const other = await create("Other room");
    const otherFridge = await create("Fridge", other.id);
    expect(otherFridge.status).toBe("applied");
    expect(await one("location.update", { id: otherFridge.id, parentId: room.id })).toBe("ALREADY_EXISTS");
    const freezer = await create("Freezer", room.id);
    expect(await one("location.update", { id: freezer.id, name: "fridge" })).toBe("ALREADY_EXISTS");
    expect(await one("location.update", { id: fridge.id, name: "Fridge" })).toBe("applied"); // keeping its own name
    // An archived sibling frees its name; restoring it while the name is taken is refused.
    expect(await one("location.archive", { id: freezer.id })).toBe("applied");
    expect((await create("Freezer", room.id)).status).toBe("applied");
    expect(await one("location.unarchive", { id: freezer.id })).toBe("ALREADY_EXISTS");
  });
});
