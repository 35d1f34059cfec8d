/**
 * Statements per mutation on the push path, by kind: the figure the profile showed to drive the push's CPU
 * (each statement costs a round trip and the ORM's per-query work). Measured as the difference between a
 * chunk of 41 and a chunk of 1, so the fixed costs of a push (client lock, version, stored results) drop out.
 */
import { countStatements } from "../../test/statement-counter.js";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MutationName } from "../../shared/mutations/index.js";
import type { PushMutation } from "../../shared/protocol/push.js";
import { practiceFixture } from "../../test/fixtures.js";
import { TestClient } from "../../test/sync-client.js";

const f = practiceFixture({ items: 4 });

const statements = countStatements();

const admin = () => new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.ADMIN.id, role: "ADMIN" }, "per-batch", 50);

/** Statements per mutation of the kind `make` builds (all must apply). */
async function perMutation(c: TestClient, make: (i: number) => PushMutation, name: MutationName): Promise<number> {
  let next = 0;
  const run = async (n: number) => {
    const batch = Array.from({ length: n }, () => make(next++));
    const s0 = statements.count;
    const res = await c.push(batch);
    // A count line over stock moved since it was seen is stored as a conflict: written all the same.
    expect(
      res.results.filter((r) => r.status !== "applied" && r.status !== "conflict"),
      name,
    ).toEqual([]);
    return statements.count - s0;
  };
  await run(1); // registers the client
  const one = await run(1);
  const many = await run(41);
  const per = (many - one) / 40;
  console.log(`statements per ${name}: ${per}`);
  return per;
}

// A 13-digit GTIN with a valid check digit, distinct for each i.
function gtin13(i: number): string {
  const body = `400${String(1_000_000_000 + i).slice(1)}`;
  const sum = [...body].reduce((s, d, k) => s + Number(d) * (k % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

describe("statements per mutation on the push path", () => {
  it("a lone stock.adjust push (what a tablet sends after each change): seven statements", async () => {
    const c = new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.STAFF.id, role: "STAFF" }, "per-mutation");
    const adjust = () =>
      c.mutation("stock.adjust", { id: randomUUID(), locationId: f.p.locationId, itemId: f.p.itemIds[0]!, quantity: 1, reason: "FOUND" });
    await c.push([adjust()]); // registers the client
    const s0 = statements.count;
    expect((await c.push([adjust()])).results[0]?.status).toBe("applied");
    // BEGIN; client lock, practice context and version in one (app_push_begin); the item and location
    // check; the ledger statement; the adjustment row; the stored result with lastSeq; COMMIT. No
    // savepoint: a lone mutation that is refused is redone with one (push.pg.test.ts covers refusals).
    expect(statements.count - s0).toBe(7);
  });

  it("stock.adjust: savepoint, one check of location+item, the ledger statement and the adjustment row", async () => {
    const c = admin();
    const per = await perMutation(
      c,
      (i) =>
        c.mutation("stock.adjust", {
          id: randomUUID(),
          locationId: f.p.locationId,
          itemId: f.p.itemIds[i % 4]!,
          quantity: 1,
          reason: "FOUND",
        }),
      "stock.adjust",
    );
    expect(per).toBeLessThanOrEqual(4);
  });

  it("item.create with and without a GTIN, and supplierItem.set (a CSV import's mutations)", async () => {
    const c = admin();
    const tag = randomUUID().slice(0, 8);
    const plain = await perMutation(
      c,
      (i) => c.mutation("item.create", { id: randomUUID(), name: `Plain ${tag} ${i}`, sku: `P-${tag}-${i}` }),
      "item.create",
    );
    const created: string[] = [];
    const withGtin = await perMutation(
      c,
      (i) => {
        const id = randomUUID();
        created.push(id);
        return c.mutation("item.create", {
          id,
          name: `Scanned ${tag} ${i}`,
          sku: `G-${tag}-${i}`,
          gtin: gtin13((Number.parseInt(tag.slice(0, 6), 16) % 100_000) * 100 + i),
        });
      },
      "item.create",
    );
    const supplierId = randomUUID();
    expect((await c.push([c.mutation("supplier.create", { id: supplierId, name: `Supplier ${tag}` })])).results[0]?.status).toBe("applied");
    const price = await perMutation(
      c,
      (i) => c.mutation("supplierItem.set", { id: randomUUID(), supplierId, itemId: created[i]!, unitPrice: "1.2500", preferred: true }),
      "supplierItem.set",
    );
    console.log(JSON.stringify({ plain, withGtin, price }));
    expect(plain).toBeLessThanOrEqual(4);
    expect(price).toBeLessThanOrEqual(6);
  });

  it("count.recordLine (figure only: its rules need the line's context read and one write)", async () => {
    const c = admin();
    const sessionId = randomUUID();
    expect((await c.push([c.mutation("count.start", { id: sessionId, locationId: f.p.locationId })])).results[0]?.status).toBe("applied");
    await perMutation(
      c,
      (i) =>
        c.mutation("count.recordLine", {
          id: randomUUID(),
          sessionId,
          itemId: f.p.itemIds[i % 4]!,
          locationId: f.p.locationId,
          countedQuantity: 3,
          seenVersion: null,
          seenQuantity: null,
        }),
      "count.recordLine",
    );
  });
});
