import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// Absolute paths so the config works from any cwd (the e2e global setup builds through the JS API).
const root = fileURLToPath(new URL("./client", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/client", import.meta.url));
const apiTarget = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root,
  build: { outDir, emptyOutDir: true, sourcemap: true },
  plugins: [
    react(),
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
        // The app shell: everything the build emits. Source maps are for developers, not for offline.
        globPatterns: ["**/*.{js,css,html,png,svg,ico,webmanifest}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
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
