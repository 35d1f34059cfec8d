import type { ReplicaDb } from "../../replica/db.js";
import { describeMutation } from "./describeMutation.js";

/** A queued or refused change in words, with what it was about (for "open the item" and "redo"). */
export interface DescribedChange {
  text: string;
  itemId?: string;
  /** Set for the stock movements a user can redo with another quantity. */
  redo?: { name: "stock.adjust" | "stock.consume" | "stock.transfer"; quantity: number };
}

type Args = Record<string, unknown>;

/**
 * Names the items and locations a stock change is about ("Remove 8 Alcohol wipes from Shelf A"), read
 * from the replica; anything else (or a row the replica no longer has) falls back to describeMutation.
 * Names are looked up when shown, so a renamed item reads with its current name.
 */
export async function describeInReplica(db: ReplicaDb, name: string, rawArgs: unknown): Promise<DescribedChange> {
  const args: Args = typeof rawArgs === "object" && rawArgs !== null ? (rawArgs as Args) : {};
  const fallback: DescribedChange = { text: describeMutation(name, rawArgs), itemId: str(args.itemId) };
  const quantity = typeof args.quantity === "number" ? args.quantity : null;
  const itemId = str(args.itemId);
  if (quantity === null || !itemId) return fallback;
  const item = (await db.item.get(itemId))?.name ?? "unknown item";
  const place = async (id: unknown) =>
    str(id) ? ((await db.location.get(str(id)!))?.name ?? "an unknown location") : "an unknown location";
  const n = Math.abs(quantity);
  switch (name) {
    case "stock.adjust":
      return {
        text:
          quantity > 0 ? `Add ${n} ${item} to ${await place(args.locationId)}` : `Remove ${n} ${item} from ${await place(args.locationId)}`,
        itemId,
        redo: { name, quantity },
      };
    case "stock.consume":
      return { text: `Use ${n} ${item} from ${await place(args.locationId)}`, itemId, redo: { name, quantity } };
    case "stock.transfer":
      return {
        text: `Move ${n} ${item} from ${await place(args.fromLocationId)} to ${await place(args.toLocationId)}`,
        itemId,
        redo: { name, quantity },
      };
    default:
      return fallback;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}
