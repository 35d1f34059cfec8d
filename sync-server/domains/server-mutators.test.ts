import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "../../shared/auth/roles.js";
import { MUTATIONS, mutationNamed } from "../../shared/mutations/index.js";
import { SERVER_MUTATORS } from "./server-mutators.js";

describe("mutation registries", () => {
  it("every shared mutation has exactly one server mutator and vice versa", () => {
    expect(Object.keys(SERVER_MUTATORS).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });
  it("every mutation names a permission from the permission table, and VIEWER can run none", () => {
    for (const def of Object.values(MUTATIONS)) {
      expect(PERMISSIONS).toHaveProperty(def.permission);
      expect(PERMISSIONS[def.permission] as readonly string[]).not.toContain("VIEWER");
    }
  });
  it("finds nothing for names inherited from Object.prototype (they come from clients)", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"]) {
      expect(mutationNamed(name), name).toBeUndefined();
      expect((SERVER_MUTATORS as Record<string, unknown>)[name], name).toBeUndefined();
      expect(can("ADMIN", name as Permission), name).toBe(false);
    }
    expect(mutationNamed("location.create")?.name).toBe("location.create");
    expect(SERVER_MUTATORS["location.create"]).toBeTypeOf("function");
  });
});
