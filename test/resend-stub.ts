/**
 * A local stand-in for the Resend HTTP API (`POST /emails` only), for tests that drive the real Resend
 * SDK: `new Resend(stub.apiKey, { baseUrl: stub.url })` or RESEND_BASE_URL=stub.url.
 *
 * It mimics what matters for an email worker: bearer-key auth, minimal payload validation, and Resend's
 * idempotency semantics (same Idempotency-Key + same raw body → the stored `{id}` again and no second
 * email; same key + different body → 409 invalid_idempotent_request). Faults can be injected for the
 * next requests: errors, hangs (client timeouts), 409 concurrent_idempotent_requests, permanent
 * rejection, and "delivered but the response never arrives". Injected faults never record the key, so
 * a retry with the same key can still succeed.
 *
 * Order of checks per request: auth → injected fault (queue, then permanent rejection) → idempotency key
 * length → JSON and payload validation → rejected recipient → idempotency store → deliver.
 *
 * Tests in another process (the browser tests, whose stand-in runs in the e2e global setup) reach it
 * over HTTP under `/_stub/` (see `control`): the emails delivered, and rejecting a recipient.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface StubEmail {
  id: string;
  idempotencyKey: string | null;
  payload: { from: string; to: string | string[]; subject: string; html?: string; text?: string; [k: string]: unknown };
  receivedAt: number;
}

export interface StubRequest {
  idempotencyKey: string | null;
  /** HTTP status answered; 0 when no answer was sent (timeoutNext, deliverThenHang). */
  status: number;
  at: number;
}

export interface ResendStub {
  /** Base URL to pass as `baseUrl` / RESEND_BASE_URL (no trailing slash). */
  url: string;
  /** The only key accepted; no key → 401 missing_api_key, another key → 403 invalid_api_key (as Resend). */
  apiKey: string;
  /** Emails actually "sent": one per distinct successful send. */
  delivered: StubEmail[];
  /** Every POST /emails with the status answered (0 for requests left hanging). */
  requests: StubRequest[];
  /** The next n requests answer an error (default 500 internal_server_error) without delivering. */
  failNext(n: number, status?: number, name?: string): void;
  /** The next n requests never answer (the client must time out); nothing is delivered. */
  timeoutNext(n: number): void;
  /** The next n requests answer 409 concurrent_idempotent_requests. */
  concurrentNext(n: number): void;
  /** Every request answers this error (default 422 validation_error) until reset(). */
  rejectPermanently(status?: number, name?: string): void;
  /** Sends to this address answer 422 validation_error (nothing delivered, key not recorded) until acceptRecipient or reset(). */
  rejectRecipient(address: string): void;
  acceptRecipient(address: string): void;
  /** Called with each email as it is delivered. */
  onDelivered(listener: (email: StubEmail) => void): void;
  /** The next n requests are delivered (idempotency recorded) but no response is ever sent. */
  deliverThenHang(n: number): void;
  /** Successful answers arrive this long after the request (the email counts as delivered on arrival). */
  setLatency(ms: number): void;
  /** Back to a fresh stub: clears faults, delivered, requests and idempotency records, and drops hanging requests. */
  reset(): void;
  /** Resolves once delivered.length >= count; rejects after timeoutMs (default 5000) or on close(). */
  waitForDelivered(count: number, timeoutMs?: number): Promise<void>;
  /** Stops the server and ends every open or hanging connection. */
  close(): Promise<void>;
}

type Fault = { kind: "fail"; status: number; name: string } | { kind: "timeout" } | { kind: "concurrent" } | { kind: "deliverThenHang" };

interface IdempotencyRecord {
  bodyHash: string;
  id: string;
}

const MESSAGES: Record<string, string> = {
  missing_api_key: "Missing API key in the authorization header.",
  invalid_api_key: "API key is invalid.",
  invalid_idempotency_key: "The key must be between 1-256 chars.",
  invalid_idempotent_request: "Same idempotency key used with a different request payload.",
  concurrent_idempotent_requests: "Same idempotency key used while original request is still in progress.",
  internal_server_error: "An unexpected error occurred.",
  not_found: "The requested endpoint does not exist.",
  method_not_allowed: "Method is not allowed for the requested path.",
  rate_limit_exceeded: "Too many requests. Please limit the number of requests per second.",
};

