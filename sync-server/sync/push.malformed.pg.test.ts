/**
 * A malformed mutation is one mutation's refusal, never the whole push's "retry": names that are keys
 * of Object.prototype, and text PostgreSQL cannot store, are rejected with a stable code, consume their
 * seq, and leave the good mutations of the same chunk applied (in both transaction shapes).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { TestClient } from "../../test/sync-client.js";
import type { PushMode } from "./push.js";

const f = practiceFixture();

describe.each<PushMode>(["per-mutation", "per-batch"])("malformed mutations (%s)", (mode) => {
  const client = () => new TestClient(f.t.db, { practiceId: f.p.practiceId, userId: f.p.users.ADMIN.id, role: "ADMIN" }, mode);
  // Sibling locations need distinct names (shared rule), so each default name is unique.
  const create = (c: TestClient, name = `Shelf ${randomUUID().slice(0, 8)}`) =>
    c.mutation("location.create", { id: randomUUID(), name, parentId: null });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__lookupGetter__"])(
    "a mutation named %j is rejected UNKNOWN_MUTATION between two that apply",
    async (name) => {
      const c = client();
      const [before, bad, after] = [create(c), c.rawMutation(name, {}), create(c)];
      const res = await c.push([before, bad, after]);
      expect(res).toEqual({
        lastSeq: 3,
        results: [
          { seq: 1, id: before.id, status: "applied" },
          { seq: 2, id: bad.id, status: "rejected", code: "UNKNOWN_MUTATION", message: `Unknown mutation "${name}".` },
          { seq: 3, id: after.id, status: "applied" },
        ],
      });
    },
  );

  it.each([
    ["location name with NUL", (c: TestClient) => create(c, "Shelf\u0000A")],
    ["location name with an unpaired surrogate", (c: TestClient) => create(c, "Shelf \ud800")],
    ["practice name with NUL", (c: TestClient) => c.mutation("practice.updateDetails", { name: "Practice\u0000" })],
    [
      "practice address with NUL",
      (c: TestClient) => c.mutation("practice.updateDetails", { name: "Practice", addressLine: "1 Road\u0000" }),
    ],
    [
      "stock note with NUL",
      (c: TestClient) =>
        c.mutation("stock.adjust", {
          id: randomUUID(),
          locationId: f.p.locationId,
          itemId: f.p.itemIds[0]!,
          quantity: 1,
          reason: "FOUND",
          note: "\u0000",
        }),
    ],
    [
      "stock note with a lone low surrogate",
      (c: TestClient) =>
        c.mutation("stock.adjust", {
          id: randomUUID(),
          locationId: f.p.locationId,
          itemId: f.p.itemIds[0]!,
          quantity: 1,
          reason: "FOUND",
          note: "a\udc00",
        }),
    ],
    ["invite email with NUL", (c: TestClient) => c.mutation("member.invite", { id: randomUUID(), email: "a\u0000@b.test", role: "STAFF" })],
  ])("a %s is rejected VALIDATION_FAILED and the next mutation applies", async (_label, make) => {
    const c = client();
    const [bad, after] = [make(c), create(c)];
    const res = await c.push([bad, after]);
    expect(res.stopped).toBeUndefined();
    expect(res.results).toEqual([
      { seq: 1, id: bad.id, status: "rejected", code: "VALIDATION_FAILED", message: expect.any(String) },
      { seq: 2, id: after.id, status: "applied" },
    ]);
    expect(res.lastSeq).toBe(2);
  });
});
