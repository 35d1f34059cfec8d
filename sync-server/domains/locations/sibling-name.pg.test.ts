/**
 * Two active sibling locations cannot share a name: the shared rule under the practice lock, and the
 * database's unique index (Location_sibling_name_key) behind it. Racing creates end with one location
 * and one refusal that says why; a write that skips the rule is refused by the index, and push answers
 * that as a refusal too, never a 500.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { TestClient } from "../../../test/sync-client.js";
import { asBusinessError } from "../../sync/db-errors.js";

let t: TestDatabase;
let p: TestPractice;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db);
});
afterAll(() => t.drop());

const tablet = () => new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });

/** Inserts a location as a path that skips the shared rule would (straight into the table). */
const insertRaw = (name: string, parentId: string | null, archived = false) =>
  t.db.location.create({ data: { practiceId: p.practiceId, name, parentId, archived, version: 1n } });

describe("sibling location names", () => {
  it("two tablets creating the same name under one parent at once: one location, one clear refusal", async () => {
    const room = randomUUID();
    const setup = tablet();
    await setup.push([setup.mutation("location.create", { id: room, name: "Room 7", parentId: null })]);
    const [a, b] = [tablet(), tablet()];
    const results = await Promise.all(
      [a, b].map((c, i) =>
        c.push([c.mutation("location.create", { id: randomUUID(), name: i === 0 ? "Fridge" : " fridge ", parentId: room })]),
      ),
    );
    const outcomes = results.map((r) => r.results[0]!).sort((x, y) => x.status.localeCompare(y.status));
    expect(outcomes.map((o) => o.status)).toEqual(["applied", "rejected"]);
    expect(outcomes[1]).toMatchObject({
      code: "ALREADY_EXISTS",
      message: expect.stringMatching(/already a location named "\s*fridge\s*" here/i),
    });
    expect(results.every((r) => r.stopped === undefined)).toBe(true);
    expect(await t.db.location.count({ where: { parentId: room } })).toBe(1);
  });

  it("the database refuses a second active sibling of the same name (any case, spaces around), also at the top level", async () => {
    const room = await insertRaw("Room 8", null);
    await insertRaw("Shelf", room.id);
    const refusal = await insertRaw(" SHELF ", room.id).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Error);
    expect(asBusinessError(refusal)).toMatchObject({ code: "ALREADY_EXISTS" });
    await expect(insertRaw("room 8", null)).rejects.toThrow();
    // Another parent, or an archived sibling, does not hold the name.
    const other = await insertRaw("Room 9", null);
    await expect(insertRaw("Shelf", other.id)).resolves.toMatchObject({ name: "Shelf" });
    await expect(insertRaw("Drawer", room.id, true)).resolves.toBeTruthy();
    await expect(insertRaw("Drawer", room.id, true)).resolves.toBeTruthy();
    await expect(insertRaw("Drawer", room.id)).resolves.toBeTruthy();
  });
});
