// @vitest-environment node
/// <reference types="node" />
/**
 * The production build holds nothing of the browser preview: not its
 * backend, not the development server's address for it, not the tool it
 * runs. Builds the UI as `npm run build` does, into a temporary folder.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PREVIEW_API_PATH } from "./lib/preview-path";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("the production build", () => {
  it("has no trace of the browser preview", () => {
    const out = mkdtempSync(join(tmpdir(), "tasking-vault-dist-"));
    try {
      // NODE_ENV as a production build has it (Vitest sets "test").
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
      delete env.VITEST;
      execFileSync("npx", ["vite", "build", "--outDir", out, "--emptyOutDir", "--logLevel", "error"], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
      const files = filesUnder(out);
      expect(files.some((f) => f.endsWith(".js"))).toBe(true);
      const bundle = files.map((f) => readFileSync(f, "utf8")).join("\n");
      // The app itself is there...
      expect(bundle.includes("vault_unlock")).toBe(true);
      // ...and nothing of the preview.
      for (const trace of [PREVIEW_API_PATH, "__tasking_vault_preview", "PreviewBackend", "tasking-vault-cli", "preview-backend"]) {
        expect(bundle.includes(trace), `the bundle holds "${trace}"`).toBe(false);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
