/**
 * A tiny HTTP client for the benchmark: keeps the session cookie like a browser would, counts the bytes
 * of every response body and times every request (request sent → last body byte received).
 * `BenchSyncClient` adds what a replica does on top: a clientId and gap-free push seqs.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import { gunzipSync } from "node:zlib";
import type { PullResponse } from "../shared/protocol/pull.js";
import type { PushMutation, PushResponse } from "../shared/protocol/push.js";
import { REPLICA_SCHEMA_VERSION } from "../shared/protocol/version.js";

export interface HttpResult {
  status: number;
  /** The raw response body (JSON text). Parse it outside the timed section. */
  text: string;
  /** Response body size in bytes as sent on the wire (gzip-compressed when the server compressed it). */
  bytes: number;
  /** Response body size after decompression. */
  rawBytes: number;
  /** Request sent → whole body received, in milliseconds. */
  ms: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    path: string,
  ) {
    super(`HTTP ${status} from ${path}: ${body.slice(0, 300)}`);
  }
}

export class HttpClient {
  private readonly cookies = new Map<string, string>();
  requests = 0;
  bytesReceived = 0;

  constructor(readonly baseUrl: string) {}

  async post(path: string, body: unknown): Promise<HttpResult> {
    const payload = JSON.stringify(body);
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = this.cookies.get("venzory_csrf");
    if (csrf) headers["x-csrf-token"] = csrf;
    headers["accept-encoding"] = "gzip"; // as browsers do; node:http (unlike fetch) lets us count wire bytes
    const started = performance.now();
    const res = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; wire: Buffer }>((resolve, reject) => {
      const req = http.request(this.baseUrl + path, { method: "POST", headers }, (r) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, headers: r.headers, wire: Buffer.concat(chunks) }));
        r.on("error", reject);
      });
      req.on("error", reject);
      req.end(payload);
    });
    const decoded = res.headers["content-encoding"] === "gzip" ? gunzipSync(res.wire) : res.wire;
    const ms = performance.now() - started;
    this.storeCookies([res.headers["set-cookie"] ?? []].flat());
    this.requests++;
    this.bytesReceived += res.wire.byteLength;
    const text = decoded.toString("utf8");
    if (res.status < 200 || res.status >= 300) throw new HttpError(res.status, text, path);
    return { status: res.status, text, bytes: res.wire.byteLength, rawBytes: decoded.byteLength, ms };
  }

  async login(email: string, password: string): Promise<void> {
    // A browser holds the CSRF cookie before it signs in (any GET sets it); fetch it the same way.
    const res = await fetch(`${this.baseUrl}/api/auth/csrf`);
    this.storeCookies(res.headers.getSetCookie());
    await this.post("/api/auth/login", { email, password });
    if (this.cookies.size === 0) throw new Error(`Login for ${email} set no session cookie.`);
  }

  private storeCookies(setCookies: string[]) {
    for (const line of setCookies) {
      const pair = line.split(";", 1)[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // A cleared cookie comes back empty (and expired): forget it.
      if (value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** One replica: its own clientId and seq counter, talking to the sync endpoints. */
export class BenchSyncClient {
  readonly clientId = randomUUID();
  private nextSeq = 1;

  constructor(readonly http: HttpClient) {}

  /** Queues a mutation (allocates its seq) without sending it. */
  mutation(name: string, args: unknown): PushMutation {
    return { id: randomUUID(), seq: this.nextSeq++, name, args, clientTime: new Date().toISOString() };
  }

  async push(mutations: PushMutation[]): Promise<{ res: PushResponse; http: HttpResult }> {
    const http = await this.http.post("/api/sync/push", { clientId: this.clientId, schemaVersion: REPLICA_SCHEMA_VERSION, mutations });
    return { res: JSON.parse(http.text) as PushResponse, http };
  }

  /** One pull page; the body is returned unparsed so the caller decides what to time. */
  pullRaw(cursor: number, limit?: number): Promise<HttpResult> {
    return this.http.post("/api/sync/pull", {
      clientId: this.clientId,
      schemaVersion: REPLICA_SCHEMA_VERSION,
      cursor,
      ...(limit ? { limit } : {}),
    });
  }

  static parsePull(http: HttpResult): PullResponse {
    return JSON.parse(http.text) as PullResponse;
  }
}
