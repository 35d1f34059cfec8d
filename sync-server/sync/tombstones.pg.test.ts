import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { makePractice, type TestPractice } from "../../test/factories.js";
import { TestClient } from "../../test/sync-client.js";
import { pruneTombstones } from "./tombstones.js";
import { nextVersion } from "./versions.js";

let t: TestDatabase;
let p: TestPractice;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db);
});
afterAll(() => t.drop());

async function tombstone(ageDays: number) {
  return t.db.$transaction(async (tx) => {
    const version = await nextVersion(tx, p.practiceId);
    await tx.tombstone.create({ data: { practiceId: p.practiceId, entity: "location", entityId: randomUUID(), version, createdAt: new Date(Date.now() - ageDays * 86_400_000) } });
    return Number(version);
  });
}

it("prunes expired tombstones and sends older cursors to reset, newer ones on as before", async () => {
  const client = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
  const { cursor: before } = await client.pullAll();
  const oldVersion = await tombstone(40);
  const recentVersion = await tombstone(1);
  expect(await pruneTombstones(t.db, 30)).toBe(1);
  expect(await t.db.tombstone.count({ where: { practiceId: p.practiceId } })).toBe(1);
  expect((await t.db.practiceVersion.findUniqueOrThrow({ where: { practiceId: p.practiceId } })).minRetainedVersion).toBe(BigInt(oldVersion));
  // The client last pulled before the pruned delete: it could miss it, so it must rebuild.
  expect((await client.pull(before)).reset).toBe(true);
  const page = await client.pull(oldVersion);
  expect(page.reset).toBe(false);
  expect(page.deletes).toHaveLength(1);
  expect(recentVersion).toBeGreaterThan(oldVersion);
});
