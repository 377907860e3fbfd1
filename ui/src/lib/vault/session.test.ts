import { describe, expect, it } from "vitest";
import { AppState } from "../app-state.svelte";
import { APPENDIX_A, FakeBackend } from "../fake-backend";

const PASSPHRASE = "correct horse battery";

async function unlockedApp(options: ConstructorParameters<typeof FakeBackend>[0] = {}) {
  const fake = new FakeBackend({ state: "unlocked", agencies: APPENDIX_A, ...options });
  const app = new AppState(fake);
  await app.vault.listen();
  await app.vault.refresh();
  return { fake, app };
}

describe("VaultSession", () => {
  it("follows Rust's status", async () => {
    const fake = new FakeBackend({ state: "locked" });
    const app = new AppState(fake);
    await app.vault.refresh();
    expect(app.vault.status?.state).toBe("locked");
    expect(await app.vault.unlock("wrong passphrase")).toMatchObject({
      code: "wrong_passphrase_or_damaged",
    });
    expect(await app.vault.unlock(PASSPHRASE)).toBeNull();
    expect(app.vault.status?.state).toBe("unlocked");
    expect(app.vault.autoLockMinutes).toBe(5);
  });

  it("a locked event clears the agency list and settings", async () => {
    const { fake, app } = await unlockedApp();
    await app.agencies.showInactive(true);
    await app.settings.load();
    expect(app.agencies.agencies).toHaveLength(APPENDIX_A.length);
    expect(app.settings.settings).not.toBeNull();

    fake.idleLock();

    expect(app.vault.status?.state).toBe("locked");
    expect(app.agencies.agencies).toEqual([]);
    expect(app.agencies.loaded).toBe(false);
    expect(app.agencies.includeInactive).toBe(false);
    expect(app.settings.settings).toBeNull();
    expect(app.vault.idleLock).toEqual({ minutes: 5 });
  });

  it("a user lock event also clears, without the idle notice", async () => {
    const { fake, app } = await unlockedApp();
    await app.agencies.load();
    fake.state = "locked";
    fake.emit({ reason: "user" });
    expect(app.agencies.agencies).toEqual([]);
    expect(app.vault.idleLock).toBeNull();
  });

  it("drops a list that arrives after the lock", async () => {
    const { fake, app } = await unlockedApp();
    const release = fake.hold("agencies_list");
    const loading = app.agencies.load();
    fake.idleLock();
    release();
    await loading;
    expect(app.agencies.agencies).toEqual([]);
    expect(app.agencies.loaded).toBe(false);
  });

  it("clears record data as soon as Lock is pressed", async () => {
    const { fake, app } = await unlockedApp();
    await app.agencies.load();
    const release = fake.hold("vault_lock");
    const locking = app.vault.lock();
    expect(app.agencies.agencies).toEqual([]);
    expect(app.vault.status?.state).toBe("locked");
    release();
    expect(await locking).toBeNull();
    expect(fake.state).toBe("locked");
  });

  it("the idle notice uses the auto-lock time last saved", async () => {
    const { fake, app } = await unlockedApp();
    expect(await app.settings.saveAutoLock(12)).toBeNull();
    fake.idleLock();
    expect(app.vault.idleLock).toEqual({ minutes: 12 });
  });

  it("a refused call re-reads the status, so a missed lock is noticed", async () => {
    const { fake, app } = await unlockedApp();
    fake.state = "locked"; // locked with no event reaching the UI
    const result = await app.agencies.add({ name: "New", designated_person_role: "Role" });
    expect(result).toMatchObject({ code: "locked" });
    await new Promise((r) => setTimeout(r, 0));
    expect(app.vault.status?.state).toBe("locked");
  });

  it("holds the recovery secret only until it is confirmed", async () => {
    const fake = new FakeBackend();
    const app = new AppState(fake);
    await app.vault.refresh();
    expect(await app.vault.create("a quiet morning", "a quiet morning")).toBeNull();
    expect(app.vault.recoverySecret).toMatch(/^AGE-SECRET-KEY-1/);
    expect(app.vault.showRecovery).toBe(true);
    expect(await app.vault.confirmRecoverySaved()).toBeNull();
    expect(app.vault.recoverySecret).toBeNull();
    expect(app.vault.showRecovery).toBe(false);
  });

  it("drops the recovery secret if the vault locks before it is confirmed", async () => {
    const fake = new FakeBackend();
    const app = new AppState(fake);
    await app.vault.listen();
    await app.vault.refresh();
    await app.vault.create("a quiet morning", "a quiet morning");
    fake.idleLock();
    expect(app.vault.recoverySecret).toBeNull();
  });

  it("reports a status that cannot be read", async () => {
    const fake = new FakeBackend();
    fake.failNext("vault_status", { code: "io", message: "The vault file could not be read." });
    const app = new AppState(fake);
    await app.vault.refresh();
    expect(app.vault.statusError?.message).toBe("The vault file could not be read.");
    await app.vault.refresh();
    expect(app.vault.statusError).toBeNull();
    expect(app.vault.status?.state).toBe("no_vault");
  });
});
