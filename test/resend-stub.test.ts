import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Resend } from "resend";
import { startResendStub, type ResendStub } from "./resend-stub.js";

let stub: ResendStub;
let resend: Resend;

beforeAll(async () => {
  stub = await startResendStub();
  resend = new Resend(stub.apiKey, { baseUrl: stub.url });
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

const payload = {
  from: "Venzory <orders@venzory.example>",
  to: ["supplier@acme.example"],
  replyTo: "jane@riverside.example",
  subject: "Purchase order RMP-0042 from Riverside Medical Practice",
  html: "<p>Order</p>",
  text: "Order",
};

/** What Resend SDK 6.38 returns whenever fetch itself fails: timeout, abort, refused connection, reset socket. */
const NETWORK_ERROR = {
  data: null,
  error: { name: "application_error", statusCode: null, message: "Unable to fetch data. The request could not be resolved." },
  headers: null,
};

describe("resend stub with the real Resend SDK", () => {
  it("delivers a send and answers its id", async () => {
    const res = await resend.emails.send(payload, { idempotencyKey: "order/1" });
    expect(res.error).toBeNull();
    expect(res.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(stub.delivered).toHaveLength(1);
    expect(stub.delivered[0]).toMatchObject({
      id: res.data?.id,
      idempotencyKey: "order/1",
      payload: {
        from: payload.from,
        to: payload.to,
        subject: payload.subject,
        html: payload.html,
        text: payload.text,
        reply_to: payload.replyTo,
      },
    });
    expect(stub.requests).toEqual([{ idempotencyKey: "order/1", status: 200, at: expect.any(Number) }]);
  });

  it("delivers every send without an idempotency key", async () => {
    const a = await resend.emails.send(payload);
    const b = await resend.emails.send(payload);
    expect(a.data?.id).not.toBe(b.data?.id);
    expect(stub.delivered.map((e) => e.idempotencyKey)).toEqual([null, null]);
  });

  it("replays the same id for the same key and body and delivers once", async () => {
    const first = await resend.emails.send(payload, { idempotencyKey: "order/2" });
    const second = await resend.emails.send(payload, { idempotencyKey: "order/2" });
    expect(second.error).toBeNull();
    expect(second.data?.id).toBe(first.data?.id);
    expect(stub.delivered).toHaveLength(1);
    expect(stub.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it("rejects the same key with a different body", async () => {
    await resend.emails.send(payload, { idempotencyKey: "order/3" });
    const res = await resend.emails.send({ ...payload, subject: "Changed" }, { idempotencyKey: "order/3" });
    expect(res.data).toBeNull();
    expect(res.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(stub.delivered).toHaveLength(1);
  });

  it("does not record the key on an injected failure, so the retry delivers once", async () => {
    stub.failNext(2);
    const a = await resend.emails.send(payload, { idempotencyKey: "order/4" });
    const b = await resend.emails.send(payload, { idempotencyKey: "order/4" });
    const c = await resend.emails.send(payload, { idempotencyKey: "order/4" });
    const d = await resend.emails.send(payload, { idempotencyKey: "order/4" });
    expect(a).toMatchObject({ data: null, error: { statusCode: 500, name: "internal_server_error", message: expect.any(String) } });
    expect(b.error?.name).toBe("internal_server_error");
    expect(c.error).toBeNull();
    expect(d.data?.id).toBe(c.data?.id);
    expect(stub.delivered).toHaveLength(1);
    expect(stub.requests.map((r) => r.status)).toEqual([500, 500, 200, 200]);
  });

  it("can fail with a chosen status and name, e.g. a rate limit", async () => {
    stub.failNext(1, 429, "rate_limit_exceeded");
    const res = await resend.emails.send(payload, { idempotencyKey: "order/5" });
    expect(res.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(stub.delivered).toHaveLength(0);
  });

  it("answers 409 concurrent_idempotent_requests when told to, then lets the retry through", async () => {
    stub.concurrentNext(1);
    const a = await resend.emails.send(payload, { idempotencyKey: "order/6" });
    const b = await resend.emails.send(payload, { idempotencyKey: "order/6" });
    expect(a.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
    expect(b.error).toBeNull();
    expect(stub.delivered).toHaveLength(1);
  });

  it("hangs on timeoutNext; the SDK passes `signal` to fetch and returns (does not throw) a network error", async () => {
    stub.timeoutNext(1);
    const started = Date.now();
    const res = await resend.emails.send(payload, { idempotencyKey: "order/7", signal: AbortSignal.timeout(300) });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3000);
    expect(res).toEqual(NETWORK_ERROR);
    expect(stub.delivered).toHaveLength(0);
    expect(stub.requests).toEqual([{ idempotencyKey: "order/7", status: 0, at: expect.any(Number) }]);

    const retry = await resend.emails.send(payload, { idempotencyKey: "order/7", signal: AbortSignal.timeout(2000) });
    expect(retry.error).toBeNull();
    expect(stub.delivered).toHaveLength(1);
  });

  it("returns the same network error shape for an already aborted signal", async () => {
    const controller = new AbortController();
    controller.abort(new Error("worker shutting down"));
    const res = await resend.emails.send(payload, { idempotencyKey: "order/8", signal: controller.signal });
    expect(res).toEqual(NETWORK_ERROR);
    expect(stub.requests).toHaveLength(0);
  });

  it("returns the same network error shape when nothing listens", async () => {
    const other = await startResendStub();
    const url = other.url;
    await other.close();
    const res = await new Resend("re_x", { baseUrl: url }).emails.send(payload);
    expect(res).toEqual(NETWORK_ERROR);
  });

  it("delivers on deliverThenHang without answering; the retry gets the stored id and nothing is sent twice", async () => {
    stub.deliverThenHang(1);
    const lost = await resend.emails.send(payload, { idempotencyKey: "order/9", signal: AbortSignal.timeout(300) });
    expect(lost).toEqual(NETWORK_ERROR);
    expect(stub.delivered).toHaveLength(1);

    const retry = await resend.emails.send(payload, { idempotencyKey: "order/9" });
    expect(retry.error).toBeNull();
    expect(retry.data?.id).toBe(stub.delivered[0]?.id);
    expect(stub.delivered).toHaveLength(1);
    expect(stub.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it("rejects permanently until reset", async () => {
    stub.rejectPermanently();
    const a = await resend.emails.send(payload, { idempotencyKey: "order/10" });
    const b = await resend.emails.send(payload, { idempotencyKey: "order/10" });
    expect(a.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(b.error?.name).toBe("validation_error");
    expect(stub.delivered).toHaveLength(0);
    stub.reset();
    const c = await resend.emails.send(payload, { idempotencyKey: "order/10" });
    expect(c.error).toBeNull();
    expect(stub.delivered).toHaveLength(1);
  });

  it("rejects a recipient told over HTTP until accepted again; the retry with the same key then delivers once", async () => {
    const control = (action: string, address: string) =>
      fetch(`${stub.url}/_stub/recipients/${action}`, { method: "POST", body: JSON.stringify({ address }) });
    expect((await control("reject", "Supplier@acme.example")).status).toBe(200);
    const refused = await resend.emails.send(payload, { idempotencyKey: "order/9" });
    expect(refused.error).toMatchObject({ name: "validation_error", statusCode: 422 });
    expect(refused.error?.message).toContain("supplier@acme.example");
    expect(stub.delivered).toHaveLength(0);
    expect((await control("accept", "supplier@acme.example")).status).toBe(200);
    const sent = await resend.emails.send(payload, { idempotencyKey: "order/9" });
    expect(sent.error).toBeNull();
    const listed = (await (await fetch(`${stub.url}/_stub/emails`)).json()) as { idempotencyKey: string; payload: { to: string[] } }[];
    expect(listed.map((e) => [e.idempotencyKey, e.payload.to])).toEqual([["order/9", payload.to]]);
  });

  it("validates the payload minimally (422 validation_error)", async () => {
    const noSubject = { ...payload, subject: undefined } as unknown as typeof payload;
    const noBody = { from: payload.from, to: payload.to, subject: "x" } as unknown as typeof payload;
    const emptyTo = { ...payload, to: [] };
    for (const bad of [noSubject, noBody, emptyTo]) {
      const res = await resend.emails.send(bad, { idempotencyKey: "order/11" });
      expect(res.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    }
    expect(stub.delivered).toHaveLength(0);
    // A rejected payload does not record the key.
    expect((await resend.emails.send(payload, { idempotencyKey: "order/11" })).error).toBeNull();
  });

  it("rejects a wrong API key (403 invalid_api_key) and a missing one (401 missing_api_key)", async () => {
    const wrong = await new Resend("re_wrong", { baseUrl: stub.url }).emails.send(payload);
    expect(wrong.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
    const missing = await fetch(`${stub.url}/emails`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    expect(stub.delivered).toHaveLength(0);
  });

  it("rejects an idempotency key longer than 256 characters", async () => {
    const res = await resend.emails.send(payload, { idempotencyKey: "k".repeat(257) });
    expect(res.error).toMatchObject({ statusCode: 400, name: "invalid_idempotency_key" });
  });

  it("waits for deliveries without polling and times out when they do not come", async () => {
    const waiting = stub.waitForDelivered(2, 2000);
    void resend.emails.send(payload, { idempotencyKey: "w/1" });
    void resend.emails.send(payload, { idempotencyKey: "w/2" });
    await expect(waiting).resolves.toBeUndefined();
    await expect(stub.waitForDelivered(2)).resolves.toBeUndefined();
    await expect(stub.waitForDelivered(3, 50)).rejects.toThrow(/2 of 3/);
  });

  it("applies faults in order to concurrent requests", async () => {
    stub.failNext(1);
    stub.concurrentNext(1);
    const results = await Promise.all([1, 2, 3].map(() => resend.emails.send(payload, { idempotencyKey: "order/12" })));
    const names = results.map((r) => r.error?.name ?? "ok").sort();
    expect(names).toEqual(["concurrent_idempotent_requests", "internal_server_error", "ok"]);
    expect(stub.delivered).toHaveLength(1);
  });

  it("close() ends hanging requests", async () => {
    const other = await startResendStub();
    other.timeoutNext(1);
    const pending = new Resend(other.apiKey, { baseUrl: other.url }).emails.send(payload);
    await new Promise<void>((resolve) => {
      const check = (): void => (other.requests.length > 0 ? resolve() : void setImmediate(check));
      check();
    });
    const waiting = expect(other.waitForDelivered(1, 10_000)).rejects.toThrow(/closed with 0 of 1/);
    await other.close();
    await expect(pending).resolves.toEqual(NETWORK_ERROR);
    await waiting;
    expect(other.requests.map((r) => r.status)).toEqual([0]);
  });
});
