import { describe, expect, it } from "vitest";
import { FakeBackend, MESSAGES } from "./fake-backend";

describe("FakeBackend follows the shell's rules", () => {
  it("refuses record commands while locked", async () => {
    const fake = new FakeBackend({ state: "locked" });
    await expect(fake.call("agencies_list", { include_inactive: false })).rejects.toEqual({
      code: "locked",
      message: MESSAGES.locked,
    });
    await expect(fake.call("settings_get", {})).rejects.toMatchObject({ code: "locked" });
  });

  it("checks that the two passphrases match before their length", async () => {
    const fake = new FakeBackend();
    await expect(
      fake.call("vault_create", { passphrase: "short", passphrase_again: "other" }),
    ).rejects.toMatchObject({ code: "passphrases_differ" });
    await expect(
      fake.call("vault_create", { passphrase: "short", passphrase_again: "short" }),
    ).rejects.toMatchObject({ code: "weak_passphrase" });
  });

  it("creates an unlocked vault with the Appendix A partners and a pending confirmation", async () => {
    const fake = new FakeBackend();
    const created = await fake.call("vault_create", {
      passphrase: "ten chars!",
      passphrase_again: "ten chars!",
    });
    expect(created.vault_file).toBe("vault.tvault");
    const status = await fake.call("vault_status", {});
    expect(status).toMatchObject({ state: "unlocked", recovery_confirmation_pending: true });
    expect(await fake.call("agencies_list", { include_inactive: false })).toHaveLength(7);
    await expect(
      fake.call("vault_create", { passphrase: "ten chars!", passphrase_again: "ten chars!" }),
    ).rejects.toMatchObject({ code: "vault_exists" });
  });

  it("shows the demo passphrase only while locked", async () => {
    const fake = new FakeBackend({ state: "locked", demo: true, passphrase: "demo passphrase" });
    expect((await fake.call("vault_status", {})).demo_passphrase).toBe("demo passphrase");
    await fake.call("vault_unlock", { passphrase: "demo passphrase" });
    expect((await fake.call("vault_status", {})).demo_passphrase).toBeNull();
  });

  it("applies the text rules and refuses duplicate names whatever their case", async () => {
    const fake = new FakeBackend({ state: "unlocked" });
    await expect(
      fake.call("agency_add", { name: "  ", designated_person_role: "Role" }),
    ).rejects.toEqual({
      code: "invalid_input",
      message: "Agency name: must not be empty. Please fill it in.",
    });
    const added = await fake.call("agency_add", {
      name: "  Shropshire Council ",
      designated_person_role: "Data Protection Officer",
    });
    expect(added.name).toBe("Shropshire Council");
    await expect(
      fake.call("agency_add", { name: "shropshire council", designated_person_role: "X" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      fake.call("agency_update", { id: 99, name: "A", designated_person_role: "B" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps the auto-lock time between 1 and 60 minutes and review months between 1 and 120", async () => {
    const fake = new FakeBackend({ state: "unlocked" });
    await expect(
      fake.call("settings_update", { auto_lock_minutes: 0, review_months: 12 }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      fake.call("settings_update", { auto_lock_minutes: 5, review_months: 121 }),
    ).rejects.toEqual({
      code: "invalid_input",
      message: "Review meetings after (months): must be a whole number of months from 1 to 120.",
    });
    expect(await fake.call("settings_update", { auto_lock_minutes: 60, review_months: 6 })).toEqual({
      auto_lock_minutes: 60,
      review_months: 6,
    });
  });

  it("refuses a second unlock, as Rust does", async () => {
    const fake = new FakeBackend({ state: "unlocked" });
    await expect(fake.call("vault_unlock", { passphrase: "anything at all" })).rejects.toEqual({
      code: "already_unlocked",
      message: MESSAGES.alreadyUnlocked,
    });
  });

  it("never shares objects with the caller", async () => {
    const fake = new FakeBackend({
      state: "unlocked",
      agencies: [{ name: "A", designated_person_role: "B" }],
    });
    const [a] = await fake.call("agencies_list", { include_inactive: false });
    if (!a) throw new Error("no agency");
    a.name = "changed";
    expect(fake.agencies[0]?.name).toBe("A");
  });
});

describe("the preview backend", () => {
  it("holds invented records that pass the fake's own rules", async () => {
    const { previewBackend } = await import("./fake-backend");
    const fake = previewBackend("unlocked");
    const home = await fake.call("home", {});
    expect(home.next_meetings).toHaveLength(1);
    expect(home.overdue_actions.length).toBeGreaterThan(0);
    expect(await fake.call("people_list", { include_inactive: false })).toHaveLength(4);
  });
});

describe("every command", () => {
  it("is allowed by the window's capability, and nothing else is", async () => {
    const capability = (await import("../../../src-tauri/capabilities/main.json")).default;
    const allowed = capability.permissions.filter((p: string) => !p.startsWith("core:")).sort();
    const commands = new FakeBackend().commandNames().map((c) => `allow-${c.replaceAll("_", "-")}`);
    expect(allowed).toEqual(commands.sort());
  });
});
