/// <reference types="node" />
/**
 * One `tasking-vault-cli api` session driven from Node: requests go in as
 * lines, answers come back in the same order (docs/CLI.md, "The api
 * protocol"). The real backend for the UI's tests (src/testing/cli-backend.ts)
 * and for the development server's preview (dev/preview-api.ts). Never part
 * of the app: the app talks to Rust through Tauri.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

/**
 * The repository's root: this file is `ui/dev/cli-session.ts`. (Under
 * Vitest's jsdom, module URLs are not file URLs, so vite.config.ts passes
 * the root in `TASKING_VAULT_REPO`.)
 */
function repoRoot(): string {
  return process.env.TASKING_VAULT_REPO ?? fileURLToPath(new URL("../../", import.meta.url));
}

/** The command that builds the tool, for messages. */
export const BUILD_COMMAND = "cargo build -p tasking-vault-cli";

/**
 * Where the command-line tool is: `$TASKING_VAULT_CLI`, or the debug build
 * in the repository's `target/`. Throws one clear message if it is missing.
 */
export function cliBinary(): string {
  const path = process.env.TASKING_VAULT_CLI ?? join(repoRoot(), "target", "debug", "tasking-vault-cli");
  if (!existsSync(path)) {
    throw new Error(
      `The UI's tests and browser preview run on the real backend, tasking-vault-cli, ` +
        `and it is not built (looked for ${path}). Build it at the repository's root with ` +
        `\`${BUILD_COMMAND}\` (scripts/test does this before the UI's tests), then run this again.`,
    );
  }
  return path;
}

/** One answer line, as the tool writes it. */
export type Answer = { ok: unknown } | { error: { code: string; message: string } };

/** What one request line may hold: a method call, or a signal (docs/CLI.md). */
export type Request = { method: string; params?: unknown } | { signal: "idle" };

/**
 * Runs `tasking-vault-cli` with `args` to completion; resolves with its
 * standard output, rejects with its standard error.
 */
export function runCli(args: string[], input = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cliBinary(), args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`tasking-vault-cli ${args[0]} failed (${code}): ${err.trim()}`));
    });
    child.stdin.end(input);
  });
}

/** A running `api` session. */
export class CliSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (a: Answer) => void; reject: (e: Error) => void }> = [];
  private stderr = "";
  private ended: Error | null = null;
  private readonly exited: Promise<void>;

  /**
   * Starts `tasking-vault-cli api VAULT ...args`. `passphrase`, if given, is
   * the first line (a session that starts unlocked); without it pass `--locked`.
   */
  constructor(vault: string, args: string[], passphrase?: string) {
    this.child = spawn(cliBinary(), ["api", vault, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdin.on("error", () => {});
    this.child.stderr.on("data", (d: Buffer) => {
      // Keep only the end: enough to say why a session stopped.
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      const next = this.waiting.shift();
      if (!next) return;
      try {
        next.resolve(JSON.parse(line) as Answer);
      } catch {
        next.reject(new Error(`tasking-vault-cli answered with a line that is not JSON: ${line}`));
      }
    });
    this.exited = new Promise((resolve) => {
      this.child.on("error", (e) => {
        this.fail(new Error(`tasking-vault-cli could not start: ${e.message}`));
        resolve();
      });
      this.child.on("close", (code) => {
        this.fail(
          new Error(`tasking-vault-cli api stopped (exit status ${code}): ${this.stderr.trim() || "no message"}`),
        );
        resolve();
      });
    });
    if (passphrase !== undefined) this.child.stdin.write(`${passphrase}\n`);
  }

  private fail(e: Error): void {
    this.ended ??= e;
    for (const w of this.waiting.splice(0)) w.reject(this.ended);
  }

  /** Sends one request; resolves with its answer. */
  request(request: Request): Promise<Answer> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Stops the tool at once, for a process that is exiting and cannot wait. */
  kill(): void {
    this.child.kill("SIGKILL");
  }

  /** Ends standard input (the tool locks and compacts) and waits for the exit. */
  async close(): Promise<void> {
    if (!this.ended) this.child.stdin.end();
    await this.exited;
  }
}