const MAX_BODY_BYTES = 40 * 1024 * 1024;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

function errorBody(status: number, name: string, message?: string): { statusCode: number; name: string; message: string } {
  return { statusCode: status, name, message: message ?? MESSAGES[name] ?? `Stubbed ${name}.` };
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.trim() !== "";
}

/** Resend-like minimal validation; returns a message for the first problem, or null. */
function validatePayload(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return "The request body must be a JSON object.";
  const p = payload as Record<string, unknown>;
  for (const field of ["from", "subject"] as const) {
    if (!isNonEmptyString(p[field])) return `Missing \`${field}\` field.`;
  }
  const to = p.to;
  const toOk = isNonEmptyString(to) || (Array.isArray(to) && to.length > 0 && to.length <= 50 && to.every(isNonEmptyString));
  if (!toOk) return "Missing or invalid `to` field (a string or 1 to 50 strings).";
  if (!isNonEmptyString(p.html) && !isNonEmptyString(p.text) && p.template === undefined) return "Missing `html` or `text` field.";
  return null;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startResendStub(): Promise<ResendStub> {
  const apiKey = `re_stub_${randomBytes(12).toString("hex")}`;
  const delivered: StubEmail[] = [];
  const requests: StubRequest[] = [];
  const faults: Fault[] = [];
  let latencyMs = 0;
  const idempotency = new Map<string, IdempotencyRecord>();
  const hanging = new Set<http.ServerResponse>();
  const rejectedRecipients = new Set<string>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let permanent: { status: number; name: string } | null = null;
  let closed = false;

  function record(idempotencyKey: string | null, status: number): void {
    requests.push({ idempotencyKey, status, at: Date.now() });
  }

  function answer(res: http.ServerResponse, key: string | null, status: number, body: unknown): void {
    record(key, status);
    sendJson(res, status, body);
  }

  function hang(res: http.ServerResponse, key: string | null): void {
    record(key, 0);
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
  }

  function deliver(key: string | null, payload: StubEmail["payload"]): string {
    const id = randomUUID();
    const email = { id, idempotencyKey: key, payload, receivedAt: Date.now() };
    delivered.push(email);
    events.emit("delivered", email);
    return id;
  }

  async function handleSend(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawKey = req.headers["idempotency-key"];
    const key = typeof rawKey === "string" ? rawKey : null;

    // Answers that do not need the body still drain it, so keep-alive connections stay usable.
    const early = (status: number, name: string): void => {
      req.resume();
      answer(res, key, status, errorBody(status, name));
    };

    const auth = req.headers.authorization;
    const bearer = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length).trim() : "";
    if (!bearer) return early(401, "missing_api_key");
    if (bearer !== apiKey) return early(403, "invalid_api_key");

    // Decided on arrival, so faults apply in the order requests come in.
    const fault = faults.shift();
    if (fault?.kind === "timeout") {
      req.resume(); // drain the body; never answer
      return hang(res, key);
    }
    if (fault?.kind === "fail") return early(fault.status, fault.name);
    if (fault?.kind === "concurrent") return early(409, "concurrent_idempotent_requests");
    if (permanent) return early(permanent.status, permanent.name);
    if (key !== null && (key.length < 1 || key.length > 256)) return early(400, "invalid_idempotency_key");

    const raw = await readBody(req);
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      return answer(res, key, 422, errorBody(422, "validation_error", "The request body is not valid JSON."));
    }
    const problem = validatePayload(payload);
    if (problem) return answer(res, key, 422, errorBody(422, "validation_error", problem));
    const to = (payload as StubEmail["payload"]).to;
    const refusedTo = (Array.isArray(to) ? to : [to]).find((a) => rejectedRecipients.has(a.toLowerCase()));
    if (refusedTo)
      return answer(res, key, 422, errorBody(422, "validation_error", `The recipient ${refusedTo} is rejected by the stand-in.`));

    let id: string;
    const bodyHash = createHash("sha256").update(raw).digest("hex");
    const previous = key === null ? undefined : idempotency.get(key);
    if (previous && previous.bodyHash !== bodyHash) return answer(res, key, 409, errorBody(409, "invalid_idempotent_request"));
    if (previous) {
      id = previous.id; // replay: same answer, nothing delivered again
    } else {
      id = deliver(key, payload as StubEmail["payload"]);
      if (key !== null) idempotency.set(key, { bodyHash, id });
    }

    if (fault?.kind === "deliverThenHang") return hang(res, key);
    // A slow provider: the email is accepted on arrival, the answer comes later.
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    answer(res, key, 200, { id });
  }

  /** Test-only routes for tests in another process: GET /_stub/emails, POST /_stub/recipients/{reject,accept} {"address"}. */
  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
    if (req.method === "GET" && path === "/_stub/emails") return sendJson(res, 200, delivered);
    const action = /^\/_stub\/recipients\/(reject|accept)$/.exec(path)?.[1];
    if (req.method !== "POST" || !action) {
      req.resume();
      return sendJson(res, 404, errorBody(404, "not_found"));
    }
    const { address } = JSON.parse((await readBody(req)).toString("utf8")) as { address?: unknown };
    if (typeof address !== "string" || !address) return sendJson(res, 422, errorBody(422, "validation_error", "Missing `address`."));
    if (action === "reject") rejectedRecipients.add(address.toLowerCase());
    else rejectedRecipients.delete(address.toLowerCase());
    sendJson(res, 200, { ok: true });
  }

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith("/_stub/")) {
      control(req, res, path).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) sendJson(res, 400, errorBody(400, "validation_error", String(err)));
      });
      return;
    }
    if (path !== "/emails") {
      req.resume();
      return sendJson(res, 404, errorBody(404, "not_found"));
    }
    if (req.method !== "POST") {
      req.resume();
      return sendJson(res, 405, errorBody(405, "method_not_allowed"));
    }
    handleSend(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        const message = err instanceof Error ? err.message : String(err);
        answer(res, null, 500, errorBody(500, "internal_server_error", `Stub failure: ${message}`));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  function queue(n: number, fault: Fault): void {
    if (!Number.isInteger(n) || n < 0) throw new Error(`Expected a non-negative integer count, got ${n}`);
    for (let i = 0; i < n; i++) faults.push(fault);
  }

  function dropHanging(): void {
    for (const res of hanging) res.destroy();
    hanging.clear();
  }

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    delivered,
    requests,
    failNext(n, status = 500, name = "internal_server_error") {
      queue(n, { kind: "fail", status, name });
    },
    timeoutNext(n) {
      queue(n, { kind: "timeout" });
    },
    concurrentNext(n) {
      queue(n, { kind: "concurrent" });
    },
    rejectPermanently(status = 422, name = "validation_error") {
      permanent = { status, name };
    },
    deliverThenHang(n) {
      queue(n, { kind: "deliverThenHang" });
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    rejectRecipient(address) {
      rejectedRecipients.add(address.toLowerCase());
    },
    acceptRecipient(address) {
      rejectedRecipients.delete(address.toLowerCase());
    },
    onDelivered(listener) {
      events.on("delivered", listener);
    },
    reset() {
      latencyMs = 0;
      rejectedRecipients.clear();
      faults.length = 0;
      permanent = null;
      delivered.length = 0;
      requests.length = 0;
      idempotency.clear();
      dropHanging();
    },
    waitForDelivered(count, timeoutMs = 5000) {
      if (delivered.length >= count) return Promise.resolve();
      if (closed) return Promise.reject(new Error("Resend stub is closed"));
      return new Promise<void>((resolve, reject) => {
        const done = (err?: Error): void => {
          clearTimeout(timer);
          events.off("delivered", onDelivered);
          events.off("closed", onClosed);
          if (err) reject(err);
          else resolve();
        };
        const onDelivered = (): void => {
          if (delivered.length >= count) done();
        };
        const onClosed = (): void => done(new Error(`Resend stub closed with ${delivered.length} of ${count} emails delivered`));
        const timer = setTimeout(
          () => done(new Error(`Timed out after ${timeoutMs} ms: ${delivered.length} of ${count} emails delivered`)),
          timeoutMs,
        );
        events.on("delivered", onDelivered);
        events.on("closed", onClosed);
      });
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      events.emit("closed");
      dropHanging();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
