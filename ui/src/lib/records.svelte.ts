/**
 * A list of records with an "include inactive" switch, as loaded from the
 * vault: people and groups. Record data: `clear()` drops it when the vault
 * locks, and answers that arrive after a clear are thrown away.
 */
import { toApiError, type Backend } from "./backend";
import type { ApiError } from "./bindings";

export class RecordList<T extends { id: number; active: boolean }> {
  items = $state<T[]>([]);
  includeInactive = $state(false);
  /** True once a list has arrived since the last clear. */
  loaded = $state(false);
  loadError = $state<ApiError | null>(null);

  /** Bumped by `clear()`; an answer from an older epoch is discarded. */
  private epoch = 0;

  constructor(
    private readonly backend: Backend,
    private readonly fetch: (backend: Backend, includeInactive: boolean) => Promise<T[]>,
  ) {}

  /** The active records, whatever the switch says (for pickers). */
  get active(): T[] {
    return this.items.filter((x) => x.active);
  }

  async load(): Promise<void> {
    const epoch = this.epoch;
    try {
      const items = await this.fetch(this.backend, this.includeInactive);
      if (epoch !== this.epoch) return;
      this.items = items;
      this.loaded = true;
      this.loadError = null;
    } catch (e) {
      if (epoch === this.epoch) this.loadError = toApiError(e);
    }
  }

  /** Loads unless already loaded. */
  async ensure(): Promise<void> {
    if (!this.loaded) await this.load();
  }

  async showInactive(include: boolean): Promise<void> {
    this.includeInactive = include;
    await this.load();
  }

  /** Runs a change; resolves to the changed record, or to Rust's refusal. */
  async change(run: (backend: Backend) => Promise<T>): Promise<T | ApiError> {
    const epoch = this.epoch;
    let record: T;
    try {
      record = await run(this.backend);
    } catch (e) {
      return toApiError(e);
    }
    // Rust keeps the order and the filter: read the list again.
    if (epoch === this.epoch) await this.load();
    return record;
  }

  clear(): void {
    this.epoch++;
    this.items = [];
    this.includeInactive = false;
    this.loaded = false;
    this.loadError = null;
  }
}
