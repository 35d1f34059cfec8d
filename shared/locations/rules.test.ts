import { describe, expect, it } from "vitest";
import { assertCanArchive, assertCanUnarchive, assertLocationActive, assertNoCycle, assertSiblingNameFree } from "./rules.js";

const tree = [
  { id: "root", parentId: null },
  { id: "a", parentId: "root" },
  { id: "b", parentId: "a" },
  { id: "c", parentId: "b" },
  { id: "x", parentId: null },
];

describe("assertNoCycle", () => {
  it("allows moves to the top, across branches and under a sibling", () => {
    expect(() => assertNoCycle(tree, "b", null)).not.toThrow();
    expect(() => assertNoCycle(tree, "b", "x")).not.toThrow();
    expect(() => assertNoCycle(tree, "x", "c")).not.toThrow();
  });

  it("refuses a move under itself or any descendant", () => {
    expect(() => assertNoCycle(tree, "a", "a")).toThrow(expect.objectContaining({ code: "LOCATION_CYCLE" }));
    expect(() => assertNoCycle(tree, "a", "c")).toThrow(expect.objectContaining({ code: "LOCATION_CYCLE" }));
    expect(() => assertNoCycle(tree, "root", "b")).toThrow(expect.objectContaining({ code: "LOCATION_CYCLE" }));
  });

  it("terminates on corrupt data that already holds a loop", () => {
    const looped = [
      { id: "p", parentId: "q" },
      { id: "q", parentId: "p" },
    ];
    expect(() => assertNoCycle(looped, "z", "p")).not.toThrow();
  });
});

describe("assertCanArchive", () => {
  it("refuses while stock or active children remain, and says which", () => {
    expect(() => assertCanArchive(0, 2)).toThrow(/sub-location/);
    expect(() => assertCanArchive(5, 0)).toThrow(/5 unit/);
    expect(() => assertCanArchive(0, 0)).not.toThrow();
  });
});

describe("assertLocationActive (client apply and server mutators alike)", () => {
  it("passes an active location through and refuses a missing or archived one with one message", () => {
    const shelf = { id: "s", name: "Shelf", archived: false };
    expect(assertLocationActive(shelf)).toBe(shelf);
    expect(() => assertLocationActive(undefined)).toThrow(expect.objectContaining({ code: "NOT_FOUND", message: "Location not found." }));
    expect(() => assertLocationActive({ ...shelf, archived: true })).toThrow(
      expect.objectContaining({ code: "LOCATION_ARCHIVED", message: 'Location "Shelf" is archived.' }),
    );
  });
});

describe("assertCanUnarchive", () => {
  it("restores an archived location under an active parent or at the top, not under an archived one", () => {
    expect(() => assertCanUnarchive({ archived: true }, null)).not.toThrow();
    expect(() => assertCanUnarchive({ archived: true }, { name: "Room", archived: false })).not.toThrow();
    expect(() => assertCanUnarchive({ archived: true }, { name: "Room", archived: true })).toThrow(
      expect.objectContaining({ code: "LOCATION_ARCHIVED" }),
    );
    expect(() => assertCanUnarchive({ archived: false }, null)).toThrow(expect.objectContaining({ code: "CONFLICT" }));
  });
});

describe("assertSiblingNameFree", () => {
  const siblings = [
    { id: "f", parentId: "room", name: "Fridge", archived: false },
    { id: "o", parentId: "room", name: "Old shelf", archived: true },
    { id: "t", parentId: null, name: "Store", archived: false },
  ];
  it("refuses an active sibling's name whatever the case or spaces, with a message naming it", () => {
    expect(() => assertSiblingNameFree(siblings, { id: "n", parentId: "room", name: " FRIDGE " })).toThrow(
      expect.objectContaining({ code: "ALREADY_EXISTS", message: 'There is already a location named "Fridge" here. Choose another name.' }),
    );
    expect(() => assertSiblingNameFree(siblings, { id: "n", parentId: null, name: "store" })).toThrow(
      expect.objectContaining({ code: "ALREADY_EXISTS" }),
    );
  });
  it("allows the location its own name, an archived sibling's name, and the name under another parent", () => {
    expect(() => assertSiblingNameFree(siblings, { id: "f", parentId: "room", name: "fridge" })).not.toThrow();
    expect(() => assertSiblingNameFree(siblings, { id: "n", parentId: "room", name: "Old shelf" })).not.toThrow();
    expect(() => assertSiblingNameFree(siblings, { id: "n", parentId: "other", name: "Fridge" })).not.toThrow();
  });
});
