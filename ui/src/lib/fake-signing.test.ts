import { describe, expect, it } from "vitest";
import type { Point } from "./bindings";
import { FakeBackend, KIOSK_METHODS, KIOSK_WRONG_PASSPHRASES, MESSAGES } from "./fake-backend";
import { DEFAULT_AGREEMENT, sha256Hex } from "./fake-signing";
import { planMeeting, renderWithRecords } from "./test-support";

const strokes: Point[][] = [
  [
    [100, 200, 0],
    [180, 150, 16],
    [260, 240, 33],
  ],
];

async function kiosk() {
  const { fake, seed } = await renderWithRecords();
  const page = await planMeeting(fake, seed, "2026-12-02");
  const view = await fake.call("kiosk_start", { meeting_id: page.meeting.id });
  return { fake, seed, page, view };
}

describe("the fake's signing kiosk follows Rust's rules", () => {
  it("hashes as SHA-256 does", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Longer than one block, and not ASCII.
    expect(sha256Hex("a".repeat(1000))).toBe("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  });

  it("answers only the kiosk's own commands while signing", async () => {
    const { fake, seed, view } = await kiosk();
    expect(view.agreement).toMatchObject({ version: 1, text: DEFAULT_AGREEMENT });
    expect(view.pad).toEqual({ width: 1000, height: 400, max_strokes: 100, max_points: 6000 });
    for (const cmd of fake.commandNames().filter((c) => !KIOSK_METHODS.includes(c))) {
      await expect(fake.call(cmd, {} as never), cmd).rejects.toEqual({ code: "kiosk_active", message: MESSAGES.kiosk });
    }
    expect((await fake.call("vault_status", {})).state).toBe("kiosk");
    const answer = await fake.call("kiosk_sign", { signer: { person_id: seed.sergeant.id, newcomer: null }, method: "drawn", strokes, typed_name: null });
    expect(answer).toMatchObject({ name: "Priya Okonkwo-Hale", outcome: "drawn" });
    expect(answer.view.attendees.find((a) => a.person_id === seed.sergeant.id)?.state).toBe("signed");
    await expect(
      fake.call("kiosk_sign", { signer: { person_id: seed.sergeant.id, newcomer: null }, method: "drawn", strokes, typed_name: null }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(fake.call("kiosk_leave", { passphrase: "a guess" })).rejects.toEqual({
      code: "wrong_passphrase",
      message: MESSAGES.kioskWrongPassphrase,
    });
    expect((await fake.call("kiosk_leave", { passphrase: "correct horse battery" })).state).toBe("unlocked");
    await expect(fake.call("kiosk_view", {})).rejects.toMatchObject({ code: "kiosk_not_active" });
  });

  it("refuses strokes as Rust does, in Rust's words", async () => {
    const { fake, seed } = await kiosk();
    const sign = (s: Point[][]) =>
      fake.call("kiosk_sign", { signer: { person_id: seed.officer.id, newcomer: null }, method: "drawn", strokes: s, typed_name: null });
    const cases: Array<[Point[][], string]> = [
      [[], 'Signature: is empty. Please sign in the box, or choose "Type my name instead".'],
      [[[[10, 10, 0], [1001, 10, 5]]], "Signature: goes outside the signing box. Please clear it and sign again."],
      [[[[10, 10, 50], [20, 20, 40]]], "Signature: has points out of time order. Please clear it and sign again."],
      [[[[10, 10, 0], [10, 10, 8]]], "Signature: is a single dot. Please sign in the box."],
    ];
    for (const [s, message] of cases) {
      await expect(sign(s)).rejects.toEqual({ code: "invalid_input", message });
    }
  });

  it("records typed signatures, declines and newcomers, and the chair withdraws one", async () => {
    const { fake, seed, page } = await kiosk();
    await fake.call("kiosk_sign", {
      signer: { person_id: seed.officer.id, newcomer: null },
      method: "typed",
      strokes: [],
      typed_name: "Tomasz Brennan",
    });
    await fake.call("kiosk_decline", { signer: { person_id: seed.prevention.id, newcomer: null }, reason: "Not staying" });
    const newcomer = await fake.call("kiosk_sign", {
      signer: { person_id: null, newcomer: { name: "Wren Halloway", agency_id: seed.council, role: "Youth Worker", email: null } },
      method: "drawn",
      strokes,
      typed_name: null,
    });
    expect(newcomer.view.attendees.map((a) => [a.name, a.state])).toEqual([
      ["Ada Quill", "declined"],
      ["Priya Okonkwo-Hale", "waiting"],
      ["Tomasz Brennan", "signed"],
      ["Wren Halloway", "signed"],
    ]);
    await fake.call("kiosk_leave", { passphrase: "correct horse battery" });
    const after = await fake.call("meeting_get", { id: page.meeting.id });
    expect(after.register.map((e) => [e.name, e.outcome])).toEqual([
      ["Tomasz Brennan", "typed"],
      ["Ada Quill", "declined"],
      ["Wren Halloway", "drawn"],
    ]);
    const withdrawn = await fake.call("signature_withdraw", { id: after.register[1]!.id, reason: "Pressed by mistake" });
    expect(withdrawn.register[1]).toMatchObject({ withdrawn_reason: "Pressed by mistake" });
    await expect(
      fake.call("signature_withdraw", { id: after.register[1]!.id, reason: "Again" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("locks the vault after five wrong passphrases at the kiosk", async () => {
    const { fake } = await kiosk();
    for (let i = 1; i < KIOSK_WRONG_PASSPHRASES; i++) {
      await expect(fake.call("kiosk_leave", { passphrase: "guess" })).rejects.toMatchObject({ code: "wrong_passphrase" });
    }
    await expect(fake.call("kiosk_leave", { passphrase: "guess" })).rejects.toEqual({
      code: "wrong_passphrase_locked",
      message: MESSAGES.kioskLocked,
    });
    expect((await fake.call("vault_status", {})).state).toBe("locked");
  });

  it("versions the agreement and refuses an unchanged text", async () => {
    const { fake } = await renderWithRecords();
    expect((await fake.call("agreement_get", {})).sha256).toBe(sha256Hex(DEFAULT_AGREEMENT));
    await expect(fake.call("agreement_update", { text: DEFAULT_AGREEMENT })).rejects.toMatchObject({ code: "conflict" });
    const v2 = await fake.call("agreement_update", { text: `${DEFAULT_AGREEMENT}\n\n6. One more clause.` });
    expect(v2.version).toBe(2);
    expect((await fake.call("agreement_versions", {})).map((a) => a.version)).toEqual([2, 1]);
  });
});

describe("someone not on the list who is already known", () => {
  it("signs as that person, invited, not as a second record", async () => {
    const { fake, seed, page } = await kiosk();
    await fake.call("kiosk_leave", { passphrase: "correct horse battery" });
    const known = await fake.call("person_add", { name: "Piran Ashgrove", agency_id: seed.council, role: "Nurse", email: null });
    const before = (await fake.call("people_list", { include_inactive: true })).length;
    await fake.call("kiosk_start", { meeting_id: page.meeting.id });
    const answer = await fake.call("kiosk_sign", {
      signer: { person_id: null, newcomer: { name: "piran ashgrove", agency_id: seed.council, role: "Nurse", email: null } },
      method: "typed",
      strokes: [],
      typed_name: "Piran Ashgrove",
    });
    expect(answer.name).toBe("Piran Ashgrove");
    expect(answer.view.attendees.find((a) => a.person_id === known.id)?.state).toBe("signed");
    await fake.call("kiosk_leave", { passphrase: "correct horse battery" });
    expect((await fake.call("people_list", { include_inactive: true })).length).toBe(before);
  });
});
