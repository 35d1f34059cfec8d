/**
 * HTTP contracts: one object per route saying its method, path, who may call it, what it takes and what
 * it answers. The server registers its handler from the contract (sync-server/http/route.ts), the client
 * calls through it (client/api/http.ts `call`), and the route permission table is derived from the list
 * of contracts (shared/auth/routes.ts), so a route cannot exist without an access decision and the
 * answer's shape is written once.
 */
import type { z } from "zod";
import type { Permission } from "../auth/roles.js";

/**
 * Who may call a route. "public": no session needed (the handler may still use one if present);
 * "session": any member of the active practice (the handler applies finer rules); a Permission: the
 * role must hold it (see shared/auth/roles.ts).
 */
export type RouteAccess = "public" | "session" | Permission;

export type HttpMethod = "GET" | "POST";

/** The answer has no body: 204 No Content. */
export const NO_CONTENT = "no-content" as const;
/** The answer is a Server-Sent Events stream the handler writes itself. */
export const EVENT_STREAM = "event-stream" as const;

export type ContractResponse = z.ZodType | typeof NO_CONTENT | typeof EVENT_STREAM;

export interface Contract<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  A extends RouteAccess = RouteAccess,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  R extends ContractResponse = ContractResponse,
> {
  method: M;
  /** Full path under the origin, e.g. "/api/auth/sessions/:id/revoke" (`:name` segments come from `params`). */
  path: P;
  access: A;
  /** JSON body schema (POST). */
  body?: B;
  /** Query string schema (GET); values arrive as strings, so numbers use z.coerce. */
  query?: Q;
  /** Schema of the `:name` path segments. */
  params?: z.ZodType;
  response: R;
  /** Status of a successful JSON answer (default 200). */
  status?: number;
}

/** Keeps every field's literal type (method, path, access), which the route table and `call` rely on. */
export function defineContract<
  const M extends HttpMethod,
  const P extends string,
  const A extends RouteAccess,
  R extends ContractResponse,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  PS extends z.ZodType | undefined = undefined,
>(contract: { method: M; path: P; access: A; body?: B; query?: Q; params?: PS; response: R; status?: number }) {
  return contract as { method: M; path: P; access: A; body: B; query: Q; params: PS; response: R; status?: number };
}

export type AnyContract = ReturnType<
  typeof defineContract<
    HttpMethod,
    string,
    RouteAccess,
    ContractResponse,
    z.ZodType | undefined,
    z.ZodType | undefined,
    z.ZodType | undefined
  >
>;

/** "METHOD /path", the key of the route table. */
export type RouteKeyOf<C extends AnyContract> = `${C["method"]} ${C["path"]}`;
export const routeKeyOf = <C extends AnyContract>(c: C): RouteKeyOf<C> => `${c.method} ${c.path}` as RouteKeyOf<C>;

type Part<K extends string, S> = S extends z.ZodType ? { [P in K]: z.input<S> } : { [P in K]?: undefined };
type ParsedPart<K extends string, S> = S extends z.ZodType ? { [P in K]: z.output<S> } : { [P in K]?: undefined };

/** What a caller sends: `{ body?, query?, params? }`, each present exactly when the contract has it. */
export type ContractInput<C extends AnyContract> = Part<"body", C["body"]> & Part<"query", C["query"]> & Part<"params", C["params"]>;
/** The same after validation (transforms applied), as the server handler receives it. */
export type ParsedInput<C extends AnyContract> = ParsedPart<"body", C["body"]> &
  ParsedPart<"query", C["query"]> &
  ParsedPart<"params", C["params"]>;

/** What the caller gets back: the parsed JSON, or nothing for 204 and streams. */
export type ContractResult<C extends AnyContract> = C["response"] extends z.ZodType ? z.output<C["response"]> : void;

/** Whether an input needs nothing (so `call(contract)` may omit it). */
export type InputOptional<C extends AnyContract> = [C["body"], C["query"], C["params"]] extends [undefined, undefined, undefined]
  ? true
  : false;

/** The path with its `:name` segments filled in (each URI-encoded). */
export function pathOf(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter "${name}" for ${path}.`);
    return encodeURIComponent(String(value));
  });
}
