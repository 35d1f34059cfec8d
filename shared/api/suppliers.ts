/**
 * The global supplier directory, read online when a practice adds a supplier: picking an entry links the
 * practice's account to it (supplier.create's globalSupplierId) and pre-fills the name. The directory is
 * shared by every practice and is not replicated: it is only needed while adding a supplier.
 */
import { z } from "zod";
import { safeText } from "../validation/text.js";
import { defineContract } from "./define.js";

export const directorySupplier = z.object({
  id: z.uuid(),
  name: z.string(),
  website: z.string().nullable(),
});
export type DirectorySupplier = z.infer<typeof directorySupplier>;

/** Directory entries whose name contains `q` (any case), in name order; an empty `q` lists from the top. */
export const supplierDirectory = defineContract({
  method: "GET",
  path: "/api/suppliers/directory",
  access: "suppliers.manage",
  query: z.object({
    q: safeText().trim().max(100, "Search for at most 100 characters").default(""),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  }),
  response: z.object({ suppliers: z.array(directorySupplier) }),
});
