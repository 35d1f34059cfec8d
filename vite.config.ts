import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import { VitePWA } from "vite-plugin-pwa";

// Absolute paths so the config works from any cwd (the e2e global setup builds through the JS API).
const root = fileURLToPath(new URL("./client", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/client", import.meta.url));
const apiTarget = `http://localhost:${process.env.PORT ?? 3000}`;

/**
 * Source maps hold the whole client source: built "hidden" (no sourceMappingURL comment) and moved from
 * the served folder to a sibling `sourcemaps/` folder, for developers decoding a reported stack.
 */
function sourceMapsOutsideServedFolder(): Plugin {
  let served = outDir;
  return {
    name: "venzory:source-maps-outside",
    apply: "build",
    configResolved(config) {
      served = config.build.outDir;
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        const target = path.join(path.dirname(served), "sourcemaps");
        // This build's maps only: older builds' would pile up.
        rmSync(target, { recursive: true, force: true });
        for (const rel of readdirSync(served, { recursive: true, encoding: "utf8" })) {
          if (!rel.endsWith(".map")) continue;
          mkdirSync(path.dirname(path.join(target, rel)), { recursive: true });
          renameSync(path.join(served, rel), path.join(target, rel));
        }
      },
    },
  };
}

/**
 * vite-plugin-pwa writes sw.js and the Workbox runtime after the bundle (and so after the compression
 * plugin) is done: their brotli and gzip copies are made here, the same way.
 */
function compressServiceWorker(): Plugin {
  let served = outDir;
  return {
    name: "venzory:compress-service-worker",
    apply: "build",
    configResolved(config) {
      served = config.build.outDir;
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        for (const name of readdirSync(served)) {
          if (!/^(sw|workbox-[\w-]+)\.js$/.test(name)) continue;
          const file = path.join(served, name);
          const source = readFileSync(file);
          writeFileSync(`${file}.br`, brotliCompressSync(source));
          writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
        }
      },
    },
  };
}

export default defineConfig({
  root,
  build: { outDir, emptyOutDir: true, sourcemap: "hidden" },
  plugins: [
    react(),
    // A brotli and a gzip copy beside each text asset, served by sync-server/http/static.ts.
    compression({
      include: /\.(html|css|js|mjs|json|svg|webmanifest|wasm)$/,
      exclude: /\.map$/,
      threshold: 1024,
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })],
    }),
    sourceMapsOutsideServedFolder(),
    compressServiceWorker(),
    VitePWA({
      registerType: "prompt",
      // We register with workbox-window ourselves (client/pwa/serviceWorker.ts): no injected script,
      // which keeps the page compatible with a strict CSP.
      injectRegister: false,
      manifest: {
        name: "Venzory",
        short_name: "Venzory",
        description: "Offline-first stock management for GP practices.",
        theme_color: "#0f766e",
        background_color: "#f5f7f9",
        display: "standalone",
        start_url: "/",
        scope: "/",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      includeAssets: ["apple-touch-icon.png"],
      workbox: {
        // The app shell: everything the build emits, the barcode decoder's WebAssembly too (scanning works
        // offline). Source maps are for developers, not for offline.
        globPatterns: ["**/*.{js,css,html,png,svg,ico,webmanifest,wasm}"],
        // zxing-wasm's reader is ~1 MB; headroom over Workbox's 2 MiB default so a decoder update is never
        // silently left out of the precache (which would break scanning offline).
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The worker's own maps would land in the served folder; nobody decodes the generated worker.
        sourcemap: false,
        // No runtimeCaching on purpose: API answers (per user, per practice) must never be cached.
        runtimeCaching: [],
      },
    }),
  ],
  server: {
    proxy: {
      // Covers the SSE stream /api/sync/poke too: http-proxy streams the response as it arrives.
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
});
