/**
 * The recount prompt: a count far from what was expected (over the session's threshold) asks its
 * counter to count again before it is final; a deliberate recount of that key is final whatever it says.
 * A tally (one more per scan) is not a recount: each tally line is judged on its own, so a tally that
 * ends far off still asks for a recount.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { TestClient } from "../../../test/sync-client.js";
import type { MutationInput, MutationName } from "../../../shared/mutations/index.js";
import type { MutationOutcome } from "../../../shared/protocol/push.js";

let t: TestDatabase;
let p: TestPractice;
let admin: TestClient;
let tablet: TestClient;
beforeAll(async () => {
  t = await testDatabase();
  p = await makePractice(t.db, { items: 2 });
  admin = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.ADMIN.id, role: "ADMIN" });
  tablet = new TestClient(t.db, { practiceId: p.practiceId, userId: p.users.STAFF.id, role: "STAFF" });
});
afterAll(() => t.drop());

async function run<N extends MutationName>(c: TestClient, name: N, args: MutationInput<N>): Promise<string> {
  const o: MutationOutcome = (await c.push([c.mutation(name, args)])).results[0]!;
  return o.status === "rejected" || o.status === "conflict" ? `${o.status}:${o.code}` : o.status;
}

async function session(itemId: string) {
  expect(await run(admin, "stock.adjust", { id: randomUUID(), locationId: p.locationId, itemId, quantity: 10, reason: "FOUND" })).toBe(
    "applied",
  );
  const id = randomUUID();
  expect(await run(tablet, "count.start", { id, locationId: p.locationId, recountThreshold: { kind: "units", value: 2 } })).toBe("applied");
  const version = Number((await t.db.inventory.findFirstOrThrow({ where: { practiceId: p.practiceId, itemId } })).version);
  return (countedQuantity: number, tally = false) =>
    run(tablet, "count.recordLine", {
      id: randomUUID(),
      sessionId: id,
      itemId,
      locationId: p.locationId,
      countedQuantity,
      seenVersion: version,
      seenQuantity: 10,
      tally,
    });
}

describe("recount prompt", () => {
  it("a count over the threshold asks for a recount; the keypad recount is final", async () => {
    const count = await session(p.itemIds[0]!);
    expect(await count(6)).toBe("conflict:NEEDS_RECOUNT");
    expect(await count(5)).toBe("applied");
  });

  it("a tally is judged scan by scan: it asks for a recount until it comes within the threshold", async () => {
    const count = await session(p.itemIds[1]!);
    expect(await count(1, true)).toBe("conflict:NEEDS_RECOUNT");
    expect(await count(2, true)).toBe("conflict:NEEDS_RECOUNT"); // not a recount: one more scan
    expect(await count(8, true)).toBe("applied"); // within 2 of 10
    expect(await count(9, true)).toBe("applied");
  });
});
