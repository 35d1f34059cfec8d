import { describe, expect, it } from "vitest";
import { locationRow, uuid } from "../../testing/fixtures.js";
import { buildLocationTree, flattenTree, moveTargets, pathTo } from "./tree.js";

describe("location tree", () => {
  const rows = [
    locationRow(uuid(1), { name: "Stock room" }),
    locationRow(uuid(2), { name: "Shelf B", parentId: uuid(1) }),
    locationRow(uuid(3), { name: "Shelf A", parentId: uuid(1) }),
    locationRow(uuid(4), { name: "Old cupboard", archived: true }),
    locationRow(uuid(5), { name: "Orphan", parentId: uuid(99) }),
  ];

  it("nests, sorts by name, hides archived and keeps orphans at the top", () => {
    const tree = buildLocationTree(rows, false);
    expect(flattenTree(tree).map((n) => [n.location.name, n.depth])).toEqual([
      ["Orphan", 0],
      ["Stock room", 0],
      ["Shelf A", 1],
      ["Shelf B", 1],
    ]);
    expect(flattenTree(buildLocationTree(rows, true))).toHaveLength(5);
  });

  it("survives a cycle in bad data", () => {
    const cyclic = [locationRow(uuid(1), { parentId: uuid(2) }), locationRow(uuid(2), { parentId: uuid(1) })];
    expect(flattenTree(buildLocationTree(cyclic, false))).toHaveLength(2);
    expect(pathTo(cyclic, uuid(1)).length).toBeLessThanOrEqual(3);
  });

  it("gives the path from the root", () => {
    expect(pathTo(rows, uuid(2)).map((r) => r.name)).toEqual(["Stock room", "Shelf B"]);
  });
});

describe("moveTargets", () => {
  it("offers neither the location being moved nor anything inside it, nor archived ones", () => {
    const rows = [
      locationRow(uuid(1), { name: "Stock room" }),
      locationRow(uuid(2), { name: "Shelf", parentId: uuid(1) }),
      locationRow(uuid(3), { name: "Box", parentId: uuid(2) }),
      locationRow(uuid(4), { name: "Fridge" }),
      locationRow(uuid(5), { name: "Old", archived: true }),
    ];
    const tree = buildLocationTree(rows, true);
    expect(moveTargets(tree, uuid(1)).map((n) => n.location.name)).toEqual(["Fridge"]);
    expect(moveTargets(tree, uuid(2)).map((n) => n.location.name)).toEqual(["Fridge", "Stock room"]);
  });
});
