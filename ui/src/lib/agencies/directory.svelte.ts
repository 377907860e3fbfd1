/**
 * The partner directory as loaded from the vault. Record data: `clear()`
 * drops it when the vault locks, and answers that arrive after a clear are
 * thrown away rather than shown.
 */
import { toApiError, type Backend } from "../backend";
import type { Agency, AgencyInput, ApiError } from "../bindings";

export class AgencyDirectory {
  agencies = $state<Agency[]>([]);
  includeInactive = $state(false);
  /** True once a list has arrived since the last clear. */
  loaded = $state(false);
  loading = $state(false);
  loadError = $state<ApiError | null>(null);

  /** Bumped by `clear()`; an answer from an older epoch is discarded. */
  private epoch = 0;

  constructor(private readonly backend: Backend) {}

  async load(): Promise<void> {
    const epoch = this.epoch;
    this.loading = true;
    try {
      const agencies = await this.backend.call("agencies_list", {
        include_inactive: this.includeInactive,
      });
      if (epoch !== this.epoch) return;
      this.agencies = agencies;
      this.loaded = true;
      this.loadError = null;
    } catch (e) {
      if (epoch !== this.epoch) return;
      this.loadError = toApiError(e);
    } finally {
      if (epoch === this.epoch) this.loading = false;
    }
  }

  async showInactive(include: boolean): Promise<void> {
    this.includeInactive = include;
    await this.load();
  }

  /** Adds an agency; resolves to it, or to Rust's refusal. */
  add(input: AgencyInput): Promise<Agency | ApiError> {
    return this.change(() => this.backend.call("agency_add", input));
  }

  update(id: number, input: AgencyInput): Promise<Agency | ApiError> {
    return this.change(() => this.backend.call("agency_update", { id, ...input }));
  }

  setActive(id: number, active: boolean): Promise<Agency | ApiError> {
    return this.change(() => this.backend.call("agency_set_active", { id, active }));
  }

  clear(): void {
    this.epoch++;
    this.agencies = [];
    this.includeInactive = false;
    this.loaded = false;
    this.loading = false;
    this.loadError = null;
  }

  private async change(run: () => Promise<Agency>): Promise<Agency | ApiError> {
    const epoch = this.epoch;
    let agency: Agency;
    try {
      agency = await run();
    } catch (e) {
      return toApiError(e);
    }
    // Rust keeps the order and the filter: read the list again.
    if (epoch === this.epoch) await this.load();
    return agency;
  }
}

export function isAgency(x: Agency | ApiError): x is Agency {
  return "id" in x;
}
