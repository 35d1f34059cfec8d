/**
 * Server mutators by name: the domains' groups, composed here and injected into push from the
 * composition root (http/app.ts). Typed as ServerMutators, so each shared mutation (shared/mutations)
 * must have exactly one, taking exactly its arguments; the compiler refuses anything else.
 */
import { nullPrototype } from "../../shared/mutations/index.js";
import type { ServerMutators } from "../sync/mutator-context.js";
import { LOCATION_MUTATORS } from "./locations/mutators.js";
import { EMAIL_MUTATORS } from "./emails/mutators.js";
import { STOCK_MUTATORS } from "./stock/mutators.js";
import { ACCOUNT_MUTATORS } from "./accounts/mutators.js";
import { CATALOGUE_MUTATORS } from "./catalogue/mutators.js";
import { SUPPLIER_MUTATORS } from "./suppliers/mutators.js";
import { COUNT_MUTATORS } from "./counts/mutators.js";

/** Null-prototype, like MUTATIONS: a client-sent name such as "constructor" must find nothing. */
export const SERVER_MUTATORS: Readonly<ServerMutators> = nullPrototype({
  ...LOCATION_MUTATORS,
  ...STOCK_MUTATORS,
  ...EMAIL_MUTATORS,
  ...ACCOUNT_MUTATORS,
  ...CATALOGUE_MUTATORS,
  ...SUPPLIER_MUTATORS,
  ...COUNT_MUTATORS,
} satisfies ServerMutators);
