/** route(): the contract decides method, path, validation, status and the answer's shape. */
import type { AddressInfo } from "node:net";
import express, { Router } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineContract, NO_CONTENT } from "../../shared/api/define.js";
import { int32 } from "../../shared/validation/numbers.js";
import { errorHandler } from "./middleware/errors.js";
import { checkResponsesAgainstContracts, route } from "./route.js";

const echo = defineContract({
  method: "POST",
  path: "/api/echo/:id",
  access: "public",
  params: z.object({ id: z.uuid() }),
  body: z.object({ n: int32() }),
  response: z.object({ id: z.string(), n: z.number() }),
  status: 202,
});
const drift = defineContract({ method: "GET", path: "/api/drift", access: "public", response: z.object({ at: z.string() }) });
const empty = defineContract({ method: "POST", path: "/api/empty", access: "public", response: NO_CONTENT });

let base: string;
let close: () => void;
beforeAll(async () => {
  const router = Router();
  route(router, echo, async ({ params, body }) => ({ id: params.id, n: body.n }));
  // A server that drifted from its contract: a number where the contract says string.
  route(router, drift, async () => ({ at: 42 }) as unknown as { at: string });
  route(router, empty, async () => {});
  const app = express();
  app.use(express.json());
  app.use("/api", router);
  app.use(errorHandler());
  const server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const post = (path: string, body?: unknown) =>
  fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("route(contract, handler)", () => {
  it("answers with the contract's status and the handler's body", async () => {
    const id = "6f1c1c52-5f7e-4a3e-9b0e-2f4b8a0f4c11";
    const res = await post(`/api/echo/${id}`, { n: 7 });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id, n: 7 });
  });

  it("refuses a body or path that breaks the contract with 400 VALIDATION_FAILED", async () => {
    const bad = await post("/api/echo/6f1c1c52-5f7e-4a3e-9b0e-2f4b8a0f4c11", { n: 2 ** 31 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("n") });
    const badId = await post("/api/echo/not-a-uuid", { n: 1 });
    expect(badId.status).toBe(400);
  });

  it("answers 204 without a body for NO_CONTENT contracts", async () => {
    const res = await post("/api/empty");
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });

  it("outside production, an answer that drifts from the contract is a server error, not a silent success", async () => {
    const res = await fetch(base + "/api/drift");
    expect(res.status).toBe(500);
  });

  it("sends answers unchecked when the check is off (a benchmark measuring the server as deployed)", async () => {
    checkResponsesAgainstContracts(false);
    try {
      const res = await fetch(base + "/api/drift");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ at: 42 });
    } finally {
      checkResponsesAgainstContracts(true);
    }
  });
});
