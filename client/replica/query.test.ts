import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshReplica, locationRow, uuid } from "../testing/fixtures.js";
import { readAllInSlices } from "./query.js";

describe("readAllInSlices", () => {
  it("reads every row once, in key order, whatever the slice size", async () => {
    const { db } = await freshReplica();
    // Added out of order: the slices follow the primary key, not insertion.
    await db.location.bulkPut([7, 3, 1, 6, 2, 5, 4].map((n) => locationRow(uuid(n))));
    const ids = [1, 2, 3, 4, 5, 6, 7].map(uuid);
    for (const slice of [1, 2, 3, 7, 8, 100]) {
      expect((await readAllInSlices(db.location, slice)).map((r) => r.id)).toEqual(ids);
    }
  });

  it("reads an empty table as no rows", async () => {
    const { db } = await freshReplica();
    expect(await readAllInSlices(db.location, 2)).toEqual([]);
  });
});
