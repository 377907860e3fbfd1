/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { previewApi } from "./dev/preview-api.ts";

// Tauri expects a fixed port in development and a plain static build in
// `ui/dist` for release (see src-tauri's tauri.conf.json).
export default defineConfig({
  // svelteTesting: browser build of Svelte under Vitest, and cleanup after each test.
  // previewApi: `npm run dev` only; the real backend for a plain browser.
  plugins: [svelte(), svelteTesting(), previewApi()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: "127.0.0.1",
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline scripts or data: URLs under the CSP `default-src 'self'`.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    // Every screen test runs on the real backend (src/lib/test-backend.ts).
    globalSetup: ["src/vitest-global-setup.ts"],
    setupFiles: ["src/vitest-setup.ts"],
    restoreMocks: true,
    testTimeout: 20_000,
    // Where dev/cli-session.ts finds target/debug/tasking-vault-cli.
    env: { TASKING_VAULT_REPO: fileURLToPath(new URL("..", import.meta.url)) },
  },
});
