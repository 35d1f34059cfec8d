/**
 * Server side of the location mutations. Checks run against the database under the practice's version
 * lock (see sync/versions.ts), so two tablets moving locations at once cannot build a cycle between them.
 */
import type { z } from "zod";
import {
  assertCanArchive,
  assertCanUnarchive,
  assertLocationActive,
  assertNoCycle,
  assertSiblingNameFree,
} from "../../../shared/locations/rules.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import type { locationArchive, locationCreate, locationUpdate } from "../../../shared/locations/mutations.js";
import { locationsRepo } from "./repository.js";
import type { MutatorContext, ServerMutators } from "../../sync/mutator-context.js";

export async function createLocation(ctx: MutatorContext, args: z.infer<typeof locationCreate.args>) {
  const repo = locationsRepo(ctx.tx);
  if (args.parentId) await repo.getActive(ctx.practiceId, args.parentId);
  assertSiblingNameFree(await repo.siblings(ctx.practiceId, args.parentId), args);
  await repo.create(ctx.practiceId, { id: args.id, name: args.name, parentId: args.parentId, version: ctx.version });
  await ctx.audit("location.create", "location", args.id, { name: args.name, parentId: args.parentId });
}

export async function updateLocation(ctx: MutatorContext, args: z.infer<typeof locationUpdate.args>) {
  const repo = locationsRepo(ctx.tx);
  const before = assertLocationActive(await repo.getForUpdate(ctx.practiceId, args.id));
  if (args.parentId) {
    await repo.getActive(ctx.practiceId, args.parentId);
    assertNoCycle(await repo.tree(ctx.practiceId), args.id, args.parentId);
  }
  const after = { id: args.id, name: args.name ?? before.name, parentId: args.parentId === undefined ? before.parentId : args.parentId };
  assertSiblingNameFree(await repo.siblings(ctx.practiceId, after.parentId), after);
  await repo.update(ctx.practiceId, args.id, { name: args.name, parentId: args.parentId, version: ctx.version });
  const changes: Record<string, unknown> = {};
  if (args.name !== undefined && args.name !== before.name) changes.name = { from: before.name, to: args.name };
  if (args.parentId !== undefined && args.parentId !== before.parentId) changes.parentId = { from: before.parentId, to: args.parentId };
  await ctx.audit("location.update", "location", args.id, changes);
}

export async function archiveLocation(ctx: MutatorContext, args: z.infer<typeof locationArchive.args>) {
  const repo = locationsRepo(ctx.tx);
  assertLocationActive(await repo.getForUpdate(ctx.practiceId, args.id));
  assertCanArchive(await repo.stockOnHand(ctx.practiceId, args.id), await repo.activeChildCount(ctx.practiceId, args.id));
  await repo.update(ctx.practiceId, args.id, { archived: true, version: ctx.version });
  await ctx.audit("location.archive", "location", args.id, { archived: { from: false, to: true } });
}

export async function unarchiveLocation(ctx: MutatorContext, args: MutationArgs<"location.unarchive">) {
  const repo = locationsRepo(ctx.tx);
  const location = await repo.getForUpdate(ctx.practiceId, args.id);
  const parent = location.parentId ? await repo.getForUpdate(ctx.practiceId, location.parentId) : null;
  assertCanUnarchive(location, parent);
  assertSiblingNameFree(await repo.siblings(ctx.practiceId, location.parentId), location);
  await repo.update(ctx.practiceId, args.id, { archived: false, version: ctx.version });
  await ctx.audit("location.unarchive", "location", args.id, { archived: { from: true, to: false } });
}

/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
export const LOCATION_MUTATORS = {
  "location.create": createLocation,
  "location.update": updateLocation,
  "location.archive": archiveLocation,
  "location.unarchive": unarchiveLocation,
} satisfies Partial<ServerMutators>;
