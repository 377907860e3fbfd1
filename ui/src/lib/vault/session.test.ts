import { describe, expect, it } from "vitest";
import { waitFor } from "@testing-library/svelte";
import { AppState } from "../app-state.svelte";
import { TEST_PASSPHRASE, TestBackend, type TestVault } from "../test-backend";

/** The partners a new vault starts with (Rust's Appendix A seed). */
const APPENDIX_A_PARTNERS = 7;

async function unlockedApp(setup: TestVault = {}) {
  const backend = await TestBackend.start({ state: "unlocked", ...setup });
  const app = new AppState(backend);
  await app.vault.listen();
  await app.vault.refresh();
  return { backend, app };
}

describe("VaultSession", () => {
  it("follows Rust's status", async () => {
    const backend = await TestBackend.start({ state: "locked" });
    const app = new AppState(backend);
    await app.vault.refresh();
    expect(app.vault.status?.state).toBe("locked");
    expect(await app.vault.unlock("wrong passphrase")).toMatchObject({
      code: "wrong_passphrase_or_damaged",
    });
    expect(await app.vault.unlock(TEST_PASSPHRASE)).toBeNull();
    expect(app.vault.status?.state).toBe("unlocked");
    expect(app.vault.autoLockMinutes).toBe(5);
  });

  it("a locked event clears the agency list and settings", async () => {
    const { backend, app } = await unlockedApp();
    await app.agencies.showInactive(true);
    await app.settings.load();
    expect(app.agencies.agencies).toHaveLength(APPENDIX_A_PARTNERS);
    expect(app.settings.settings).not.toBeNull();

    await backend.idleLock();

    expect(app.vault.status?.state).toBe("locked");
    expect(app.agencies.agencies).toEqual([]);
    expect(app.agencies.loaded).toBe(false);
    expect(app.agencies.includeInactive).toBe(false);
    expect(app.settings.settings).toBeNull();
    await waitFor(() => expect(app.vault.status?.lock_notice).toBe("Locked after 5 minutes without activity."));
  });

  it("a user lock event also clears, without the idle notice", async () => {
    const { backend, app } = await unlockedApp();
    await app.agencies.load();
    await backend.direct("vault_lock", {});
    backend.emit({ reason: "user" });
    expect(app.agencies.agencies).toEqual([]);
    await waitFor(() => expect(app.vault.status?.state).toBe("locked"));
    expect(app.vault.status?.lock_notice).toBeNull();
  });

  it("drops a list that arrives after the lock", async () => {
    const { backend, app } = await unlockedApp();
    const release = backend.hold("agencies_list");
    const loading = app.agencies.load();
    await backend.idleLock();
    release();
    await loading;
    expect(app.agencies.agencies).toEqual([]);
    expect(app.agencies.loaded).toBe(false);
  });

  it("clears record data as soon as Lock is pressed", async () => {
    const { backend, app } = await unlockedApp();
    await app.agencies.load();
    const release = backend.hold("vault_lock");
    const locking = app.vault.lock();
    expect(app.agencies.agencies).toEqual([]);
    expect(app.vault.status?.state).toBe("locked");
    release();
    expect(await locking).toBeNull();
    expect((await backend.status()).state).toBe("locked");
  });

  it("the idle notice, Rust's words, uses the auto-lock time last saved", async () => {
    const { backend, app } = await unlockedApp();
    expect(await app.settings.saveAutoLock(12)).toBeNull();
    await backend.idleLock();
    await waitFor(() => expect(app.vault.status?.lock_notice).toBe("Locked after 12 minutes without activity."));
  });

  it("a refused call re-reads the status, so a missed lock is noticed", async () => {
    const { backend, app } = await unlockedApp();
    await backend.direct("vault_lock", {}); // locked with no event reaching the UI
    const result = await app.agencies.add({ name: "New", designated_person_role: "Role", kind: "other" });
    expect(result).toMatchObject({ code: "locked" });
    await expect.poll(() => app.vault.status?.state).toBe("locked");
  });

  it("holds the recovery secret only until it is confirmed", async () => {
    const backend = await TestBackend.start({ vault: "none" });
    const app = new AppState(backend);
    await app.vault.refresh();
    expect(await app.vault.create("a quiet morning", "a quiet morning")).toBeNull();
    expect(app.vault.recoverySecret).toMatch(/^AGE-SECRET-KEY-1/);
    expect(app.vault.showRecovery).toBe(true);
    expect(await app.vault.confirmRecoverySaved()).toBeNull();
    expect(app.vault.recoverySecret).toBeNull();
    expect(app.vault.showRecovery).toBe(false);
  });

  it("drops the recovery secret if the vault locks before it is confirmed", async () => {
    const backend = await TestBackend.start({ vault: "none" });
    const app = new AppState(backend);
    await app.vault.listen();
    await app.vault.refresh();
    await app.vault.create("a quiet morning", "a quiet morning");
    await backend.idleLock();
    expect(app.vault.recoverySecret).toBeNull();
  });

  it("reports a status that cannot be read", async () => {
    const backend = await TestBackend.start({ vault: "none" });
    // A disk error cannot be caused on demand: the one stubbed call, in Rust's words (vault::Error::Io).
    const message = "The vault file could not be read or written (busy). Nothing saved earlier has been lost.";
    backend.failNext("vault_status", { code: "io", message });
    const app = new AppState(backend);
    await app.vault.refresh();
    expect(app.vault.statusError?.message).toBe(message);
    await app.vault.refresh();
    expect(app.vault.statusError).toBeNull();
    expect(app.vault.status?.state).toBe("no_vault");
  });
});
