/**
 * Group commit: work items that must take turns on one lock (a practice's version lock) are run
 * together when they arrive while an earlier turn is running. The first item of a key runs at once;
 * items arriving meanwhile wait, and when the turn ends the waiting ones go in the next turn together,
 * up to `capacity` (by weight), never two with the same `member` (a push of one sync client waits for
 * the other: they take turns on the client's row, and its seqs follow each other).
 *
 * Why: twenty tablets of one practice pushing one change each queued on the practice lock, and each
 * push held it for several round trips (begin, the mutator's statements, results, commit), with the
 * event loop's other work in between. Profiled, the server was mostly idle: the pushes waited on one
 * another. A turn that carries all the pushes that queued during the previous one pays those fixed
 * costs once for all of them.
 *
 * The executor answers each item of a turn on its own (a value or an error), so one failing item does
 * not fail the others. Turns of one key never overlap in this process.
 */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupItem<I> {
  item: I;
  /** Items with the same member never share a turn. */
  member: string;
  weight: number;
}

interface Waiting<I, R> extends GroupItem<I> {
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class GroupCommit<I, R> {
  /** Keys with a turn running; their queue of items waiting for the next turn. */
  private readonly queues = new Map<string, Waiting<I, R>[]>();

  constructor(
    private readonly capacity: number,
    private readonly execute: (items: I[]) => Promise<Settled<R>[]>,
  ) {}

  /** Runs `item` in the next turn of `key` (at once if none is running) and answers its own result. */
  run(key: string, entry: GroupItem<I>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = { ...entry, resolve, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(waiting);
        return;
      }
      this.queues.set(key, [waiting]);
      void this.turns(key);
    });
  }

  /** Turns of `key` until nobody waits. */
  private async turns(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length > 0) {
      const turn = this.take(queue);
      let answers: Settled<R>[];
      try {
        answers = await this.execute(turn.map((w) => w.item));
      } catch (error) {
        answers = turn.map(() => ({ ok: false, error }));
      }
      turn.forEach((w, i) => {
        const a = answers[i] ?? { ok: false, error: new Error("group commit: no answer for an item") };
        if (a.ok) w.resolve(a.value);
        else w.reject(a.error);
      });
    }
    this.queues.delete(key);
  }

  /** The next turn: waiting items in arrival order, one per member, within capacity (at least one). */
  private take(queue: Waiting<I, R>[]): Waiting<I, R>[] {
    const turn: Waiting<I, R>[] = [];
    const members = new Set<string>();
    let weight = 0;
    for (let i = 0; i < queue.length;) {
      const w = queue[i]!;
      const fits = turn.length === 0 || (weight + w.weight <= this.capacity && !members.has(w.member));
      if (!fits) {
        if (weight >= this.capacity) break;
        i++;
        continue;
      }
      turn.push(w);
      members.add(w.member);
      weight += w.weight;
      queue.splice(i, 1);
    }
    return turn;
  }
}
