/**
 * Work a request starts but does not wait for. The "email me a link" requests (magic link, password
 * reset, sign-up) answer at once and only then look the address up, hash, issue the token and write the
 * outbox email: the work differs with whether an account exists, the answer does not wait for it, so
 * its timing cannot tell (account enumeration by timing).
 *
 * Durability: once the work commits, its outbox row carries the email through crashes as every email
 * is carried. Only a crash in the milliseconds between the answer and that commit loses the request;
 * the person asks again. Graceful shutdown awaits the work (`drainAfterAnswer`) before it closes the
 * connections the work uses. Each piece runs once, so no email is doubled.
 *
 * Few run at a time (they share the small system connection pool with sign-in); when the backlog is
 * full (a flood that got past the rate limits) the request waits for its own work instead: slower and
 * then measurable, but never unbounded memory.
 */
import type { Logger } from "../../log/logger.js";

const MAX_RUNNING = 2;
const MAX_WAITING = 500;

export class AfterAnswer {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly maxRunning = MAX_RUNNING,
    private readonly maxWaiting = MAX_WAITING,
  ) {}

  /**
   * Schedules `work` to start after the current answer is written. Resolves at once, or (backlog full)
   * when the work is done. Failures are logged, never thrown: the answer has already gone out.
   */
  schedule(log: Logger, what: string, work: () => Promise<unknown>): Promise<void> {
    const overloaded = this.waiting.length >= this.maxWaiting;
    const done = this.turn()
      .then(work)
      .then(
        () => {},
        (err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err), work: what }, "work after the answer failed"),
      )
      .finally(() => {
        this.running--;
        this.waiting.shift()?.();
        this.pending.delete(done);
      });
    this.pending.add(done);
    return overloaded ? done : Promise.resolve();
  }

  /** Waits until every scheduled piece of work has finished (including work scheduled meanwhile). */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }

  /** Resolves when this piece may start: never before the next turn of the event loop (the answer first). */
  private turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      setImmediate(() => {
        if (this.running < this.maxRunning) {
          this.running++;
          resolve();
        } else {
          this.waiting.push(() => {
            this.running++;
            resolve();
          });
        }
      });
    });
  }
}

/** The process's one queue: the API routes schedule on it, shutdown drains it. */
export const afterAnswer = new AfterAnswer();

/** For graceful shutdown: resolves when all work started by answered requests is done. */
export const drainAfterAnswer = (): Promise<void> => afterAnswer.drain();
