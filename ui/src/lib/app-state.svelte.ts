/**
 * Everything the screens share, wired together: the vault session and the
 * stores of record data it clears on every lock. One instance per app.
 */
import { createContext } from "svelte";
import type { Backend } from "./backend";
import { AgencyDirectory } from "./agencies/directory.svelte";
import type { Group, Person } from "./bindings";
import { RecordList } from "./records.svelte";
import { Navigator } from "./shell/navigation.svelte";
import { SettingsStore } from "./settings/settings.svelte";
import { VaultSession } from "./vault/session.svelte";

export class AppState {
  readonly vault: VaultSession;
  readonly agencies: AgencyDirectory;
  readonly settings: SettingsStore;
  readonly people: RecordList<Person>;
  readonly groups: RecordList<Group>;
  readonly nav = new Navigator();
  /** The backend as the screens use it: a refusal re-reads the vault's status. */
  readonly records: Backend;

  constructor(readonly backend: Backend) {
    this.vault = new VaultSession(backend);
    // A refused call may mean the vault locked under us: re-read the status.
    const watched = watchFailures(backend, () => void this.vault.refresh());
    this.agencies = new AgencyDirectory(watched);
    this.settings = new SettingsStore(watched, (m) => this.vault.noteAutoLockMinutes(m));
    this.people = new RecordList(watched, (b, include_inactive) =>
      b.call("people_list", { include_inactive }),
    );
    this.groups = new RecordList(watched, (b, include_inactive) =>
      b.call("groups_list", { include_inactive }),
    );
    this.records = watched;
    this.vault.onClear(() => {
      this.agencies.clear();
      this.settings.clear();
      this.people.clear();
      this.groups.clear();
      this.nav.clear();
    });
  }
}

function watchFailures(backend: Backend, onFailure: () => void): Backend {
  return {
    async call(cmd, params) {
      try {
        return await backend.call(cmd, params);
      } catch (e) {
        onFailure();
        throw e;
      }
    },
    onLocked: (cb) => backend.onLocked(cb),
  };
}

export const [getAppState, setAppState] = createContext<AppState>();
