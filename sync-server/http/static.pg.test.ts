/**
 * Serving the built PWA: precompressed brotli/gzip chosen by Accept-Encoding, long caching for hashed
 * assets and revalidation for the shell, no source maps, and the security headers on every answer.
 * The static folder is laid out here as the build lays it out (assets/ with .br/.gz copies beside).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase, type TestDatabase } from "../../test/db.js";
import { startTestServer } from "../../test/server.js";
import type { RunningServer } from "../server.js";

/** A raw GET: no automatic decompression, so the test sees exactly what went over the wire. */
function get(url: string, reqPath: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = httpRequest(url + reqPath, { method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const SCRIPT = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{id:${i},name:"item ${i}"}`).join(",")}];\n`;
const PAGE = `<!doctype html><html><head><title>Venzory</title><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;
const MAP = JSON.stringify({ version: 3, sources: ["../client/secret-source.ts"], sourcesContent: ["const secret = 1;"] });

/** Writes a file and, as the build does, its brotli and gzip copies. */
function withCopies(file: string, text: string) {
  writeFileSync(file, text);
  writeFileSync(`${file}.br`, brotliCompressSync(text));
  writeFileSync(`${file}.gz`, gzipSync(text));
}

let t: TestDatabase;
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "venzory-static-"));
  mkdirSync(path.join(dir, "assets"));
  withCopies(path.join(dir, "index.html"), PAGE);
  withCopies(path.join(dir, "assets", "index-abc123.js"), SCRIPT);
  withCopies(path.join(dir, "sw.js"), "self.addEventListener('fetch', () => {});".repeat(20));
  writeFileSync(path.join(dir, "manifest.webmanifest"), JSON.stringify({ name: "Venzory" }));
  writeFileSync(path.join(dir, "assets", "index-abc123.js.map"), MAP);
  writeFileSync(path.join(dir, "sw.js.map"), MAP);
  t = await testDatabase();
  server = await startTestServer(t.url, { staticDir: dir });
});

afterAll(async () => {
  await server?.close();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("precompressed static files", () => {
  it("sends the brotli copy when the browser accepts it, gzip when only that, the file itself otherwise", async () => {
    const br = await get(server.url, "/assets/index-abc123.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4);

    const gz = await get(server.url, "/assets/index-abc123.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get(server.url, "/assets/index-abc123.js", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);

    // Caches between us and the browser must keep one copy per encoding; each names the real type.
    for (const r of [br, gz, plain]) {
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      // Charset names are case-insensitive (the compressed path writes "UTF-8", the plain one "utf-8").
      expect(r.headers["content-type"]?.toLowerCase()).toBe("text/javascript; charset=utf-8");
    }
  });

  it("the app shell is compressed too, for its own path and for client-side routes", async () => {
    for (const p of ["/index.html", "/locations/3f1c2a9e-0000-4000-8000-000000000001", "/auth/magic?token=abc"]) {
      const r = await get(server.url, p, { accept: "text/html", "accept-encoding": "br, gzip" });
      expect
        .soft([p, r.status, r.headers["content-encoding"], r.headers["content-type"]?.toLowerCase()])
        .toEqual([p, 200, "br", "text/html; charset=utf-8"]);
      expect.soft(brotliDecompressSync(r.body).toString(), p).toBe(PAGE);
    }
  });
});

describe("caching", () => {
  it("hashed assets are cached for a year as immutable; the shell, service worker and manifest revalidate", async () => {
    const cacheControl = async (p: string, accept = "*/*") =>
      (await get(server.url, p, { accept, "accept-encoding": "br, gzip" })).headers["cache-control"];
    expect(await cacheControl("/assets/index-abc123.js")).toBe("public, max-age=31536000, immutable");
    expect(await cacheControl("/index.html", "text/html")).toBe("no-cache");
    expect(await cacheControl("/members", "text/html")).toBe("no-cache");
    expect(await cacheControl("/sw.js")).toBe("no-cache");
    expect(await cacheControl("/manifest.webmanifest")).toBe("no-cache");
  });
});

describe("source maps", () => {
  it("are not served, even when one is in the static folder", async () => {
    for (const p of ["/assets/index-abc123.js.map", "/sw.js.map"]) {
      const r = await get(server.url, p, { accept: "application/json", "accept-encoding": "br, gzip" });
      expect.soft([p, r.status]).toEqual([p, 404]);
      expect.soft(r.body.toString(), p).not.toContain("secret");
    }
  });

  it("404s and compressed answers carry the same security headers as the API", async () => {
    const reference = await get(server.url, "/api/health", { accept: "application/json" });
    const answers = {
      map: await get(server.url, "/assets/index-abc123.js.map", { accept: "application/json" }),
      missing: await get(server.url, "/assets/missing-5678.js", { accept: "text/javascript", "accept-encoding": "br" }),
      brotli: await get(server.url, "/assets/index-abc123.js", { "accept-encoding": "br" }),
      shell: await get(server.url, "/account", { accept: "text/html", "accept-encoding": "gzip" }),
    };
    expect(answers.missing.status).toBe(404);
    const security = (r: typeof reference) =>
      [
        "content-security-policy",
        "permissions-policy",
        "referrer-policy",
        "x-content-type-options",
        "x-frame-options",
        "cross-origin-opener-policy",
      ].map((h) => [h, r.headers[h]]);
    expect(security(reference)[0]![1]).toContain("default-src 'self'");
    for (const [name, r] of Object.entries(answers)) expect.soft(security(r), name).toEqual(security(reference));
  });
});
