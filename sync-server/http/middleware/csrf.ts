/**
 * CSRF protection: a signed double-submit cookie. The server sets a readable cookie holding
 * `nonce.HMAC(secret, nonce)`; the client echoes it in the X-CSRF-Token header on every state-changing
 * request. Another site can make the browser send the cookie but can neither read it nor forge a value
 * that verifies, so a request without the matching, valid header is refused. GET never changes state.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { cookieName, isSecureContext, readCookie } from "../../auth/session-token.js";
import { sendError } from "./errors.js";

const COOKIE = "venzory_csrf";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export class CsrfTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret);
  }

  issue(): string {
    const nonce = randomBytes(24).toString("base64url");
    return `${nonce}.${this.sign(nonce)}`;
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    const [nonce, mac, extra] = token.split(".");
    if (!nonce || !mac || extra !== undefined) return false;
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(nonce: string): string {
    return createHmac("sha256", this.key).update(nonce).digest("base64url");
  }
}

const readCsrfCookie = (req: Request) => readCookie(req, COOKIE);

/**
 * Makes sure the browser holds a valid token cookie; returns the token in force. At most one cookie per
 * answer: a token issued earlier in this request (res.locals) is the one in force.
 */
export function ensureCookie(tokens: CsrfTokens, req: Request, res: Response): string {
  const issued = res.locals.csrfToken as string | undefined;
  if (issued) return issued;
  const current = readCsrfCookie(req);
  if (tokens.valid(current)) return current!;
  const token = tokens.issue();
  const secure = isSecureContext(req);
  // Readable by the page (not HttpOnly): the client must copy it into the header.
  res.cookie(cookieName(req, COOKIE), token, { httpOnly: false, sameSite: "strict", secure, path: "/" });
  res.locals.csrfToken = token;
  return token;
}

/** Issues the cookie on any API response that lacks one, and refuses unsafe requests without a matching header. */
export function csrfProtection(tokens: CsrfTokens) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) {
      ensureCookie(tokens, req, res);
      return next();
    }
    const cookie = readCsrfCookie(req);
    const header = req.get(CSRF_HEADER);
    if (!cookie || !header || cookie !== header || !tokens.valid(header)) {
      req.log.warn({ hasCookie: Boolean(cookie), hasHeader: Boolean(header) }, "CSRF check failed");
      ensureCookie(tokens, req, res);
      return sendError(res, req.id, "CSRF_FAILED", "This request could not be verified. Reload the page and try again.");
    }
    next();
  };
}
