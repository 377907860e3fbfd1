/**
 * The chair's settings kept inside the vault, and the passphrase change.
 * Cleared when the vault locks, like all vault content.
 */
import { toApiError, type Backend } from "../backend";
import type { ApiError, ChangePassphraseParams, Settings, SettingsChange } from "../bindings";

export const AUTO_LOCK_MIN = 1;
export const AUTO_LOCK_MAX = 60;
export const AUTO_LOCK_DEFAULT = 5;
export const REVIEW_MONTHS_MIN = 1;
export const REVIEW_MONTHS_MAX = 120;
export const REVIEW_MONTHS_DEFAULT = 12;

export class SettingsStore {
  settings = $state<Settings | null>(null);
  loadError = $state<ApiError | null>(null);
  private epoch = 0;

  /** `onAutoLock` hears every auto-lock value read or saved. */
  constructor(
    private readonly backend: Backend,
    private readonly onAutoLock: (minutes: number) => void = () => {},
  ) {}

  async load(): Promise<void> {
    const epoch = this.epoch;
    try {
      const settings = await this.backend.call("settings_get", {});
      if (epoch !== this.epoch) return;
      this.settings = settings;
      this.loadError = null;
      this.onAutoLock(settings.auto_lock_minutes);
    } catch (e) {
      if (epoch === this.epoch) this.loadError = toApiError(e);
    }
  }

  async saveAutoLock(minutes: number): Promise<ApiError | null> {
    return this.save({ auto_lock_minutes: minutes });
  }

  async saveReviewMonths(months: number): Promise<ApiError | null> {
    return this.save({ review_months: months });
  }

  /** Saves one setting; Rust keeps the others as they are. */
  private async save(change: SettingsChange): Promise<ApiError | null> {
    const epoch = this.epoch;
    try {
      const settings = await this.backend.call("settings_update", change);
      if (epoch === this.epoch) {
        this.settings = settings;
        this.onAutoLock(settings.auto_lock_minutes);
      }
      return null;
    } catch (e) {
      return toApiError(e);
    }
  }

  async changePassphrase(params: ChangePassphraseParams): Promise<ApiError | null> {
    try {
      await this.backend.call("vault_change_passphrase", params);
      return null;
    } catch (e) {
      return toApiError(e);
    }
  }

  clear(): void {
    this.epoch++;
    this.settings = null;
    this.loadError = null;
  }
}
