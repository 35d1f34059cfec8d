/**
 * Server mutators by name: the domains' groups, composed here and injected into push from the
 * composition root (http/app.ts). Typed as ServerMutators, so each shared mutation (shared/mutations)
 * must have exactly one, taking exactly its arguments; the compiler refuses anything else.
 */
import { nullPrototype } from "../../shared/mutations/index.js";
import type { ServerBatchMutators, ServerMutators } from "../sync/mutator-context.js";
import { LOCATION_MUTATORS } from "./locations/mutators.js";
import { EMAIL_MUTATORS } from "./emails/mutators.js";
import { STOCK_BATCH_MUTATORS, STOCK_MUTATORS } from "./stock/mutators.js";
import { ACCOUNT_MUTATORS } from "./accounts/mutators.js";
import { CATALOGUE_BATCH_MUTATORS, CATALOGUE_MUTATORS } from "./catalogue/mutators.js";
import { SUPPLIER_BATCH_MUTATORS, SUPPLIER_MUTATORS } from "./suppliers/mutators.js";
import { PRICED_ITEM_BATCH_MUTATORS, PRICED_ITEM_MUTATORS } from "./suppliers/create-priced-item.js";
import { COUNT_BATCH_MUTATORS, COUNT_MUTATORS } from "./counts/mutators.js";
import { ORDER_MUTATORS } from "./orders/mutators.js";
import { RECEIVING_MUTATORS } from "./receiving/mutators.js";

/** Null-prototype, like MUTATIONS: a client-sent name such as "constructor" must find nothing. */
export const SERVER_MUTATORS: Readonly<ServerMutators> = nullPrototype({
  ...LOCATION_MUTATORS,
  ...STOCK_MUTATORS,
  ...EMAIL_MUTATORS,
  ...ACCOUNT_MUTATORS,
  ...CATALOGUE_MUTATORS,
  ...SUPPLIER_MUTATORS,
  ...PRICED_ITEM_MUTATORS,
  ...COUNT_MUTATORS,
  ...ORDER_MUTATORS,
  ...RECEIVING_MUTATORS,
} satisfies ServerMutators);

/**
 * Set-based forms of the hottest mutators, for runs of one name in a push chunk (sync/push-apply.ts).
 * Optional per name: push applies every other mutation through SERVER_MUTATORS.
 */
export const SERVER_BATCH_MUTATORS: Readonly<ServerBatchMutators> = nullPrototype({
  ...STOCK_BATCH_MUTATORS,
  ...CATALOGUE_BATCH_MUTATORS,
  ...SUPPLIER_BATCH_MUTATORS,
  ...PRICED_ITEM_BATCH_MUTATORS,
  ...COUNT_BATCH_MUTATORS,
} satisfies ServerBatchMutators);
