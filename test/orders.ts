/** Test set-up for orders and receiving: a practice's suppliers with terms, and pushes that answer one outcome. */
import { randomUUID } from "node:crypto";
import type { MutationInput, MutationName } from "../shared/mutations/index.js";
import type { MutationOutcome } from "../shared/protocol/push.js";
import type { Db } from "../sync-server/db/prisma.js";
import type { TestPractice } from "./factories.js";
import type { TestClient } from "./sync-client.js";

export interface OrderFixture {
  /** Takes orders by email (orders@supplier.test), account "ACC-77"; terms for items 0 and 1. */
  emailSupplierId: string;
  /** No order email: orders are phoned in. */
  phoneSupplierId: string;
}

/** Item 0: packs of 10 at 12.5 (SKU "SUP-1"); item 1: packs of 1 at 3.3333 (no SKU). Same terms at both suppliers. */
export async function orderFixture(db: Db, p: TestPractice): Promise<OrderFixture> {
  const email = await db.practiceSupplier.create({
    data: {
      practiceId: p.practiceId,
      name: `Email supplier ${randomUUID().slice(0, 6)}`,
      orderEmail: "orders@supplier.test",
      accountNumber: "ACC-77",
    },
  });
  const phone = await db.practiceSupplier.create({
    data: { practiceId: p.practiceId, name: `Phone supplier ${randomUUID().slice(0, 6)}` },
  });
  for (const supplierId of [email.id, phone.id]) {
    await db.practiceSupplierItem.createMany({
      data: [
        {
          practiceId: p.practiceId,
          practiceSupplierId: supplierId,
          itemId: p.itemIds[0]!,
          unitPrice: "12.5",
          supplierSku: "SUP-1",
          packSize: 10,
        },
        { practiceId: p.practiceId, practiceSupplierId: supplierId, itemId: p.itemIds[1]!, unitPrice: "3.3333", packSize: 1 },
      ],
    });
  }
  return { emailSupplierId: email.id, phoneSupplierId: phone.id };
}

export async function run<N extends MutationName>(c: TestClient, name: N, args: MutationInput<N>): Promise<MutationOutcome> {
  const res = await c.push([c.mutation(name, args)]);
  return res.results[0]!;
}

/** "applied", or "rejected:CODE" / "conflict:CODE". */
export const outcome = (o: MutationOutcome) => (o.status === "rejected" || o.status === "conflict" ? `${o.status}:${o.code}` : o.status);

/** A draft of `lines` (item index → packs) at the supplier; answers its id. */
export async function draftOrder(c: TestClient, p: TestPractice, supplierId: string, lines: [number, number][]): Promise<string> {
  const id = randomUUID();
  const o = await run(c, "order.create", {
    id,
    supplierId,
    lines: lines.map(([i, quantity]) => ({ id: randomUUID(), itemId: p.itemIds[i]!, quantity })),
  });
  if (o.status !== "applied") throw new Error(`order.create: ${outcome(o)}`);
  return id;
}

/** A SENT order (by email, or phoned in for a supplier without email). */
export async function sentOrder(c: TestClient, p: TestPractice, f: OrderFixture, lines: [number, number][]): Promise<string> {
  const id = await draftOrder(c, p, f.emailSupplierId, lines);
  const o = await run(c, "order.send", { orderId: id });
  if (o.status !== "applied") throw new Error(`order.send: ${outcome(o)}`);
  return id;
}
