/**
 * The vault as the UI sees it: the last status from Rust, the one-time
 * recovery secret, why it was last locked, and the actions that change the
 * vault's state (create, confirm recovery, unlock, lock).
 *
 * Rust decides; this module follows `VaultStatus.state`. Whenever the vault
 * stops being unlocked, every store registered with `onClear` drops the
 * record data it holds.
 */
import { toApiError, type Backend } from "../backend";
import type { ApiError, LockedEvent, VaultStatus } from "../bindings";

export class VaultSession {
  /** The last status from Rust; null until the first answer. */
  status = $state<VaultStatus | null>(null);
  /** Why the first status could not be read, if it could not. */
  statusError = $state<ApiError | null>(null);
  /** Rust's words when a refused command locked the vault (five wrong
   * passphrases at the kiosk), until the status carries them
   * (`VaultStatus.lock_notice`, which also says why an idle or sleep lock
   * happened); cleared by the next unlock or lock. */
  lockNotice = $state<string | null>(null);
  /**
   * The recovery secret from `vault_create`, held only until the chair
   * confirms it is stored (or the vault locks). Never persisted.
   */
  recoverySecret = $state<string | null>(null);

  private lastAutoLockMinutes: number | null = null;
  private readonly clearers = new Set<() => void>();

  constructor(private readonly backend: Backend) {}

  /** True while the recovery step must be shown instead of the main screens. */
  get showRecovery(): boolean {
    return (
      this.status?.state === "unlocked" &&
      (this.status.recovery_confirmation_pending || this.recoverySecret !== null)
    );
  }

  /** Registers a function that drops record data; returns its removal. */
  onClear(fn: () => void): () => void {
    this.clearers.add(fn);
    return () => {
      this.clearers.delete(fn);
    };
  }

  /** The idle time last known while unlocked (Rust may send null when locked). */
  get autoLockMinutes(): number | null {
    return this.lastAutoLockMinutes;
  }

  noteAutoLockMinutes(minutes: number): void {
    this.lastAutoLockMinutes = minutes;
    if (this.status?.state === "unlocked") {
      this.status = { ...this.status, auto_lock_minutes: minutes };
    }
  }

  /** Asks Rust for the status. Never throws. */
  async refresh(): Promise<void> {
    try {
      this.apply(await this.backend.call("vault_status", {}));
      this.statusError = null;
    } catch (e) {
      if (this.status === null) this.statusError = toApiError(e);
    }
  }

  /** Subscribes to Rust's `vault-locked` event; resolves to the unsubscribe. */
  listen(): Promise<() => void> {
    return this.backend.onLocked((e) => this.handleLocked(e));
  }

  handleLocked(_: LockedEvent): void {
    this.lockNotice = null;
    this.markLocked();
    void this.refresh();
  }

  /** Rust locked the vault in answer to a command, saying why: the unlock
   * screen shows `message`. */
  lockedWith(message: string): void {
    this.lockNotice = message;
    this.markLocked();
    void this.refresh();
  }

  async create(passphrase: string, passphraseAgain: string): Promise<ApiError | null> {
    try {
      const created = await this.backend.call("vault_create", {
        passphrase,
        passphrase_again: passphraseAgain,
      });
      this.recoverySecret = created.recovery_secret;
      // Until Rust's own status arrives, this is what creating means.
      this.apply({
        state: "unlocked",
        vault_file: created.vault_file,
        demo: false,
        demo_passphrase: null,
        auto_lock_minutes: null,
        recovery_confirmation_pending: true,
        lock_notice: null,
      });
    } catch (e) {
      return this.failed(e);
    }
    await this.refresh();
    return null;
  }

  async confirmRecoverySaved(): Promise<ApiError | null> {
    try {
      const status = await this.backend.call("vault_confirm_recovery_saved", {});
      this.recoverySecret = null;
      this.apply(status);
      return null;
    } catch (e) {
      return this.failed(e);
    }
  }

  async unlock(passphrase: string): Promise<ApiError | null> {
    try {
      const status = await this.backend.call("vault_unlock", { passphrase });
      this.lockNotice = null;
      this.apply(status);
      return null;
    } catch (e) {
      return this.failed(e);
    }
  }

  async lock(): Promise<ApiError | null> {
    // Drop record data first: the screen must not show it a moment longer.
    this.lockNotice = null;
    this.markLocked();
    try {
      this.apply(await this.backend.call("vault_lock", {}));
      return null;
    } catch (e) {
      return this.failed(e);
    }
  }

  private failed(e: unknown): ApiError {
    const error = toApiError(e);
    // The refusal may mean the vault changed state under us (an idle lock
    // racing a click): ask for the truth.
    void this.refresh();
    return error;
  }

  private markLocked(): void {
    if (this.status && this.status.state === "unlocked") {
      this.apply({
        ...this.status,
        state: "locked",
        auto_lock_minutes: null,
        recovery_confirmation_pending: false,
      });
    } else {
      this.clearRecordData();
    }
  }

  private apply(status: VaultStatus): void {
    if (status.auto_lock_minutes !== null) this.lastAutoLockMinutes = status.auto_lock_minutes;
    this.status = status;
    if (status.state !== "unlocked") this.clearRecordData();
  }

  private clearRecordData(): void {
    this.recoverySecret = null;
    for (const clear of this.clearers) clear();
  }
}
