/**
 * Type-level guarantees of the mutation registry, checked by `npm run typecheck` (tsc reads this file).
 * Each `@ts-expect-error` line must fail to compile: if the typing regresses (a name becomes `string`,
 * arguments become `unknown`), the directive is unused and typecheck fails. The server half (a mutator
 * map missing an entry or taking the wrong arguments) is in sync-server/domains/server-mutators.test.ts.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineMutation } from "./define.js";
import {
  isMutationName,
  MUTATION_NAMES,
  MUTATIONS,
  type MutationArgs,
  type MutationInput,
  type MutationName,
  type RegisteredMutation,
} from "./index.js";

/** Stand-in for every typed entry point (the app's mutate, enqueueMutation, the test client). */
function queue<N extends MutationName>(_def: RegisteredMutation<N>, _args: MutationInput<N>): void {}
function send<N extends MutationName>(_name: N, _args: MutationInput<N>): void {}

describe("mutation types", () => {
  it("names are literal types, and every registry key is one", () => {
    expectTypeOf<"location.create">().toExtend<MutationName>();
    expectTypeOf<"stock.adjust">().toExtend<MutationName>();
    expectTypeOf<string>().not.toExtend<MutationName>();
    expect(MUTATION_NAMES.every(isMutationName)).toBe(true);
    for (const name of MUTATION_NAMES) expect(MUTATIONS[name].name).toBe(name);
  });

  it("separates what a client sends from what a mutator receives", () => {
    // batchId has a default: optional on the way in, always present (maybe null) on the way out.
    expectTypeOf<MutationInput<"stock.adjust">["batchId"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<MutationArgs<"stock.adjust">["batchId"]>().toEqualTypeOf<string | null>();
  });

  it("refuses a misspelled name, a wrong argument and an unregistered definition at compile time", () => {
    const id = crypto.randomUUID();
    const compileOnly = () => {
      send("location.create", { id, name: "Shelf", parentId: null });
      // @ts-expect-error a misspelled mutation name
      send("location.creat", { id, name: "Shelf", parentId: null });
      // @ts-expect-error a wrong argument type (quantity must be a number)
      send("stock.adjust", { id, locationId: id, itemId: id, quantity: "3", reason: "FOUND" });
      // @ts-expect-error an unknown reason
      send("stock.adjust", { id, locationId: id, itemId: id, quantity: 3, reason: "STOLEN" });
      // @ts-expect-error a missing required argument
      send("location.archive", {});

      queue(MUTATIONS["location.archive"], { id });
      // @ts-expect-error arguments of another mutation
      queue(MUTATIONS["location.archive"], { userId: id });
      const unregistered = defineMutation({ name: "location.teleport", permission: "locations.manage", args: z.object({ id: z.uuid() }) });
      // @ts-expect-error a definition that is not in the registry cannot be queued
      queue(unregistered, { id });
    };
    expect(compileOnly).toBeTypeOf("function"); // never run: the checks above are for tsc
  });
});
