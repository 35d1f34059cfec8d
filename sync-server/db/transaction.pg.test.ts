import { describe, expect, it } from "vitest";
import { practiceFixture } from "../../test/fixtures.js";
import { Prisma } from "./prisma.js";
import { withSavepoint, withTransaction } from "./transaction.js";

const f = practiceFixture();

const rename = (name: string) => (tx: Parameters<Parameters<typeof withTransaction>[1]>[0]) =>
  tx.location.update({ where: { id: f.p.locationId }, data: { name } });
const nameNow = async () => (await f.t.db.location.findUniqueOrThrow({ where: { id: f.p.locationId } })).name;

describe("withTransaction", () => {
  it("nests: an inner call joins the outer transaction and rolls back with it", async () => {
    await expect(
      withTransaction(f.t.db, async (outer) => {
        await withTransaction(f.t.db, async (inner) => {
          expect(inner).toBe(outer);
          await rename("Inner write")(inner);
        });
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(await nameNow()).toBe("Main store");
  });

  it("sets the practice context for row-level security, transaction-locally", async () => {
    const inside = await withTransaction(
      f.t.db,
      (tx) => tx.$queryRaw<{ v: string }[]>`SELECT current_setting('app.current_practice_id', true) AS v`,
      { practiceId: f.p.practiceId },
    );
    expect(inside[0]!.v).toBe(f.p.practiceId);
    const outside = await f.t.db.$queryRaw<{ v: string | null }[]>`SELECT current_setting('app.current_practice_id', true) AS v`;
    expect(outside[0]!.v || null).toBeNull();
  });

  it("runs a read-only transaction at the isolation level asked for, and refuses its writes", async () => {
    const show = (tx: Parameters<Parameters<typeof withTransaction>[1]>[0]) =>
      tx.$queryRaw<
        { iso: string; ro: string }[]
      >`SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro`;
    const [snapshot] = await withTransaction(f.t.db, show, {
      readOnly: true,
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    });
    expect(snapshot).toEqual({ iso: "repeatable read", ro: "on" });
    const [plain] = await withTransaction(f.t.db, show, { readOnly: true });
    expect(plain).toEqual({ iso: "read committed", ro: "on" });
    await expect(withTransaction(f.t.db, rename("Nope"), { readOnly: true })).rejects.toThrow(/read-only/);
    expect(await nameNow()).toBe("Main store");
  });

  it("refuses to switch practice inside a transaction", async () => {
    await expect(
      withTransaction(f.t.db, () => withTransaction(f.t.db, async () => {}, { practiceId: crypto.randomUUID() }), {
        practiceId: f.p.practiceId,
      }),
    ).rejects.toThrow(/cannot switch practice or user/);
  });

  it("a savepoint undoes only its own writes", async () => {
    await withTransaction(f.t.db, async (tx) => {
      await rename("Kept")(tx);
      await expect(
        withSavepoint(tx, "s1", async () => {
          await rename("Undone")(tx);
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
    });
    expect(await nameNow()).toBe("Kept");
  });
});
