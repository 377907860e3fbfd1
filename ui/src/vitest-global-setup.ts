/// <reference types="node" />
/**
 * Before any UI test: the real backend must be built. One clear message
 * (which command builds it) instead of every test failing on its own, and a
 * warning when Rust sources have changed since it was built.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { BUILD_COMMAND, cliBinary } from "../dev/cli-session";

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

export default function setup(): void {
  const binary = cliBinary();
  const crates = join(process.env.TASKING_VAULT_REPO ?? "..", "src-tauri", "crates");
  if (newestSource(crates) > statSync(binary).mtimeMs) {
    console.warn(
      `\nNote: Rust sources changed after ${binary} was built; the tests run on the old build. ` +
        `Run \`${BUILD_COMMAND}\` first to test the new one.\n`,
    );
  }
}
