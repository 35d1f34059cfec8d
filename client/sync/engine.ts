import type { ReplicaDb } from "../replica/db.js";
import { rotateClientIdIfOutboxEmpty } from "../replica/clientId.js";
import { setMeta } from "../replica/meta.js";
import { REBASE_BACKLOG_LIMIT } from "../replica/rebase.js";
import { RetryTimer, type Timers } from "./backoff.js";
import { classifyFailure, describeFailure } from "./failures.js";
import { pullAll, type PullOptions, type PullProgress } from "./pull.js";
import { pushOutbox, type PushOptions } from "./push.js";
import { SingleFlight } from "./singleFlight.js";
import type { SyncTransport } from "./transport.js";

/** Why sync is paused until something outside the engine changes. */
export type SyncBlock =
  | { kind: "auth"; message: string }
  | { kind: "clientMismatch"; message: string }
  | { kind: "schemaTooOld"; message: string }
  | { kind: "stuck"; message: string };

export interface SyncEngineState {
  pushing: boolean;
  pulling: boolean;
  blocked: SyncBlock | null;
  /** The latest transient failure, cleared by the next success of the same kind (a pull that works says nothing about pushes). */
  lastError: string | null;
  /** Why the last push failed, until a push succeeds: queued changes are not reaching the server. */
  pushError: string | null;
  /** When the next automatic retry runs (epoch ms), if one is scheduled. */
  retryAt: number | null;
  /** Progress of the running pull once it has applied a page; null when no pull runs. */
  pullProgress: PullProgress | null;
}

export type { Timers } from "./backoff.js";

export interface SyncEngineOptions {
  db: ReplicaDb;
  transport: SyncTransport;
  timers?: Timers;
  random?: () => number;
  now?: () => Date;
  push?: Omit<PushOptions, "now">;
  pull?: Omit<PullOptions, "now" | "onProgress">;
  /** Called when the server says this app is too old to sync (HTTP 426). */
  onSchemaTooOld?: () => void;
}

type Kind = "push" | "pull";

/**
 * Schedules pushes and pulls for one replica: single-flight each, backoff on failure, pauses on
 * conditions a retry cannot fix (session ended, replica bound to another user, app too old). It knows
 * nothing about the browser: triggers.ts wires window events and the poke stream to it.
 */
