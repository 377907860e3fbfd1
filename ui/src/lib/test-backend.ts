/// <reference types="node" />
/**
 * The backend of the UI's tests: the real one. Each `TestBackend` runs
 * `tasking-vault-cli api` on its own throwaway vault (work factor 1, in a
 * temporary folder removed after the test) and forwards every call to it,
 * so a screen test sees exactly the rules, records and words the chair sees.
 *
 * What the test controls add is no rule: a recorded list of calls, a stub
 * of one call (`failNext`, for a state the API cannot reach on demand such as
 * a full disk), a call held back (`hold`), and the `vault-locked` event
 * produced where the shell produces it (`idleLock`). The app's save dialog
 * is the shell's, not the API's: with `exportDir` the tool writes exports
 * into a folder of the test's own (`api --export-dir`), as if the chair
 * had chosen it, and `cancelNextDialog` answers the next export as the
 * shell does when the chair cancels. Node only.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { CliSession, runCli, type Request } from "../../dev/cli-session";
import { TEST_TODAY, clockStart } from "./test-clock";
import type { Backend, CommandName, ParamsOf, ResultOf } from "./backend";
import type { ApiError, LockedEvent, VaultStatus } from "./bindings";

/** The passphrase of the vaults tests make, unless they choose one. */
export const TEST_PASSPHRASE = "correct horse battery";

export { TEST_TODAY } from "./test-clock";

declare module "vitest" {
  export interface ProvidedContext {
    /** The demo vault written once for the run (vitest-global-setup.ts), and its passphrase. */
    demoVault: { file: string; passphrase: string };
  }
}

export type TestVault = {
  /** `none`: no vault file yet; `new`: a new vault (Appendix A partners); `demo`: the demo vault. Default `new`. */
  vault?: "none" | "new" | "demo";
  /** Start locked or unlocked (default unlocked; a `none` vault is always `no_vault`). */
  state?: "locked" | "unlocked";
  /** A `new` vault's passphrase. */
  passphrase?: string;
  /** Demo mode, as the app's `--demo` (default: for the demo vault). */
  demo?: boolean;
  /** The vault file's name. */
  vaultFile?: string;
  /** Today in Europe/London (`YYYY-MM-DD`); the clock starts at 14:05 UTC that day. */
  today?: string;
  /** Leave a `new` vault asking to confirm that its recovery secret was saved. */
  recoveryConfirmationPending?: boolean;
  /**
   * Give `minutes_export` a folder to write into (`backend.exportDir`), as
   * the app's save dialog would; without it the tool answers `no_save_dialog`.
   */
  exportDir?: boolean;
};

const live = new Set<TestBackend>();

/** Closes every backend a test started (vitest-setup.ts calls it after each test). */
export async function closeAllTestBackends(): Promise<void> {
  await Promise.all([...live].map((b) => b.close()));
}

export class TestBackend implements Backend {
  /** Every call made through `call`, in order, with its params as sent. */
  readonly calls: Array<{ cmd: CommandName; params: unknown }> = [];
  private readonly listeners = new Set<(e: LockedEvent) => void>();
  private readonly failures = new Map<CommandName, ApiError>();
  private cancelDialog = false;
  private nextFile: string | null = null;
  private readonly gates = new Map<CommandName, Promise<void>>();
  private closed = false;
  private answering = 0;

  private constructor(
    private readonly session: CliSession,
    private readonly dir: string,
    /** The vault's passphrase. */
    readonly passphrase: string,
    /** Where `minutes_export` writes (`exportDir: true`), else null. */
    readonly exportDir: string | null,
  ) {
    live.add(this);
  }

  /** A backend on a fresh vault set up as `setup` says. */
  static async start(setup: TestVault = {}): Promise<TestBackend> {
    const kind = setup.vault ?? "new";
    const today = setup.today ?? TEST_TODAY;
    const dir = mkdtempSync(join(tmpdir(), "tasking-vault-test-"));
    const file = join(dir, setup.vaultFile ?? (kind === "demo" ? "demo.tvault" : "vault.tvault"));
    const demo = inject("demoVault");
    if (kind === "demo" && today === TEST_TODAY) copyFileSync(demo.file, file);
    // The demo is written around its today: another day needs its own.
    if (kind === "demo" && today !== TEST_TODAY) {
      await runCli(["demo", file, "--work-factor", "1", "--clock", clockStart(today)]);
    }
    const args = ["--locked", "--work-factor", "1", "--clock", clockStart(today)];
    if (setup.demo ?? kind === "demo") args.push("--demo");
    const exportDir = setup.exportDir ? join(dir, "exports") : null;
    if (exportDir) {
      mkdirSync(exportDir);
      args.push("--export-dir", exportDir);
    }
    const passphrase = kind === "demo" ? demo.passphrase : (setup.passphrase ?? TEST_PASSPHRASE);
    const backend = new TestBackend(new CliSession(file, args), dir, passphrase, exportDir);
    const unlocked = (setup.state ?? "unlocked") === "unlocked";
    if (kind === "new") {
      await backend.direct("vault_create", { passphrase, passphrase_again: passphrase });
      if (!setup.recoveryConfirmationPending) await backend.direct("vault_confirm_recovery_saved", {});
      if (!unlocked) await backend.direct("vault_lock", {});
    } else if (kind === "demo" && unlocked) {
      await backend.direct("vault_unlock", { passphrase });
    }
    return backend;
  }

