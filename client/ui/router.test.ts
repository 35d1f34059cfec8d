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

describe("account routes", () => {
  it("parses emailed links with their token and the account screens", () => {
    expect(parseRoute("#/auth/magic?token=abc_DEF-1")).toEqual({ name: "auth", page: "magic", token: "abc_DEF-1" });
    expect(parseRoute("#/auth/invite?token=x%2By")).toEqual({ name: "auth", page: "invite", token: "x+y" });
    expect(parseRoute("#/auth/signup")).toEqual({ name: "auth", page: "signup", token: "" });
    expect(parseRoute("#/auth/other")).toEqual({ name: "locations" });
    expect(parseRoute(hrefFor({ name: "auth", page: "reset", token: "t/1" }))).toEqual({ name: "auth", page: "reset", token: "t/1" });
    for (const name of ["members", "account", "owner"] as const) expect(parseRoute(hrefFor({ name }))).toEqual({ name });
  });
});
