import { z } from "zod";
import { safeText } from "../validation/text.js";
import {
  assertCanArchive,
  assertCanUnarchive,
  assertLocationActive,
  assertNoCycle,
  assertSiblingNameFree,
  LOCATION_NAME_MAX,
} from "./rules.js";
import { DomainError } from "../errors.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";

const locationName = safeText().trim().min(1, "Name is required").max(LOCATION_NAME_MAX);

async function activeLocation(tx: ReplicaTx, id: string) {
  return assertLocationActive(await tx.get("location", id));
}

async function assertNameFreeUnder(tx: ReplicaTx, self: { id: string; name: string; parentId: string | null }) {
  assertSiblingNameFree(await tx.where("location", { parentId: self.parentId }), self);
}

export const locationCreate = defineMutation({
  name: "location.create",
  permission: "locations.manage",
  args: z.object({ id: z.uuid(), name: locationName, parentId: z.uuid().nullable() }),
  async applyClient(tx, args) {
    if (args.parentId) await activeLocation(tx, args.parentId);
    await assertNameFreeUnder(tx, args);
    await tx.put("location", { id: args.id, parentId: args.parentId, name: args.name, archived: false, version: 0 });
  },
});

export const locationUpdate = defineMutation({
  name: "location.update",
  permission: "locations.manage",
  args: z
    .object({ id: z.uuid(), name: locationName.optional(), parentId: z.uuid().nullable().optional() })
    .refine((a) => a.name !== undefined || a.parentId !== undefined, "Nothing to change"),
  async applyClient(tx, args) {
    const loc = await activeLocation(tx, args.id);
    if (args.parentId !== undefined && args.parentId !== null) {
      await activeLocation(tx, args.parentId);
      assertNoCycle(await tx.all("location"), args.id, args.parentId);
    }
    const next = { ...loc, name: args.name ?? loc.name, parentId: args.parentId === undefined ? loc.parentId : args.parentId };
    await assertNameFreeUnder(tx, next);
    await tx.put("location", next);
  },
});

export const locationArchive = defineMutation({
  name: "location.archive",
  permission: "locations.archive",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const loc = await activeLocation(tx, args.id);
    const children = (await tx.where("location", { parentId: args.id })).filter((c) => !c.archived);
    // Only admins archive, and admins always see quantities (a blind count hides them from counters only).
    const stock = (await tx.where("inventory", { locationId: args.id })).reduce((sum, r) => sum + (r.quantity ?? 0), 0);
    assertCanArchive(stock, children.length);
    await tx.put("location", { ...loc, archived: true });
  },
});

/** Undoes an archive (same permission): the location takes new stock and sub-locations again. */
export const locationUnarchive = defineMutation({
  name: "location.unarchive",
  permission: "locations.archive",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const loc = await tx.get("location", args.id);
    if (!loc) throw new DomainError("NOT_FOUND", "Location not found.");
    assertCanUnarchive(loc, loc.parentId ? ((await tx.get("location", loc.parentId)) ?? null) : null);
    await assertNameFreeUnder(tx, loc);
    await tx.put("location", { ...loc, archived: false });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const LOCATION_MUTATIONS = {
  [locationCreate.name]: locationCreate,
  [locationUpdate.name]: locationUpdate,
  [locationArchive.name]: locationArchive,
  [locationUnarchive.name]: locationUnarchive,
};
