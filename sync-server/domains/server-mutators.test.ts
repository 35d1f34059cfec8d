import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "../../shared/auth/roles.js";
import { MUTATIONS, mutationNamed } from "../../shared/mutations/index.js";
import type { MutationArgs } from "../../shared/mutations/index.js";
import type { ServerMutator, ServerMutators } from "../sync/mutator-context.js";
import type { TestClient } from "../../test/sync-client.js";
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
  it("refuses at compile time a mutator map with a missing or mistyped entry, and a mistyped test mutation", () => {
    // Checked by tsc (npm run typecheck): each @ts-expect-error line must fail to compile, else typecheck fails.
    const compileOnly = (client: TestClient) => {
      const { "email.retry": _dropped, ...missingOne } = SERVER_MUTATORS;
      // @ts-expect-error a server mutator map missing an entry
      const incomplete: ServerMutators = missingOne;
      const wrongArgs: ServerMutator<{ id: number }> = async () => undefined;
      // @ts-expect-error a mutator whose arguments do not match the shared definition
      const mistyped: ServerMutators = { ...SERVER_MUTATORS, "location.archive": wrongArgs };
      const archive: ServerMutator<MutationArgs<"location.archive">> = SERVER_MUTATORS["location.archive"];
      client.mutation("location.archive", { id: "x" });
      // @ts-expect-error the test client checks names too
      client.mutation("location.archiv", { id: "x" });
      // @ts-expect-error ... and arguments
      client.mutation("member.changeRole", { userId: "x", role: "OWNER" });
      return [incomplete, mistyped, archive];
    };
    expect(compileOnly).toBeTypeOf("function"); // never run
  });
});
