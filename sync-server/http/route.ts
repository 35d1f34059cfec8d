/**
 * Registers one HTTP route from its shared contract (shared/api): the method and path come from the
 * contract, the request is validated with its schemas (a failure is a ZodError: 400 VALIDATION_FAILED
 * from the error handler), and the handler's answer is sent as JSON with the contract's status.
 *
 * Handlers get the parsed input and a context with the caller's session (required for non-public routes)
 * and, as the escape hatch for answers that are not plain JSON, the Express request and response:
 * - a different status for the same body (health's 503): `ctx.res.status(503)` before returning it;
 * - cookies (sign-in, sign-out): set or clear them on `ctx.res`, then return the body (or nothing, 204);
 * - a stream (contract response EVENT_STREAM): the handler writes and ends `ctx.res` itself;
 * - an answer already written as JSON text (a pull page, built by PostgreSQL): return it as a JsonText.
 *
 * Outside production the answer is also checked against the contract's response schema (after a JSON
 * round trip, as the client sees it), so a server that drifts from the contract fails its tests. The
 * check serialises and parses every answer a second time (a 2,000-row pull page included), so
 * benchmarks, which measure the server as deployed, switch it off (checkResponsesAgainstContracts).
 */
import type { Request, RequestHandler, Response, Router } from "express";
import type { z } from "zod";
import { EVENT_STREAM, NO_CONTENT, type AnyContract, type ParsedInput } from "../../shared/api/define.js";
import type { AuthContext } from "../auth/sessions.js";
import { authOf } from "./middleware/authenticate.js";

/** The router is mounted at /api; contract paths are full paths. */
const API_PREFIX = "/api";

let checkResponses = process.env.NODE_ENV !== "production";

/** Turns the contract check of every answer on or off, for this process (startServer's `checkResponses`). */
export function checkResponsesAgainstContracts(on: boolean): void {
  checkResponses = on;
}

/** What JSON.stringify turns into `T`: a Date may stand wherever the wire carries a string. */
export type Serializable<T> = T extends string
  ? string extends T
    ? string | Date
    : T
  : T extends readonly (infer E)[]
    ? readonly Serializable<E>[]
    : T extends object
      ? { [K in keyof T]: Serializable<T[K]> }
      : T;

/** An answer already serialised: sent as it is (and, outside production, checked against the contract like any other). */
export class JsonText {
  constructor(readonly text: string) {}
}

export type HandlerResult<C extends AnyContract> = C["response"] extends z.ZodType
  ? Serializable<z.output<C["response"]>> | JsonText
  : void;

export interface RouteContext<C extends AnyContract> {
  /** The caller's session: always there on routes that need one; on public routes only if the guard loaded one. */
  auth: C["access"] extends "public" ? AuthContext | undefined : AuthContext;
  req: Request;
  res: Response;
}

export type RouteHandler<C extends AnyContract> = (input: ParsedInput<C>, ctx: RouteContext<C>) => Promise<HandlerResult<C>>;

export function route<C extends AnyContract>(
  router: Router,
  contract: C,
  handler: RouteHandler<C>,
  options: { before?: RequestHandler[] } = {},
): void {
  if (!contract.path.startsWith(API_PREFIX + "/")) throw new Error(`Contract path ${contract.path} is not under ${API_PREFIX}.`);
  const path = contract.path.slice(API_PREFIX.length);
  const run: RequestHandler = async (req, res, next) => {
    try {
      const input = {
        body: contract.body?.parse(req.body),
        query: contract.query?.parse(req.query),
        params: contract.params?.parse(req.params),
      } as unknown as ParsedInput<C>;
      const auth = (contract.access === "public" ? req.auth : authOf(req)) as RouteContext<C>["auth"];
      res.status(contract.status ?? 200);
      const result = await handler(input, { auth, req, res });
      if (contract.response === EVENT_STREAM) return;
      if (contract.response === NO_CONTENT) return void res.status(204).end();
      const text = result instanceof JsonText ? result.text : JSON.stringify(result);
      if (checkResponses) {
        // The server's own mistake: not a ZodError, which the error handler would answer as the caller's 400.
        const checked = contract.response.safeParse(JSON.parse(text));
        if (!checked.success)
          throw new Error(`${contract.method} ${contract.path} answered outside its contract: ${checked.error.message}`);
      }
      res.type("application/json").send(text);
    } catch (err) {
      next(err);
    }
  };
  const method = contract.method === "GET" ? "get" : "post";
  router[method](path, ...(options.before ?? []), run);
}
