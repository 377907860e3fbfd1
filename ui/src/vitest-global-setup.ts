/// <reference types="node" />
/**
 * Before any UI test: the real backend must be built. One clear message
 * (which command builds it) instead of every test failing on its own, and a
 * warning when Rust sources have changed since it was built. Then the demo
 * vault that tests copy is written once for the whole run, and deleted after.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { BUILD_COMMAND, cliBinary, runCli } from "../dev/cli-session";
import { TEST_TODAY, clockStart } from "./lib/test-clock";

/** The newest modification time of the Rust sources (not tests) under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const source = e.name.endsWith(".rs") && e.parentPath.split("/").includes("src");
    if (e.isFile() && (source || e.name === "Cargo.toml")) {
      newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
    }
  }
  return newest;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const binary = cliBinary();
  const crates = join(process.env.TASKING_VAULT_REPO ?? "..", "src-tauri", "crates");
  if (newestSource(crates) > statSync(binary).mtimeMs) {
    console.warn(
      `\nNote: Rust sources changed after ${binary} was built; the tests run on the old build. ` +
        `Run \`${BUILD_COMMAND}\` first to test the new one.\n`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "tasking-vault-demo-"));
  const file = join(dir, "demo.tvault");
  const out = await runCli(["demo", file, "--work-factor", "1", "--clock", clockStart(TEST_TODAY)]);
  project.provide("demoVault", { file, passphrase: /^Passphrase: (.*)$/m.exec(out)?.[1] ?? "" });
  return () => rmSync(dir, { recursive: true, force: true });
}
