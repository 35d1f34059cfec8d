/**
 * The security headers of every answer: helmet's set with our Content-Security-Policy, plus a
 * Permissions-Policy. One definition, used as middleware for everything Express answers and as a plain
 * header list for the few answers Node writes itself (see client-error.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";

const PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=()";

export function securityHeaders(opts: { production: boolean }) {
  const withHelmet = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // 'wasm-unsafe-eval' lets the page compile WebAssembly (the barcode decoder, served from 'self');
        // it does not allow eval() of JavaScript.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        mediaSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) =>
    withHelmet(req, res, (err?: unknown) => {
      if (err) return next(err);
      res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
      next();
    });
}

/** The same headers as name/value pairs, for answers written straight to a socket. */
export function securityHeaderList(opts: { production: boolean }): [string, string][] {
  const headers = new Map<string, string>();
  // helmet only sets and removes headers; collect what it would set on a response.
  const collector = {
    setHeader: (name: string, value: string) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  };
  let done = false;
  securityHeaders(opts)({} as IncomingMessage, collector as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error("security headers are not computed synchronously");
  return [...headers];
}
