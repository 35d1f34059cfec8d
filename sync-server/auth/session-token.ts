/**
 * Session cookies: a signed JWT (jose, HS256) carrying the session id, the user, the active practice and
 * the user's token version. The database row behind the session id is checked on every request, so a
 * revoked session or a bumped token version ends the session at once.
 */
import { jwtVerify, SignJWT } from "jose";
import type { Request, Response } from "express";

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
const COOKIE = "venzory_session";

export interface SessionClaims {
  sid: string;
  uid: string;
  pid: string | null;
  tv: number;
}

export class SessionTokens {
  // Imported once: given raw bytes, jose imports the key again on every sign and verify, and every
  // request verifies (measured: about half of a verification's CPU).
  private readonly key: Promise<CryptoKey>;

  constructor(secret: string) {
    this.key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
  }

  async sign(claims: SessionClaims): Promise<string> {
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
      .sign(await this.key);
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, { algorithms: ["HS256"] });
      const { sid, uid, pid, tv } = payload as Partial<SessionClaims>;
      if (typeof sid !== "string" || typeof uid !== "string" || typeof tv !== "number") return null;
      return { sid, uid, pid: typeof pid === "string" ? pid : null, tv };
    } catch {
      return null;
    }
  }
}

/** Cookies are Secure (and `__Host-` prefixed) everywhere except plain-HTTP localhost development. */
export function isSecureContext(req: Request): boolean {
  if (req.secure) return true;
  return !["localhost", "127.0.0.1", "::1", "[::1]"].includes(req.hostname);
}

/**
 * The one name a cookie has on this request: `__Host-` prefixed wherever it is issued so. Only that name
 * is read back: the browser guarantees a `__Host-` cookie was set by this very host over HTTPS, while a
 * plain-named one may have been planted by a sibling subdomain (Domain=.example.com).
 */
export function cookieName(req: Request, base: string): string {
  return isSecureContext(req) ? `__Host-${base}` : base;
}

/** The value of cookie `base` under the one name this request may carry it (see cookieName). */
export function readCookie(req: Request, base: string): string | undefined {
  const cookies = (req as Request & { cookies?: Record<string, string> }).cookies ?? {};
  return Object.hasOwn(cookies, cookieName(req, base)) ? cookies[cookieName(req, base)] : undefined;
}

export function readSessionCookie(req: Request): string | undefined {
  return readCookie(req, COOKIE);
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  const secure = isSecureContext(req);
  res.cookie(cookieName(req, COOKIE), token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_TTL_SECONDS * 1000,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  const secure = isSecureContext(req);
  res.clearCookie(cookieName(req, COOKIE), { httpOnly: true, sameSite: "lax", secure, path: "/" });
}
