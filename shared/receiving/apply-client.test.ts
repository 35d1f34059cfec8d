/**
 * The optimistic applies of ordering and receiving, over an in-memory replica: what a tablet shows before
 * the server has answered (and what it refuses offline with the same rules as the server).
 */
import { describe, expect, it } from "vitest";
import type { ReplicaTx } from "../mutations/define.js";
import type { EntityName, EntityRow } from "../protocol/entities.js";
import { orderCreate, orderSend } from "../orders/mutations.js";
import { batchIdFor } from "../stock/batch-id.js";
import { receiptPost } from "./mutations.js";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function memoryReplica(): ReplicaTx & { rows: Map<string, Record<string, unknown>> } {
  const rows = new Map<string, Record<string, unknown>>();
  let next = 1000;
  const of = (entity: EntityName) => [...rows.entries()].filter(([k]) => k.startsWith(`${entity}:`)).map(([, r]) => r);
  return {
    rows,
    get: async <E extends EntityName>(entity: E, rowId: string) => rows.get(`${entity}:${rowId}`) as EntityRow<E> | undefined,
    where: async <E extends EntityName>(entity: E, match: Partial<EntityRow<E>>) =>
      of(entity).filter((r) => Object.entries(match).every(([k, v]) => v === undefined || r[k] === v)) as EntityRow<E>[],
    all: async <E extends EntityName>(entity: E) => of(entity) as EntityRow<E>[],
    put: async (entity, row) => void rows.set(`${entity}:${row.id}`, row as Record<string, unknown>),
    delete: async (entity, rowId) => void rows.delete(`${entity}:${rowId}`),
    newId: () => id(next++),
  };
}

async function replicaWithSupplier() {
  const tx = memoryReplica();
  await tx.put("location", { id: id(1), version: 1, parentId: null, name: "Store", archived: false });
  const item = { version: 1, productId: null, gtin: null, sku: null, unit: "each", packSize: 1, reorderPoint: null, reorderQuantity: null };
  const rest = { defaultSupplierId: null, batchTracked: false, archived: false, category: null, notes: null };
  await tx.put("item", { id: id(2), name: "Gloves", ...item, ...rest });
  const supplier = { version: 1, globalSupplierId: null, accountNumber: null, phone: null, notes: null, archived: false };
  await tx.put("supplier", { id: id(3), name: "Medi", orderEmail: "o@medi.test", ...supplier });
  await tx.put("supplierItem", {
    id: id(4),
    version: 1,
    supplierId: id(3),
    itemId: id(2),
    supplierSku: "G-1",
    unitPrice: "2.5000",
    currency: "GBP",
    packSize: 10,
    minimumOrder: 1,
    leadTimeDays: 2,
  });
  await orderCreate.applyClient!(
    tx,
    orderCreate.args.parse({ id: id(5), supplierId: id(3), lines: [{ id: id(6), itemId: id(2), quantity: 4 }] }),
  );
  return tx;
}

const post = (tx: ReplicaTx, args: unknown) => receiptPost.applyClient!(tx, receiptPost.args.parse(args));

describe("ordering offline", () => {
  it("a draft made offline has no number yet and its line holds the supplier's terms", async () => {
    const tx = await replicaWithSupplier();
    expect(await tx.get("order", id(5))).toMatchObject({ number: null, status: "DRAFT", currency: "GBP" });
    expect(await tx.get("orderItem", id(6))).toMatchObject({ quantity: 4, unitPrice: "2.5000", supplierSku: "G-1", packSize: 10 });
  });

  it("a receipt against the sent order moves the order, its line and the stock on the replica; the lot is created", async () => {
    const tx = await replicaWithSupplier();
    await orderSend.applyClient!(tx, { orderId: id(5) });
    await post(tx, {
      id: id(7),
      orderId: id(5),
      locationId: id(1),
      lines: [{ id: id(8), itemId: id(2), orderItemId: id(6), accepted: 1, damaged: 1, lot: "L1", expiry: "2027-01-00" }],
    });
    const batchId = await batchIdFor(id(2), "L1");
    expect(await tx.get("order", id(5))).toMatchObject({ status: "PARTIALLY_RECEIVED" });
    expect(await tx.get("orderItem", id(6))).toMatchObject({ receivedQuantity: 1 });
    expect(await tx.where("inventory", { itemId: id(2), batchId })).toEqual([expect.objectContaining({ quantity: 10 })]);
    expect(await tx.get("batch", batchId)).toMatchObject({ lot: "L1", expiryRaw: "2027-01-00", expiryDate: "2027-01-31" });
    expect(await tx.get("goodsReceiptLine", id(8))).toMatchObject({ quantity: 1, damagedQuantity: 1, packSize: 10 });
  });

  it("an order the replica does not hold yet is left to the server: the receipt and its stock are recorded as typed", async () => {
    const tx = await replicaWithSupplier();
    await post(tx, {
      id: id(11),
      orderId: id(99),
      locationId: id(1),
      lines: [{ id: id(12), itemId: id(2), orderItemId: id(98), accepted: 2 }],
    });
    expect(await tx.get("goodsReceipt", id(11))).toMatchObject({ orderId: id(99), status: "POSTED" });
    expect(await tx.where("inventory", { itemId: id(2), batchId: null })).toEqual([expect.objectContaining({ quantity: 2 })]);
  });

  it("stock a blind count withholds (quantity null) stays unknown after a receipt on the replica: the server has the figure", async () => {
    const tx = await replicaWithSupplier();
    await tx.put("inventory", { id: id(20), version: 1, locationId: id(1), itemId: id(2), batchId: null, quantity: null });
    await post(tx, { id: id(21), orderId: null, locationId: id(1), lines: [{ id: id(22), itemId: id(2), accepted: 3 }] });
    expect(await tx.get("inventory", id(20))).toMatchObject({ quantity: null });
  });

  it("refuses offline what the server would refuse: a draft, and packs past the tolerance", async () => {
    const tx = await replicaWithSupplier();
    const receipt = (accepted: number) => ({
      id: id(9),
      orderId: id(5),
      locationId: id(1),
      lines: [{ id: id(10), itemId: id(2), orderItemId: id(6), accepted }],
    });
    await expect(post(tx, receipt(1))).rejects.toMatchObject({ code: "ORDER_STATE" });
    await orderSend.applyClient!(tx, { orderId: id(5) });
    await expect(post(tx, receipt(5))).rejects.toMatchObject({ code: "OVER_RECEIPT" });
    expect(await tx.get("goodsReceipt", id(9))).toBeUndefined();
  });
});
