/**
 * Runs an async task so that at most one run is in flight. A request made during a run schedules
 * exactly one more run after it (requests coalesce), and the returned promise settles when the run that
 * covers the request has finished. The task should not throw; if it does, the error is swallowed here
 * so one failure cannot wedge the scheduler (callers report their own errors).
 */
export class SingleFlight {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly task: () => Promise<void>) {}

  /** Requests a run. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  /** True while a run is in flight. */
  get busy(): boolean {
    return this.running !== null;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        try {
          await this.task();
        } catch {
          // See the class comment.
        }
      } while (this.again);
    } finally {
      this.running = null;
    }
  }
}
