import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { TestClient } from "../../test/sync-client.js";
import { pruneTombstones } from "./tombstones.js";
import { nextVersion } from "./versions.js";

const f = practiceFixture();

async function tombstone(ageDays: number) {
  return f.t.db.$transaction(async (tx) => {
    const version = await nextVersion(tx, f.p.practiceId);
    await tx.tombstone.create({
      data: {
        practiceId: f.p.practiceId,
        entity: "location",
        entityId: randomUUID(),
        version,
        createdAt: new Date(Date.now() - ageDays * 86_400_000),
      },
    });
    return Number(version);
  });
}

it("prunes expired tombstones and sends older cursors to reset, newer ones on as before", async () => {
  const client = new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.STAFF.id, role: "STAFF" });
  const { cursor: before } = await client.pullAll();
  const oldVersion = await tombstone(40);
  const recentVersion = await tombstone(1);
  expect(await pruneTombstones(f.t.db, 30)).toBe(1);
  expect(await f.t.db.tombstone.count({ where: { practiceId: f.p.practiceId } })).toBe(1);
  expect((await f.t.db.practiceVersion.findUniqueOrThrow({ where: { practiceId: f.p.practiceId } })).minRetainedVersion).toBe(
    BigInt(oldVersion),
  );
  // The client last pulled before the pruned delete: it could miss it, so it must rebuild.
  expect((await client.pull(before)).reset).toBe(true);
  const page = await client.pull(oldVersion);
  expect(page.reset).toBe(false);
  expect(page.deletes).toHaveLength(1);
  expect(recentVersion).toBeGreaterThan(oldVersion);
});