  // ----- Backend ---------------------------------------------------------

  async call<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    this.calls.push({ cmd, params: params === undefined ? params : JSON.parse(JSON.stringify(params)) });
    this.answering += 1;
    try {
      await (this.gates.get(cmd) ?? Promise.resolve());
      const failure = this.failures.get(cmd);
      if (failure) {
        this.failures.delete(cmd);
        throw { ...failure };
      }
      if ((cmd === "minutes_export" || cmd === "agenda_export" || cmd === "request_export") && this.cancelDialog) {
        this.cancelDialog = false;
        const cancelled: ResultOf<"minutes_export"> = { written: false, file_name: null, sha256: null };
        return cancelled as ResultOf<K>;
      }
      if (cmd === "copies_issue" && this.cancelDialog) {
        this.cancelDialog = false;
        const cancelled: ResultOf<"copies_issue"> = { written: false, copies: [] };
        return cancelled as ResultOf<K>;
      }
      if (cmd === "copy_identify") {
        if (this.cancelDialog) {
          this.cancelDialog = false;
          const cancelled: ResultOf<"copy_identify"> = { chosen: false, file_name: null, identification: null };
          return cancelled as ResultOf<K>;
        }
        if (this.nextFile !== null) {
          const chosen: ParamsOf<"copy_identify"> = { file_name: this.nextFile };
          this.nextFile = null;
          return await this.direct(cmd, chosen as ParamsOf<K>);
        }
      }
      return await this.direct(cmd, params);
    } finally {
      this.answering -= 1;
    }
  }

  async onLocked(cb: (e: LockedEvent) => void): Promise<() => void> {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  // ----- test controls ---------------------------------------------------

  /** Calls the real backend directly: not recorded, held or stubbed. */
  async direct<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
    const answer = await this.session.request({ method: cmd, params: params ?? {} });
    if ("ok" in answer) return answer.ok as ResultOf<K>;
    throw answer.error;
  }

  /** The vault's status, read directly. */
  status(): Promise<VaultStatus> {
    return this.direct("vault_status", {});
  }

  /**
   * What the shell does when the auto-lock time passes with no activity: the
   * backend locks (kiosk included) and, if it did, the `vault-locked` event.
   */
  async idleLock(): Promise<void> {
    const answer = await this.session.request({ signal: "idle" } satisfies Request);
    if ("error" in answer) throw answer.error;
    if ((answer.ok as { locked: boolean }).locked) this.emit({ reason: "idle" });
  }

  /** Sends a `vault-locked` event as it is, for tests of the listener. */
  emit(e: LockedEvent): void {
    for (const cb of [...this.listeners]) cb({ ...e });
  }

  /** The next call of `cmd` rejects with `error` (once), without reaching the backend. */
  failNext(cmd: CommandName, error: ApiError): void {
    this.failures.set(cmd, error);
  }

  /**
   * The next `minutes_export` or `agenda_export` answers as the app's shell does when the chair
   * cancels its save dialog: nothing written, nothing recorded (once,
   * without reaching the backend). The command-line tool has no dialog.
   */
  cancelNextDialog(): void {
    this.cancelDialog = true;
  }

  /**
   * Answers the next `copy_identify`'s open dialog with `name`, a file in
   * the export folder, as the chair choosing it there (the command-line
   * tool has no dialog: it takes the name).
   */
  chooseNextFile(name: string): void {
    this.nextFile = name;
  }

  /** Holds every call of `cmd` until the returned function is called. */
  hold(cmd: CommandName): () => void {
    let release!: () => void;
    this.gates.set(
      cmd,
      new Promise<void>((resolve) => {
        release = () => {
          this.gates.delete(cmd);
          resolve();
        };
      }),
    );
    return release;
  }

  /**
   * The app's calls not yet answered. The real backend answers in its own
   * time: a test step that needs every answer in waits for this to be 0.
   */
  inFlight(): number {
    return this.answering;
  }

  /** The params of every call of `cmd`, in order. */
  callsOf(cmd: CommandName): unknown[] {
    return this.calls.filter((c) => c.cmd === cmd).map((c) => c.params);
  }

  /** Ends the session and removes the vault's folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    await this.session.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
