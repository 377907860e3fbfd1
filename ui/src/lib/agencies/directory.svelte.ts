/**
 * The partner directory as loaded from the vault: a `RecordList` of
 * agencies with the directory's own changes. Record data: cleared when the
 * vault locks (see `RecordList`).
 */
import type { Backend } from "../backend";
import type { Agency, AgencyInput, ApiError } from "../bindings";
import { RecordList } from "../records.svelte";

export class AgencyDirectory extends RecordList<Agency> {
  constructor(backend: Backend) {
    super(backend, (b, include_inactive) => b.call("agencies_list", { include_inactive }));
  }

  /** The agencies listed (all, or the active ones: see `includeInactive`). */
  get agencies(): Agency[] {
    return this.items;
  }

  /** Adds an agency; resolves to it, or to Rust's refusal. */
  add(input: AgencyInput): Promise<Agency | ApiError> {
    return this.change((b) => b.call("agency_add", input));
  }

  update(id: number, input: AgencyInput): Promise<Agency | ApiError> {
    return this.change((b) => b.call("agency_update", { id, ...input }));
  }

  setActive(id: number, active: boolean): Promise<Agency | ApiError> {
    return this.change((b) => b.call("agency_set_active", { id, active }));
  }
}

export function isAgency(x: Agency | ApiError): x is Agency {
  return "id" in x;
}
