import type { MutationDef } from "./define.js";
import { locationArchive, locationCreate, locationUpdate } from "./location.js";
import { emailRetry } from "./email.js";
import { stockAdjust } from "./stock.js";

/** Every mutation the system knows, by name. Adding one here makes it pushable (and attackable in tests). */
export const MUTATIONS = {
  [locationCreate.name]: locationCreate,
  [locationUpdate.name]: locationUpdate,
  [locationArchive.name]: locationArchive,
  [stockAdjust.name]: stockAdjust,
  [emailRetry.name]: emailRetry,
} as Record<string, MutationDef>;

export const MUTATION_NAMES = Object.keys(MUTATIONS);

export { emailRetry, locationArchive, locationCreate, locationUpdate, stockAdjust };
export type { MutationDef, ReplicaTx } from "./define.js";
