import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import type { Attendance, Point } from "../bindings";
import { byData, byTestId, inKiosk, openMeeting, setAttendance, withMeeting, type Seed, type TestBackend } from "../test-support";

/** Two strokes in the pad's 1000 × 400 units: [x, y, ms]. */
const STROKES: Point[][] = [
  [
    [100, 300, 0],
    [180, 120, 40],
    [260, 280, 80],
    [340, 110, 120],
  ],
  [
    [420, 200, 300],
    [700, 210, 380],
  ],
];

const who = (person_id: number) => ({ person_id, newcomer: null });

/**
 * The sergeant draws, the officer types, the prevention officer declines;
 * then the officer's entry is withdrawn and they type again.
 */
async function signEveryWay(backend: TestBackend, seed: Seed, meetingId: number) {
  await inKiosk(backend, meetingId, async () => {
    await backend.direct("kiosk_sign", { signer: who(seed.sergeant.id), method: "drawn", strokes: STROKES, typed_name: null });
    await backend.direct("kiosk_sign", {
      signer: who(seed.officer.id),
      method: "typed",
      strokes: [],
      typed_name: "Tomasz Brennan",
    });
    await backend.direct("kiosk_decline", { signer: who(seed.prevention.id), reason: "Not staying for the case discussion" });
  });
  const { register } = await backend.direct("meeting_get", { id: meetingId });
  const officerEntry = register.find((e) => e.person_id === seed.officer.id);
  if (!officerEntry) throw new Error("no entry for the officer");
  await backend.direct("signature_withdraw", { id: officerEntry.id, reason: "Signed in the wrong name" });
  await inKiosk(backend, meetingId, () =>
    backend.direct("kiosk_sign", { signer: who(seed.officer.id), method: "typed", strokes: [], typed_name: "T. Brennan" }),
  );
}

function entries(): HTMLElement[] {
  return screen.queryAllByTestId("register-entry");
}

