import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../../shared/auth/roles.js";
import { MUTATIONS } from "../../../shared/mutations/index.js";
import { SERVER_MUTATORS } from "./index.js";

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
});
