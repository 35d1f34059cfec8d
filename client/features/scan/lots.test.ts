import { describe, expect, it } from "vitest";
import type { LocationRow } from "../../../shared/protocol/entities.js";
import { locationPath } from "./lots.js";

const loc = (id: string, name: string, parentId: string | null = null): LocationRow => ({
  id,
  name,
  parentId,
  archived: false,
  version: 1,
});

describe("location path for lot recall", () => {
  it("names the location from the root down", () => {
    const byId = new Map([loc("m", "Main"), loc("s", "Store", "m"), loc("a", "Shelf A", "s")].map((l) => [l.id, l]));
    expect(locationPath(byId, "a")).toBe("Main › Store › Shelf A");
  });

  it("stops at a missing parent or a cycle instead of looping", () => {
    const byId = new Map([loc("x", "X", "y"), loc("y", "Y", "x"), loc("o", "Orphan", "gone")].map((l) => [l.id, l]));
    expect(locationPath(byId, "x")).toBe("Y › X");
    expect(locationPath(byId, "o")).toBe("Orphan");
  });
});
