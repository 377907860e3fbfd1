/**
 * Everything the screens share, wired together: the vault session and the
 * stores of record data it clears on every lock. One instance per app.
 */
import { createContext } from "svelte";
import type { Backend } from "./backend";
import { AgencyDirectory } from "./agencies/directory.svelte";
import { SettingsStore } from "./settings/settings.svelte";
import { VaultSession } from "./vault/session.svelte";

export class AppState {
  readonly vault: VaultSession;
  readonly agencies: AgencyDirectory;
  readonly settings: SettingsStore;

  constructor(readonly backend: Backend) {
    this.vault = new VaultSession(backend);
    // A refused call may mean the vault locked under us: re-read the status.
    const watched = watchFailures(backend, () => void this.vault.refresh());
    this.agencies = new AgencyDirectory(watched);
    this.settings = new SettingsStore(watched, (m) => this.vault.noteAutoLockMinutes(m));
    this.vault.onClear(() => {
      this.agencies.clear();
      this.settings.clear();
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
