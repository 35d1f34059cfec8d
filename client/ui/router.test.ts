import { describe, expect, it } from "vitest";
import { hrefFor, parseRoute } from "./router.js";

describe("hash router", () => {
  it("round-trips routes and falls back to the location list", () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect(parseRoute(hrefFor({ name: "inventory", locationId: id }))).toEqual({ name: "inventory", locationId: id });
    expect(parseRoute("#/locations")).toEqual({ name: "locations" });
    expect(parseRoute("")).toEqual({ name: "locations" });
    expect(parseRoute("#/nonsense/x")).toEqual({ name: "locations" });
  });
});
