/**
 * "Something changed in practice P": a data-free hint that makes connected clients pull. Delivered to
 * this instance's Server-Sent Events streams directly and to other instances over Redis pub/sub. A lost
 * poke costs only latency: clients also pull on start, focus and after each push.
 */
import type { Redis } from "ioredis";
import type { Logger } from "../log/logger.js";

type Listener = () => void;

export class PokeHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly streams = new Set<() => void>();
  private subscriber?: Redis;

  private readonly channel: string;

  constructor(
    private readonly log: Logger,
    private readonly publisher?: Redis,
    prefix = "venzory",
  ) {
    this.channel = `${prefix}:poke`;
  }

  /** Subscribes to pokes from other instances (a pub/sub connection cannot run other commands). */
  async connect(): Promise<void> {
    if (!this.publisher) return;
    this.subscriber = this.publisher.duplicate({ enableOfflineQueue: true });
    this.subscriber.on("message", (_channel: string, practiceId: string) => this.deliver(practiceId));
    this.subscriber.on("error", (err: Error) => this.log.debug({ err }, "poke subscriber error"));
    await this.subscriber.subscribe(this.channel).catch((err: Error) => this.log.warn({ err }, "poke subscribe failed; pokes stay local"));
  }

  publish(practiceId: string): void {
    if (this.publisher && this.subscriber?.status === "ready") {
      this.publisher.publish(this.channel, practiceId).catch(() => this.deliver(practiceId));
    } else {
      this.deliver(practiceId);
    }
  }

  listen(practiceId: string, listener: Listener): () => void {
    let set = this.listeners.get(practiceId);
    if (!set) this.listeners.set(practiceId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(practiceId);
    };
  }

  /** Registers a way to end an open stream; called at shutdown so streams do not hold it up. */
  trackStream(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  async close(): Promise<void> {
    for (const end of [...this.streams]) end();
    this.streams.clear();
    this.listeners.clear();
    await this.subscriber?.quit().catch(() => {});
  }

  private deliver(practiceId: string): void {
    for (const listener of this.listeners.get(practiceId) ?? []) listener();
  }
}