export class SyncEngine {
  private state: SyncEngineState = {
    pushing: false,
    pulling: false,
    blocked: null,
    lastError: null,
    pushError: null,
    retryAt: null,
    pullProgress: null,
  };
  private readonly errors: Record<Kind, string | null> = { push: null, pull: null };
  private readonly listeners = new Set<() => void>();
  private readonly flights: Record<Kind, SingleFlight>;
  private readonly retries: Record<Kind, RetryTimer>;
  private readonly now: () => Date;
  private stopped = false;
  private rotatedClientId = false;
  /** A pull was asked for while a push was sending a large backlog: run it when that push ends. */
  private pullAfterPush = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? (() => new Date());
    const retry = () => new RetryTimer(options.timers, options.random, () => this.now().getTime());
    this.retries = { push: retry(), pull: retry() };
    this.flights = { push: new SingleFlight(() => this.pushTask()), pull: new SingleFlight(() => this.pullTask()) };
  }

  /** Starts syncing: a pull, and a push (a no-op when the outbox is empty). */
  start(): Promise<void> {
    this.stopped = false;
    return Promise.all([this.requestPull(), this.requestPush()]).then(() => undefined);
  }

  /** Stops all timers; in-flight requests finish but trigger nothing further. */
  stop(): void {
    this.stopped = true;
    for (const kind of ["push", "pull"] as const) this.cancelRetry(kind);
    this.emit();
  }

  /** Pushes now (or right after the current push). Resolves when that push has finished. */
  requestPush(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.flights.push.run();
  }

  /** Pulls now (or right after the current pull). */
  requestPull(): Promise<void> {
    return this.stopped ? Promise.resolve() : this.flights.pull.run();
  }

  /** The network came back (or the user asked): forget backoff and sync right away. */
  syncNow(): Promise<void> {
    this.retries.push.reset();
    this.retries.pull.reset();
    if (this.state.blocked?.kind === "stuck") this.setState({ blocked: null });
    return Promise.all([this.requestPush(), this.requestPull()]).then(() => undefined);
  }

  /** Clears a pause (after sign-in, say) and syncs. */
  resume(): Promise<void> {
    this.setState({ blocked: null });
    return this.syncNow();
  }

  getState = (): SyncEngineState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async pushTask(): Promise<void> {
    if (this.stopped || this.state.blocked) return;
    this.cancelRetry("push");
    this.setState({ pushing: true });
    try {
      const outcome = await pushOutbox(this.options.db, this.options.transport, { ...this.options.push, now: this.now });
      await this.succeeded("push");
      // The server changed because of us: fetch the result so confirmed entries leave the outbox
      // (once this push no longer counts as running, below, so that pull is not deferred).
      if (outcome.sent > 0) this.pullAfterPush = true;
    } catch (e) {
      await this.failed("push", e);
    } finally {
      this.setState({ pushing: false });
      if (this.pullAfterPush) {
        this.pullAfterPush = false;
        void this.requestPull();
      }
    }
  }

  private async pullTask(): Promise<void> {
    // A stuck push must not stop us from receiving everyone else's changes.
    if (this.stopped || (this.state.blocked && this.state.blocked.kind !== "stuck")) return;
    if (await this.deferPullToPush()) return;
    this.cancelRetry("pull");
    this.setState({ pulling: true });
    try {
      await pullAll(this.options.db, this.options.transport, {
        ...this.options.pull,
        now: this.now,
        onProgress: (pullProgress) => this.setState({ pullProgress }),
      });
      await this.succeeded("pull");
    } catch (e) {
      await this.failed("pull", e);
    } finally {
      this.setState({ pulling: false, pullProgress: null });
    }
  }

  /**
   * While a push is sending more than REBASE_BACKLOG_LIMIT queued changes (a CSV import), a pull (every
   * push pokes us) would mostly bring the device's own changes back, page by page, only to file them as
   * shadows under the still-queued changes; its transactions and the server's pull queries slowed the
   * import's queueing and pushes. Such a pull waits for the push to end (whatever its outcome), which
   * then runs it: nothing is skipped, other devices' changes arrive once the backlog is sent.
   */
  private async deferPullToPush(): Promise<boolean> {
    if (!this.state.pushing) return false;
    const backlog = await this.options.db.outbox.count();
    // Checked again after the await: had the push ended meanwhile, nobody would run a deferred pull.
    if (!this.state.pushing || backlog <= REBASE_BACKLOG_LIMIT) return false;
    this.pullAfterPush = true;
    return true;
  }

  private async succeeded(kind: Kind): Promise<void> {
    this.retries[kind].reset();
    this.errors[kind] = null;
    const lastError = this.errors.push ?? this.errors.pull;
    if (this.state.lastError !== lastError || this.state.pushError !== this.errors.push) {
      this.setState({ lastError, pushError: this.errors.push });
      if (lastError === null) await setMeta(this.options.db, "lastError", null);
    }
  }

  private noteError(kind: Kind, message: string): void {
    this.errors[kind] = message;
    this.setState({ lastError: message, pushError: this.errors.push });
  }

  private async failed(kind: Kind, error: unknown): Promise<void> {
    const message = describeFailure(error);
    switch (classifyFailure(error)) {
      case "auth":
        this.setState({ blocked: { kind: "auth", message: "Your session has ended. Sign in again to sync." } });
        return;
      case "schemaTooOld":
        this.setState({ blocked: { kind: "schemaTooOld", message: "This version of the app is too old to sync. Update it to continue." } });
        this.options.onSchemaTooOld?.();
        return;
      case "clientMismatch":
        // With an empty outbox a fresh clientId is safe (once); otherwise keep everything and stop.
        if (!this.rotatedClientId && (await rotateClientIdIfOutboxEmpty(this.options.db))) {
          this.rotatedClientId = true;
          void this.syncNow();
          return;
        }
        this.setState({
          blocked: {
            kind: "clientMismatch",
            message:
              "The server registered this device's sync for another account, so it cannot send these changes. They are kept on this device; ask an admin.",
          },
        });
        return;
      case "stuck":
        this.noteError(kind, message);
        this.setState({ blocked: { kind: "stuck", message } });
        await setMeta(this.options.db, "lastError", { message, at: this.now().toISOString() });
        return;
      case "retry":
        this.noteError(kind, message);
        await setMeta(this.options.db, "lastError", { message, at: this.now().toISOString() });
        this.scheduleRetry(kind);
    }
  }

  private scheduleRetry(kind: Kind): void {
    if (this.stopped) return;
    this.retries[kind].schedule(() => {
      this.updateRetryAt();
      void (kind === "push" ? this.requestPush() : this.requestPull());
    });
    this.updateRetryAt();
  }

  private cancelRetry(kind: Kind): void {
    this.retries[kind].cancel();
    this.updateRetryAt();
  }

  private updateRetryAt(): void {
    const times = [this.retries.push.dueAt, this.retries.pull.dueAt].filter((t): t is number => t !== null);
    const next = times.length ? Math.min(...times) : null;
    if (next !== this.state.retryAt) this.setState({ retryAt: next });
  }

  private setState(patch: Partial<SyncEngineState>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