describe("the confidentiality agreement register", () => {
  it("starts empty, with Start signing", async () => {
    const { backend, meetingId } = await withMeeting();
    await openMeeting(backend, meetingId);
    expect(byTestId("register-summary")).toHaveTextContent("Nobody has signed yet.");
    expect(byTestId("register-empty")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Start signing" })).toBe(byTestId("register-start-signing"));
    expect(screen.queryByTestId("register-unsigned")).toBeNull();
  });

  it("shows drawn, typed, declined and withdrawn entries in the order made", async () => {
    const { backend, seed, meetingId } = await withMeeting();
    await signEveryWay(backend, seed, meetingId);
    await openMeeting(backend, meetingId);

    const rows = entries();
    expect(rows.map((r) => [r.dataset.personId, r.dataset.outcome, r.dataset.withdrawn])).toEqual([
      [String(seed.sergeant.id), "drawn", "false"],
      [String(seed.officer.id), "typed", "true"],
      [String(seed.prevention.id), "declined", "false"],
      [String(seed.officer.id), "typed", "false"],
    ]);
    const [drawn, withdrawn, declined, typed] = rows as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];

    // Drawn: the strokes again, one line each, named for screen readers.
    const image = within(drawn).getByRole("img", { name: "Signature of Priya Okonkwo-Hale" });
    expect(image).toHaveAttribute("viewBox", "0 0 1000 400");
    const lines = image.querySelectorAll("polyline");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveAttribute("points", "100,300 180,120 260,280 340,110");
    expect(within(drawn).getByRole("rowheader")).toHaveTextContent("Priya Okonkwo-Hale");
    expect(within(drawn).getByRole("rowheader")).toHaveTextContent("Neighbourhood Sergeant, West Mercia Police");
    expect(within(drawn).getByTestId("register-entry-at")).toHaveTextContent(/^25 Nov 2026, \d\d:\d\d$/);
    expect(within(drawn).getByTestId("register-entry-version")).toHaveTextContent("Version 1");

    expect(within(typed).getByTestId("register-entry-typed")).toHaveTextContent("Typed: T. Brennan");
    expect(within(declined).getByTestId("register-entry-declined")).toHaveTextContent(
      "Declined: Not staying for the case discussion",
    );

    // Withdrawn: kept, struck through, with when and why, and no Withdraw.
    expect(withdrawn).toHaveClass("withdrawn");
    expect(within(withdrawn).getByTestId("register-entry-typed")).toHaveTextContent("Typed: Tomasz Brennan");
    expect(within(withdrawn).getByTestId("register-entry-withdrawn")).toHaveTextContent(
      /^Withdrawn 25 Nov 2026, \d\d:\d\d: Signed in the wrong name$/,
    );
    expect(within(withdrawn).queryByTestId("register-withdraw")).toBeNull();
    for (const row of [drawn, declined, typed]) expect(within(row).getByTestId("register-withdraw")).toBeInTheDocument();

    expect(byTestId("register-summary")).toHaveTextContent("2 signed, 1 declined, 1 withdrawn.");
    // The one who declined is listed as not to receive case information.
    const notToReceive = byTestId("register-declined");
    expect(notToReceive).toHaveTextContent("Declined — not to receive case information");
    expect(within(notToReceive).getAllByTestId("register-declined-person").map((p) => p.dataset.personId)).toEqual([
      String(seed.prevention.id),
    ]);
  });

  it("highlights people recorded present who have not signed", async () => {
    const { backend, seed, meetingId } = await withMeeting();
    await inKiosk(backend, meetingId, async () => {
      await backend.direct("kiosk_sign", { signer: who(seed.sergeant.id), method: "drawn", strokes: STROKES, typed_name: null });
      await backend.direct("kiosk_decline", { signer: who(seed.prevention.id), reason: "Not staying" });
    });
    for (const id of [seed.sergeant.id, seed.officer.id, seed.prevention.id]) {
      await setAttendance(backend, meetingId, id, "present");
    }
    await openMeeting(backend, meetingId);

    const warning = byTestId("register-unsigned");
    expect(warning).toHaveAccessibleName("Present but not signed — they should not hear case information");
    const unsigned = within(warning).getAllByTestId("register-unsigned-person");
    expect(unsigned.map((p) => p.dataset.personId)).toEqual([String(seed.officer.id)]);
    expect(unsigned[0]).toHaveTextContent("Not signed");
    expect(unsigned[0]).toHaveTextContent("Tomasz Brennan");
    expect(byTestId("register-summary")).toHaveTextContent("1 signed, 1 declined, 1 present but not signed.");
    // Declined and in the room: flagged too.
    expect(byData("register-declined-person", "person-id", seed.prevention.id)).toHaveTextContent("Recorded present");
  });

  it("withdraws an entry only with a reason, and keeps it struck through", async () => {
    const { backend, seed, meetingId } = await withMeeting();
    await inKiosk(backend, meetingId, () =>
      backend.direct("kiosk_sign", { signer: who(seed.sergeant.id), method: "drawn", strokes: STROKES, typed_name: null }),
    );
    await setAttendance(backend, meetingId, seed.sergeant.id, "present");
    const { user } = await openMeeting(backend, meetingId);
    expect(screen.queryByTestId("register-unsigned")).toBeNull();
    const entryId = byTestId("register-entry").dataset.signatureId;

    // Cancel, by button and by Escape: nothing sent, the focus goes back.
    const withdraw = screen.getByRole("button", { name: "Withdraw the signature of Priya Okonkwo-Hale" });
    await user.click(withdraw);
    expect(byTestId("register-withdraw-reason")).toHaveFocus();
    expect(byTestId("register-withdraw-reason")).toHaveAccessibleName(
      "Reason for withdrawing Priya Okonkwo-Hale's signature (required)",
    );
    await user.click(byTestId("register-withdraw-cancel"));
    expect(screen.queryByTestId("register-withdraw-form")).toBeNull();
    expect(byTestId("register-withdraw")).toHaveFocus();
    await user.click(byTestId("register-withdraw"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("register-withdraw-form")).toBeNull();
    expect(byTestId("register-withdraw")).toHaveFocus();

    // No reason: Rust refuses it in its words, nothing is withdrawn, the focus goes to the reason.
    await user.click(byTestId("register-withdraw"));
    await user.click(byTestId("register-withdraw-save"));
    await waitFor(() =>
      expect(byTestId("register-withdraw-error")).toHaveTextContent(
        "Reason for withdrawing: must not be empty. Please fill it in.",
      ),
    );
    expect(byTestId("register-withdraw-reason")).toHaveAttribute("aria-invalid", "true");
    expect(byTestId("register-withdraw-reason")).toHaveFocus();
    expect(backend.callsOf("signature_withdraw")).toEqual([{ id: Number(entryId), reason: "" }]);
    expect((await backend.direct("meeting_get", { id: meetingId })).register[0]?.withdrawn_at).toBeNull();

    await user.type(byTestId("register-withdraw-reason"), "Signed before the wrong meeting was corrected");
    await user.click(byTestId("register-withdraw-save"));
    await waitFor(() => expect(byTestId("register-entry").dataset.withdrawn).toBe("true"));
    expect(backend.callsOf("signature_withdraw")).toEqual([
      { id: Number(entryId), reason: "" },
      { id: Number(entryId), reason: "Signed before the wrong meeting was corrected" },
    ]);
    const note = byTestId("register-entry-withdrawn");
    expect(note).toHaveTextContent(/Withdrawn 25 Nov 2026, \d\d:\d\d: Signed before the wrong meeting was corrected/);
    expect(note).toHaveFocus();
    expect(byTestId("register-announcement")).toHaveTextContent(
      "Priya Okonkwo-Hale's signature is withdrawn. They can sign again in the kiosk.",
    );
    expect(screen.queryByTestId("register-withdraw")).toBeNull();
    // Present, and nothing standing now: the warning comes back.
    expect(within(byTestId("register-unsigned")).getByTestId("register-unsigned-person").dataset.personId).toBe(
      String(seed.sergeant.id),
    );
    expect(byTestId("register-summary")).toHaveTextContent("0 signed, 0 declined, 1 present but not signed, 1 withdrawn.");
  });

  it("shows Rust's refusal of a withdrawal in its words", async () => {
    const { backend, seed, meetingId } = await withMeeting();
    await inKiosk(backend, meetingId, () =>
      backend.direct("kiosk_decline", { signer: who(seed.officer.id), reason: "Not staying" }),
    );
    const { user } = await openMeeting(backend, meetingId);
    await user.click(screen.getByRole("button", { name: "Withdraw the decline of Tomasz Brennan" }));
    // Meanwhile the entry is withdrawn behind the screen's back, so Rust refuses the second withdrawal.
    const entryId = Number(byTestId("register-entry").dataset.signatureId);
    await backend.direct("signature_withdraw", { id: entryId, reason: "Withdrawn elsewhere" });
    await user.type(byTestId("register-withdraw-reason"), "Changed their mind");
    await user.click(byTestId("register-withdraw-save"));
    expect(await screen.findByTestId("register-withdraw-error")).toHaveTextContent("That entry is already withdrawn.");
    expect(backend.callsOf("signature_withdraw")).toEqual([{ id: entryId, reason: "Changed their mind" }]);
    // A refusal changes nothing on screen: the form stays open with the reason, no announcement.
    expect(byTestId("register-entry").dataset.withdrawn).toBe("false");
    expect(byTestId("register-withdraw-reason")).toHaveValue("Changed their mind");
    expect(byTestId("register-announcement").textContent?.trim()).toBe("");
    // And Rust kept the first withdrawal, not the refused one.
    const { register } = await backend.direct("meeting_get", { id: meetingId });
    expect(register.map((e) => [e.id, e.withdrawn_reason])).toEqual([[entryId, "Withdrawn elsewhere"]]);
  });

  it("Start signing starts the kiosk for this meeting and hands over to it", async () => {
    const { backend, meetingId } = await withMeeting();
    const { user } = await openMeeting(backend, meetingId);
    await user.click(byTestId("register-start-signing"));
    await screen.findByTestId("screen-kiosk");
    expect(backend.callsOf("kiosk_start")).toEqual([{ meeting_id: meetingId }]);
    expect((await backend.status()).state).toBe("kiosk");
    expect(screen.queryByTestId("screen-meeting")).toBeNull();
  });

  it("shows Rust's refusal to start signing and stays on the meeting", async () => {
    const { backend, meetingId } = await withMeeting();
    const { user } = await openMeeting(backend, meetingId);
    // The meeting is cancelled behind the screen's back, so Rust refuses to start signing for it.
    await backend.direct("meeting_set_status", { id: meetingId, status: "cancelled" });
    await user.click(byTestId("register-start-signing"));
    expect(await screen.findByTestId("register-start-error")).toHaveTextContent(
      "This meeting is cancelled, so nobody can sign for it. Set its status back to planned first if it is going ahead.",
    );
    expect(backend.callsOf("kiosk_start")).toEqual([{ meeting_id: meetingId }]);
    expect(byTestId("screen-meeting")).toBeInTheDocument();
    expect(screen.queryByTestId("screen-kiosk")).toBeNull();
    expect((await backend.status()).state).toBe("unlocked");
  });

  it("a cancelled meeting: Rust refuses signing, in its words", async () => {
    const { backend, meetingId } = await withMeeting();
    await backend.direct("meeting_set_status", { id: meetingId, status: "cancelled" });
    const { user } = await openMeeting(backend, meetingId);
    await user.click(byTestId("register-start-signing"));
    expect(await screen.findByTestId("register-start-error")).toHaveTextContent(
      "This meeting is cancelled, so nobody can sign for it.",
    );
    expect((await backend.status()).state).toBe("unlocked");
  });
});
