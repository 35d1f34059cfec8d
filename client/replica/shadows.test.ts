import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { EntityName } from "../../shared/protocol/entities.js";
import { freshReplica, locationRow, uuid } from "../testing/fixtures.js";
import { shadowedKeys } from "./shadows.js";

describe("shadowedKeys", () => {
  it("finds exactly the shadowed rows asked about, reading every key or only those asked about", async () => {
    const { db } = await freshReplica();
    // 25 shadows: a pending change to location 1..24 (row kept) and a pending creation of item 1 (null).
    await db.shadows.bulkPut([
      ...Array.from({ length: 24 }, (_, i) => ({ entity: "location" as const, id: uuid(i + 1), row: locationRow(uuid(i + 1)) })),
      { entity: "item", id: uuid(1), row: null },
    ]);
    const ask = (keys: Array<[EntityName, string]>) => shadowedKeys(db, keys).then((set) => [...set].sort());
    // One row asked about, 25 shadows: more than 20 per row, so the rows are read one by one.
    expect(await ask([["item", uuid(1)]])).toEqual([`item:${uuid(1)}`]);
    expect(await ask([["location", uuid(1)]])).toEqual([`location:${uuid(1)}`]);
    // The same id under another entity is another row.
    expect(await ask([["item", uuid(2)]])).toEqual([]);
    // Two rows asked about: every shadow key is read in one request; the answer is the same kind.
    expect(
      await ask([
        ["item", uuid(1)],
        ["location", uuid(30)],
      ]),
    ).toEqual([`item:${uuid(1)}`]);
    expect(
      await ask([
        ["location", uuid(2)],
        ["location", uuid(24)],
        ["item", uuid(2)],
      ]),
    ).toEqual([`location:${uuid(2)}`, `location:${uuid(24)}`]);
    expect(await ask([])).toEqual([]);
  });

  it("answers none without reading rows when nothing is shadowed", async () => {
    const { db } = await freshReplica();
    expect([...(await shadowedKeys(db, [["location", uuid(1)]]))]).toEqual([]);
  });
});
