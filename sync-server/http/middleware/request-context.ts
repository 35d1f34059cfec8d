/**
 * Gives every request an id (taken from a well-formed incoming X-Request-Id, else new), echoes it on the
 * response, and a child logger that stamps it on every line. One access-log line per request.
 */
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../../log/logger.js";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

declare module "express-serve-static-core" {
  interface Request {
    id: string;
    log: Logger;
  }
}

export function requestContext(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get("x-request-id");
    req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    req.log = log.child({ requestId: req.id });
    res.setHeader("X-Request-Id", req.id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
      req.log[level]({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  };
}
