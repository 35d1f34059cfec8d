/**
 * A Redis server of the test's own (real redis-server on a free port), so a test can stop and restart it
 * without disturbing other tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { Redis } from "ioredis";

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address() as { port: number };
  srv.close();
  await once(srv, "close");
  return port;
}

export class PrivateRedis {
  private proc?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.resume();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and waits until it answers. */
  async resume(): Promise<void> {
    this.proc = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
    probe.on("error", () => {}); // refused connections are expected until the server is up
    for (let i = 0; i < 100; i++) {
      try {
        if (probe.status !== "ready") await probe.connect().catch(() => {});
        if ((await probe.ping()) === "PONG") break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    probe.disconnect();
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing is answered, like a hung host. */
  pause(): void {
    this.proc?.kill("SIGSTOP");
  }

  /** Lets a paused server run again (SIGCONT). */
  unpause(): void {
    this.proc?.kill("SIGCONT");
  }

  /** Stops the server (a real outage: connections drop, nothing kept). */
  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    p.kill("SIGKILL");
    await once(p, "exit");
  }
}
