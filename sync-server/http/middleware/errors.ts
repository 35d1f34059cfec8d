/**
 * The one place errors become HTTP answers. Domain errors keep their code and status; malformed input
 * is a 400; a database that is away (refused, unreachable, connection ended) is a 503 with Retry-After, since
 * trying again shortly will work; anything else unexpected is logged with its stack and answered as a
 * plain 500 without details.
 */
import type { NextFunction, Request, Response } from "express";
import { ZodError } from "zod";
import { DomainError, ERROR_STATUS, type ErrorBody, type ErrorCode } from "../../../shared/errors.js";
import { isDatabaseUnavailable } from "../../db/availability.js";

export function sendError(
  res: Response,
  requestId: string | undefined,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
) {
  const body: ErrorBody = { error: { code, message, requestId, ...(details ? { details } : {}) } };
  res.status(ERROR_STATUS[code]).json(body);
}

/** Turns a ZodError into the message a person can act on: the first problem, with its field. */
export function describeZodError(err: ZodError): { message: string; details: Record<string, unknown> } {
  const issues = err.issues.slice(0, 10).map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  return { message: first ? `${first.path || "body"}: ${first.message}` : "Invalid input.", details: { issues } };
}

export function errorHandler() {
  // Express recognises error handlers by their four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return void res.end();
    if (err instanceof DomainError) return sendError(res, req.id, err.code, err.message, err.details);
    if (err instanceof ZodError) {
      const { message, details } = describeZodError(err);
      return sendError(res, req.id, "VALIDATION_FAILED", message, details);
    }
    const status = (err as { status?: number; statusCode?: number })?.status ?? (err as { statusCode?: number })?.statusCode;
    const type = (err as { type?: string })?.type;
    if (type === "entity.too.large") return sendError(res, req.id, "PAYLOAD_TOO_LARGE", "The request body is too large.");
    if (status && status >= 400 && status < 500) {
      const message = type === "entity.parse.failed" ? "The request body is not valid JSON." : "The request could not be understood.";
      return sendError(res, req.id, "VALIDATION_FAILED", message);
    }
    if (isDatabaseUnavailable(err)) {
      // Expected during an outage or failover: logged without a stack, answered without internals.
      req.log?.warn({ err: (err as Error)?.message?.slice(0, 300) }, "database unavailable");
      res.setHeader("Retry-After", "5");
      return sendError(res, req.id, "SERVICE_UNAVAILABLE", "The service is briefly unavailable. Please try again in a few seconds.");
    }
    req.log?.error({ err }, "unhandled error");
    return sendError(res, req.id, "INTERNAL", "Something went wrong on our side. Please try again.");
  };
}

/** 404 for unknown API paths, in the same error shape. */
export function apiNotFound() {
  return (req: Request, res: Response) => sendError(res, req.id, "NOT_FOUND", "Not found.");
}
