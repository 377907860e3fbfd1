/**
 * The chair's settings kept inside the vault, and the passphrase change.
 * Cleared when the vault locks, like all vault content.
 */
import { toApiError, type Backend } from "../backend";
import { LIMITS, type ApiError, type ChangePassphraseParams, type Settings, type SettingsChange } from "../bindings";

// The bounds the form states, from Rust's constants (the rule stays in Rust).
export const AUTO_LOCK_MIN = LIMITS.auto_lock_minutes.min;
export const AUTO_LOCK_MAX = LIMITS.auto_lock_minutes.max;
export const AUTO_LOCK_DEFAULT = LIMITS.auto_lock_minutes.default;
export const REVIEW_MONTHS_MIN = LIMITS.review_months.min;
export const REVIEW_MONTHS_MAX = LIMITS.review_months.max;
export const REVIEW_MONTHS_DEFAULT = LIMITS.review_months.default;

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
