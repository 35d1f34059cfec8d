import type { z } from "zod";
import type { MutationDef } from "./define.js";
import { LOCATION_MUTATIONS, locationArchive, locationCreate, locationUpdate } from "../locations/mutations.js";
import { EMAIL_MUTATIONS, emailRetry } from "../emails/mutations.js";
import { STOCK_MUTATIONS, stockAdjust } from "../stock/mutations.js";
import { ACCOUNT_MUTATIONS } from "../accounts/mutations.js";
import { CATALOGUE_MUTATIONS } from "../catalogue/mutations.js";
import { SUPPLIER_MUTATIONS } from "../suppliers/mutations.js";
import { COUNT_MUTATIONS } from "../counts/mutations.js";
import { ORDER_MUTATIONS } from "../orders/mutations.js";
import { RECEIVING_MUTATIONS } from "../receiving/mutations.js";

/** A frozen copy of `entries` without a prototype: names come from clients, and "constructor" or "__proto__" must find nothing. */
export function nullPrototype<T extends object>(entries: T): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null) as T, entries));
}

/**
 * Every mutation the system knows, by name: the union of the domains' groups (each defined beside its
 * mutations, keyed by the definitions' literal names). Adding one to its group makes it pushable (and
 * attackable in tests), and makes the compiler ask for its server mutator, its description and its
 * tenancy attack. Look untrusted names up with isMutationName() / mutationNamed().
 */
export const MUTATIONS = nullPrototype({
  ...LOCATION_MUTATIONS,
  ...STOCK_MUTATIONS,
  ...EMAIL_MUTATIONS,
  ...ACCOUNT_MUTATIONS,
  ...CATALOGUE_MUTATIONS,
  ...SUPPLIER_MUTATIONS,
  ...COUNT_MUTATIONS,
  ...ORDER_MUTATIONS,
  ...RECEIVING_MUTATIONS,
});

export type Mutations = typeof MUTATIONS;
export type MutationName = keyof Mutations;
/** The arguments a server mutator receives: the schema's output (defaults filled, text trimmed). */
export type MutationArgs<N extends MutationName> = z.output<Mutations[N]["args"]>;
/** The arguments a client sends: the schema's input (defaulted fields may be left out). */
export type MutationInput<N extends MutationName> = z.input<Mutations[N]["args"]>;

/**
 * The same registry seen through a mapped type. Indexing it with a generic `N` keeps the name, schema
 * and argument types together, which is what lets push parse with `MUTATION_REGISTRY[name].args` and hand
 * the result to `mutators[name]` without a cast (TypeScript correlates two mapped types over one key).
 */
export type MutationRegistry = { [N in MutationName]: MutationDef<z.ZodType<MutationArgs<N>, MutationInput<N>>, N> };
export const MUTATION_REGISTRY: MutationRegistry = MUTATIONS;

/**
 * A registered definition, as the client passes it to enqueue (`mutate(locationCreate, args)`): `N` is
 * inferred from its literal name, and the arguments are then checked as MutationInput<N>.
 */
export type RegisteredMutation<N extends MutationName> = MutationRegistry[N] & { name: N };

export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

/** Whether this (untrusted) name is a mutation; own keys only, so inherited names are unknown. */
export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name);
}

/** The mutation with this (untrusted) name; own keys only, so inherited names are unknown. */
export function mutationNamed(name: string): MutationRegistry[MutationName] | undefined {
  return isMutationName(name) ? MUTATION_REGISTRY[name] : undefined;
}

export { emailRetry, locationArchive, locationCreate, locationUpdate, stockAdjust };
export type { MutationDef, ReplicaTx } from "./define.js";
