import { describe, expect, it } from "vitest";
import { GroupCommit, type Settled } from "./group-commit.js";

/** An executor that records each turn and waits for the test to release it. */
function gated() {
  const turns: string[][] = [];
  const gates: Array<() => void> = [];
  const execute = (items: string[]) =>
    new Promise<Settled<string>[]>((resolve) => {
      turns.push(items);
      gates.push(() =>
        resolve(items.map((i) => (i.startsWith("bad") ? { ok: false, error: new Error(i) } : { ok: true, value: `done ${i}` }))),
      );
    });
  const release = async () => {
    await new Promise((r) => setImmediate(r));
    gates.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { turns, execute, release };
}

const item = (name: string, member = name, weight = 1) => ({ item: name, member, weight });

describe("GroupCommit", () => {
  it("runs the first item at once and the items that arrive meanwhile together in the next turn", async () => {
    const g = gated();
    const commit = new GroupCommit(25, g.execute);
    const first = commit.run("p1", item("a"));
    const later = [commit.run("p1", item("b")), commit.run("p1", item("c"))];
    expect(g.turns).toEqual([["a"]]);
    await g.release();
    expect(g.turns).toEqual([["a"], ["b", "c"]]);
    await g.release();
    expect(await first).toBe("done a");
    expect(await Promise.all(later)).toEqual(["done b", "done c"]);
  });

  it("keys do not wait for each other", async () => {
    const g = gated();
    const commit = new GroupCommit(25, g.execute);
    void commit.run("p1", item("a"));
    void commit.run("p2", item("x"));
    expect(g.turns).toEqual([["a"], ["x"]]);
    await g.release();
    await g.release();
  });

  it("never puts two items of one member in a turn, and keeps the later one for the turn after", async () => {
    const g = gated();
    const commit = new GroupCommit(25, g.execute);
    const all = [
      commit.run("p1", item("a")),
      commit.run("p1", item("b1", "b")),
      commit.run("p1", item("b2", "b")),
      commit.run("p1", item("c")),
    ];
    await g.release();
    expect(g.turns[1]).toEqual(["b1", "c"]);
    await g.release();
    expect(g.turns[2]).toEqual(["b2"]);
    await g.release();
    expect(await Promise.all(all)).toEqual(["done a", "done b1", "done b2", "done c"]);
  });

  it("fills a turn up to its capacity by weight, always taking at least one item", async () => {
    const g = gated();
    const commit = new GroupCommit(3, g.execute);
    const all = [
      commit.run("p1", item("a")),
      commit.run("p1", item("big", "big", 10)),
      commit.run("p1", item("b", "b", 2)),
      commit.run("p1", item("c", "c", 2)),
    ];
    await g.release();
    expect(g.turns[1]).toEqual(["big"]);
    await g.release();
    expect(g.turns[2]).toEqual(["b"]);
    await g.release();
    expect(g.turns[3]).toEqual(["c"]);
    await g.release();
    await Promise.all(all);
  });

  it("answers each item on its own: one failure does not fail the others of its turn", async () => {
    const g = gated();
    const commit = new GroupCommit(25, g.execute);
    const first = commit.run("p1", item("a"));
    const bad = commit.run("p1", item("bad")).catch((err: Error) => err.message);
    const good = commit.run("p1", item("c"));
    await g.release();
    await g.release();
    await first;
    expect(await bad).toBe("bad");
    expect(await good).toBe("done c");
  });

  it("an executor that throws fails its whole turn, and the key carries on with the next", async () => {
    let calls = 0;
    const commit = new GroupCommit<string, string>(25, async (items) => {
      calls++;
      if (calls === 1) throw new Error("database away");
      return items.map((i) => ({ ok: true, value: i }));
    });
    await expect(commit.run("p1", item("a"))).rejects.toThrow("database away");
    expect(await commit.run("p1", item("b"))).toBe("b");
  });
});
