import type { z } from "zod";
import type { Permission } from "../auth/roles.js";
import type { EntityName, EntityRow } from "../protocol/entities.js";

/**
 * The replica as a mutation's optimistic apply sees it. The client implements it over Dexie; tests
 * implement it over plain maps. Keeping the interface here keeps shared/ free of storage imports.
 */
export interface ReplicaTx {
  get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined>;
  /** Rows whose fields equal every given value; `null` matches only null, `undefined` fields are ignored. */
  where<E extends EntityName>(entity: E, match: Partial<EntityRow<E>>): Promise<EntityRow<E>[]>;
  all<E extends EntityName>(entity: E): Promise<EntityRow<E>[]>;
  put<E extends EntityName>(entity: E, row: EntityRow<E>): Promise<void>;
  delete(entity: EntityName, id: string): Promise<void>;
  /** A fresh UUID for rows the client creates before the server assigns its own. */
  newId(): string;
}

/**
 * A read of the replica as `ReplicaTx` makes it: one row by id, or the rows matching fields.
 */
export type ReplicaRead = { entity: EntityName; id: string } | { entity: EntityName; match: Record<string, unknown> };

/**
 * A named write: its argument schema, the permission it needs and, where it makes sense, the optimistic
 * effect on the client replica. The authoritative version runs on the server (each domain's mutators in sync-server/domains).
 * `N` is the literal name ("location.create"), so the registry built from these knows every name as a type.
 */
export interface MutationDef<S extends z.ZodType = z.ZodType, N extends string = string> {
  name: N;
  args: S;
  permission: Permission;
  /**
   * Optimistic effect on the replica. Throws DomainError when the replica already shows it must fail.
   * Method syntax on purpose: it lets a specific definition stand where any MutationDef is expected
   * (the client's rebase walks stored entries by name and parses their args before calling it).
   */
  applyClient?(tx: ReplicaTx, args: z.output<S>): Promise<void>;
  /**
   * The reads applyClient makes that its args alone say, for a mutation queued hundreds at a time (a CSV
   * import): the client fetches a whole batch's ahead in one go instead of finding them one apply at a
   * time (an apply stops at its first missing row). Only a hint: a read left out costs a round trip, one
   * too many a wasted look-up, never a different result.
   */
  reads?(args: z.output<S>): ReplicaRead[];
}

export function defineMutation<const N extends string, S extends z.ZodType>(def: MutationDef<S, N>): MutationDef<S, N> {
  return def;
}
