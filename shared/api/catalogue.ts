/**
 * Reads of the global catalogue (writes are mutations through the sync push). The product look-up lets a
 * new item be pre-filled from a GTIN the practice has not used yet: products the practice already uses
 * travel with its items in the replica (item.gtin), so only unknown GTINs need the network.
 */
import { z } from "zod";
import { defineContract } from "./define.js";

export const globalProduct = z.object({
  gtin: z.string(),
  name: z.string(),
  manufacturer: z.string().nullable(),
});
export type GlobalProduct = z.infer<typeof globalProduct>;

/** The global product with this GTIN (8, 12, 13 or 14 digits), or `product: null` when the catalogue has none. */
export const productByGtin = defineContract({
  method: "GET",
  path: "/api/catalogue/products/:gtin",
  access: "stock.read",
  params: z.object({ gtin: z.string().regex(/^\d{8,14}$/, "A GTIN is 8 to 14 digits") }),
  response: z.object({ product: globalProduct.nullable() }),
});
