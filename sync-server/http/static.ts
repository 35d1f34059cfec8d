/**
 * The built PWA on the API's origin. The build writes a brotli (.br) and a gzip (.gz) copy beside each
 * text asset (vite.config.ts); express-static-gzip picks one by Accept-Encoding, so nothing is
 * compressed per request and the ~500 kB of JavaScript goes out at a fifth of its size.
 */
import type { ServerResponse } from "node:http";
import path from "node:path";
import type { Express, NextFunction, Request, Response } from "express";
import expressStaticGzip from "express-static-gzip";

/** Files whose names carry a content hash (Vite's assets/): they never change, so caches keep them. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (index.html, sw.js, the manifest, icons): revalidate each time, or updates never arrive. */
const REVALIDATE = "no-cache";

export function serveClient(app: Express, dir: string): void {
  const root = path.resolve(dir);
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    // Brotli is ~15% smaller than gzip for our JavaScript; every browser we support accepts both.
    orderPreference: ["br", "gzip"],
    index: false,
    serveStatic: {
      index: false,
      // Its directory redirect is a page of its own (own CSP); a directory is simply not a file here.
      redirect: false,
      setHeaders(res: ServerResponse, file: string) {
        const immutable = path.relative(root, file).startsWith(`assets${path.sep}`);
        res.setHeader("Cache-Control", immutable ? IMMUTABLE : REVALIDATE);
      },
    },
  }) as (req: Request, res: Response, next: NextFunction) => void;

  app.use((req, res, next) => {
    // Source maps are for developers: the build keeps them out of this folder, and should one land
    // here anyway it is not published (it holds the whole source).
    if (req.path.toLowerCase().endsWith(".map")) return next();
    files(req, res, next);
  });
  // Client-side routes (/locations/…, /auth/magic?token=…) are the app's shell; the router takes over.
  app.get(/^(?!\/api\/).*/, (req, res, next) => {
    if (!req.accepts("html")) return next();
    const original = req.url;
    req.url = "/index.html";
    files(req, res, (err?: unknown) => {
      req.url = original;
      next(err);
    });
  });
}
