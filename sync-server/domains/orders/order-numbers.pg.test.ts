/**
 * Server-assigned order numbers: per practice, in order, once per order, and distinct under concurrent
 * pushes. The database's unique (practiceId, number) backs the counter up.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../../test/db.js";
import { makePractice, type TestPractice } from "../../../test/factories.js";
import { withTransaction } from "../../db/transaction.js";
import { assignOrderNumber } from "./order-numbers.js";

let t: TestDatabase;
let a: TestPractice;
let b: TestPractice;

async function draftOrder(p: TestPractice): Promise<string> {
  const supplier = await t.db.practiceSupplier.create({ data: { practiceId: p.practiceId, name: `Supplier ${randomUUID()}` } });
  // The client chose this id while offline.
  const order = await t.db.order.create({ data: { id: randomUUID(), practiceId: p.practiceId, practiceSupplierId: supplier.id } });
  expect(order).toMatchObject({ number: null, currency: "GBP" });
  return order.id;
}

const assign = (p: TestPractice, orderId: string) =>
  withTransaction(t.db, (tx) => assignOrderNumber(tx, p.practiceId, orderId), { practiceId: p.practiceId });

beforeAll(async () => {
  t = await testDatabase(6);
  [a, b] = [await makePractice(t.db), await makePractice(t.db)];
});
afterAll(async () => {
  await t?.drop();
});

describe("assignOrderNumber", () => {
  it("numbers each practice's orders 1, 2, … on its own, and a replay keeps the number", async () => {
    const [a1, a2, b1] = [await draftOrder(a), await draftOrder(a), await draftOrder(b)];
    expect(await assign(a, a1)).toBe(1);
    expect(await assign(b, b1)).toBe(1);
    expect(await assign(a, a2)).toBe(2);
    expect(await assign(a, a1)).toBe(1);
    expect((await t.db.practiceVersion.findUniqueOrThrow({ where: { practiceId: a.practiceId } })).lastOrderNumber).toBe(2);
  });

  it("concurrent pushes get distinct, consecutive numbers", async () => {
    const orders = await Promise.all(Array.from({ length: 5 }, () => draftOrder(b)));
    const numbers = await Promise.all(orders.map((id) => assign(b, id)));
    expect([...numbers].sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6]);
  });

  it("the same order pushed twice at once takes one number", async () => {
    const id = await draftOrder(a);
    const numbers = await Promise.all([assign(a, id), assign(a, id), assign(a, id)]);
    expect(new Set(numbers).size).toBe(1);
    expect((await t.db.practiceVersion.findUniqueOrThrow({ where: { practiceId: a.practiceId } })).lastOrderNumber).toBe(numbers[0]);
  });

  it("does not number another practice's order", async () => {
    const foreign = await draftOrder(b);
    await expect(assign(a, foreign)).rejects.toThrow(/not in practice/);
  });

  it("the database refuses a second order with the same number, and a currency that is not ISO 4217", async () => {
    const [x, y] = [await draftOrder(a), await draftOrder(a)];
    await t.db.order.update({ where: { id: x }, data: { number: 100 } });
    await expect(t.db.order.update({ where: { id: y }, data: { number: 100 } })).rejects.toMatchObject({ code: "P2002" });
    await expect(t.db.order.update({ where: { id: y }, data: { currency: "gbp" } })).rejects.toThrow(/Order_currency_iso4217/);
  });
});
