import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ROUTE_ACCESS } from "../auth/routes.js";
import { routeKeyOf } from "./define.js";
import { CONTRACTS } from "./index.js";
import { pathOf } from "./define.js";

describe("HTTP contracts", () => {
  it("name each route once, under /api, and the route table has exactly them", () => {
    const keys = CONTRACTS.map(routeKeyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of CONTRACTS) expect(c.path).toMatch(/^\/api\//);
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual([...keys].sort());
  });

  it("declare a params schema for exactly the :segments of their path", () => {
    for (const c of CONTRACTS) {
      const segments = [...c.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      const declared = c.params instanceof z.ZodObject ? Object.keys(c.params.shape).sort() : [];
      expect(declared, c.path).toEqual(segments);
    }
  });

  it("fill path segments encoded, and refuse a missing one", () => {
    expect(pathOf("/api/auth/sessions/:id/revoke", { id: "a/b" })).toBe("/api/auth/sessions/a%2Fb/revoke");
    expect(() => pathOf("/api/auth/sessions/:id/revoke", {})).toThrow(/id/);
  });
});
