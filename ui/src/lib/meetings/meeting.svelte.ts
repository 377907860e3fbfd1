/**
 * One meeting's page as the screen holds it. Every change Rust answers with
 * the whole page goes through `change`, so the screen always shows what Rust
 * holds; a refusal leaves the page as it was and is handed back to the form.
 */
import { attempt, type Backend, type CommandName, type ParamsOf, type ResultOf } from "../backend";
import type { ApiError, MeetingPage } from "../bindings";

/** The commands whose answer is the meeting's page. */
export type PageCommand = {
  [K in CommandName]: ResultOf<K> extends MeetingPage ? K : never;
}[CommandName];

export class MeetingModel {
  page = $state<MeetingPage | null>(null);
  loadError = $state<ApiError | null>(null);

  constructor(
    private readonly backend: Backend,
    readonly id: number,
  ) {}

  async load(): Promise<void> {
    const r = await attempt(() => this.backend.call("meeting_get", { id: this.id }));
    if (r.ok) {
      this.page = r.value;
      this.loadError = null;
    } else {
      this.loadError = r.error;
    }
  }

  /** Runs a command that answers with the page; resolves to Rust's refusal or null. */
  async change<K extends PageCommand>(cmd: K, params: ParamsOf<K>): Promise<ApiError | null> {
    const r = await attempt(() => this.backend.call(cmd, params));
    if (!r.ok) return r.error;
    this.page = r.value as MeetingPage;
    return null;
  }

  /**
   * Runs a command that answers with something else (an action), then
   * reads the page again; resolves to Rust's refusal or null.
   */
  async changeThenReload<K extends CommandName>(cmd: K, params: ParamsOf<K>): Promise<ApiError | null> {
    const r = await attempt(() => this.backend.call(cmd, params));
    if (!r.ok) return r.error;
    await this.load();
    return null;
  }
}
