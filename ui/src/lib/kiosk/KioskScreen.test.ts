import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import type { Point, SignInput } from "../bindings";
import {
  byData,
  byTestId,
  planMeeting,
  renderApp,
  renderWithRecords,
  TEST_PASSPHRASE,
  TestBackend,
} from "../test-support";
import { THANKS_MS } from "./kiosk";

/** A meeting of the seeded group, everyone invited, with signing started; the app on the kiosk. */
async function inKiosk() {
  const { backend, seed } = await renderWithRecords();
  const page = await planMeeting(backend, seed, "2026-12-02");
  // The agreement in force, read from Rust before the kiosk locks the chair's commands away.
  const agreement = await backend.direct("agreement_get", {});
  await backend.direct("kiosk_start", { meeting_id: page.meeting.id });
  const { user } = await renderApp(backend);
  await screen.findByTestId("kiosk-attendees");
  return { backend, seed, user, agreement, meetingId: page.meeting.id };
}

/** The pad lies at (100, 50), 500 × 200 px: one pixel is two pad units. */
const BOX = { left: 100, top: 50, width: 500, height: 200 };

function pad(): HTMLElement {
  const el = byTestId("kiosk-pad");
  vi.spyOn(el, "getBoundingClientRect").mockReturnValue({
    ...BOX,
    x: BOX.left,
    y: BOX.top,
    right: BOX.left + BOX.width,
    bottom: BOX.top + BOX.height,
    toJSON: () => BOX,
  } as DOMRect);
  return el;
}

/** One stroke through the given client positions, with one pointer. */
function draw(el: HTMLElement, at: Array<[number, number]>, pointerId = 1) {
  const [first, ...rest] = at;
  if (!first) return;
  const base = { pointerId, pointerType: "pen", isPrimary: true };
  fireEvent.pointerDown(el, { ...base, clientX: first[0], clientY: first[1] });
  for (const [x, y] of rest) fireEvent.pointerMove(el, { ...base, clientX: x, clientY: y });
  const last = rest[rest.length - 1] ?? first;
  fireEvent.pointerUp(el, { ...base, clientX: last[0], clientY: last[1] });
}

const xy = (strokes: Point[][]) => strokes.map((s) => s.map(([x, y]) => [x, y]));

function signCalls(backend: TestBackend): SignInput[] {
  return backend.callsOf("kiosk_sign") as SignInput[];
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the signing kiosk", () => {
  it("shows only the kiosk: no navigation, search or lock of the chair's screens", async () => {
    const { seed } = await inKiosk();
    expect(byTestId("screen-kiosk")).toBeInTheDocument();
    for (const id of ["nav-home", "nav-meetings", "search-input", "lock-button"]) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
    expect(screen.queryByRole("navigation")).toBeNull();
    expect(screen.getByRole("heading", { level: 1, name: "Find your name" })).toBeInTheDocument();
    expect(byTestId("kiosk-meeting")).toHaveTextContent(
      "Wrekin Vale Tasking Group, Bronze Level Tasking meeting, Wed 2 Dec 2026",
    );
    const names = screen.getAllByTestId("kiosk-attendee");
    expect(names.map((n) => n.dataset.personId)).toEqual(
      [seed.prevention, seed.sergeant, seed.officer].map((p) => String(p.id)),
    );
    expect(byData("kiosk-attendee", "person-id", seed.sergeant.id)).toHaveAccessibleName(
      "Priya Okonkwo-Hale Neighbourhood Sergeant, West Mercia Police (Shropshire Division)",
    );
    expect(byTestId("kiosk-waiting")).toHaveTextContent("3 people still to sign.");
  });

  it("tells Rust's idle timer that someone is signing", async () => {
    const { backend } = await inKiosk();
    const before = backend.callsOf("activity").length;
    fireEvent.pointerDown(document.body);
    expect(backend.callsOf("activity")).toHaveLength(before + 1);
  });

  it("records a drawn signature as points in pad units, then thanks the signer and lists them as done", async () => {
    const { backend, seed, user, agreement } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.sergeant.id));
    expect(byTestId("kiosk-signer")).toHaveTextContent(
      "Signing as Priya Okonkwo-Hale, Neighbourhood Sergeant, West Mercia Police (Shropshire Division).",
    );
    // The exact text, as Rust sent it: what they read is what is recorded.
    expect(agreement.version).toBe(1);
    expect(agreement.text).toMatch(
      /^Confidentiality agreement\n\nI attend this meeting under the Information Sharing Arrangement/,
    );
    expect(byTestId("kiosk-agreement").textContent).toBe(agreement.text);
    expect(byTestId("kiosk-agreement-version")).toHaveTextContent("Version 1");
    const surface = pad();
    expect(surface).toHaveAttribute("role", "img");
    expect(surface).toHaveAccessibleName(/Draw your signature here.*Type my name instead/);
    expect(surface.getAttribute("viewBox")).toBe("0 0 1000 400");

    draw(surface, [
      [110, 60],
      [150, 100],
      [150, 100], // the same spot again adds nothing
      [200, 150],
    ]);
    // The second stroke runs out of the box: its points stay on the edge.
    fireEvent.pointerDown(surface, { pointerId: 1, pointerType: "pen", clientX: 500, clientY: 200 });
    // A second finger while drawing is ignored.
    fireEvent.pointerDown(surface, { pointerId: 2, pointerType: "touch", clientX: 300, clientY: 100 });
    fireEvent.pointerMove(surface, { pointerId: 2, pointerType: "touch", clientX: 320, clientY: 120 });
    fireEvent.pointerMove(surface, { pointerId: 1, pointerType: "pen", clientX: 700, clientY: 300 });
    fireEvent.pointerMove(surface, { pointerId: 1, pointerType: "pen", clientX: 40, clientY: 10 });
    fireEvent.pointerUp(surface, { pointerId: 2, pointerType: "touch" });
    fireEvent.pointerUp(surface, { pointerId: 1, pointerType: "pen", clientX: 40, clientY: 10 });
    expect(surface.querySelectorAll(".ink path")).toHaveLength(2);

    await user.click(byTestId("kiosk-sign"));
    await screen.findByTestId("kiosk-thanks");
    const [sent] = signCalls(backend);
    expect(sent).toMatchObject({
      signer: { person_id: seed.sergeant.id, newcomer: null },
      method: "drawn",
      typed_name: null,
    });
    expect(xy(sent!.strokes)).toEqual([
      [
        [20, 20],
        [100, 100],
        [200, 200],
      ],
      [
        [800, 300],
        [1000, 400],
        [0, 0],
      ],
    ]);
    const times = sent!.strokes.flat().map(([, , t]) => t);
    expect(times[0]).toBe(0);
    for (const [i, t] of times.entries()) {
      expect(Number.isInteger(t)).toBe(true);
      if (i > 0) expect(t).toBeGreaterThanOrEqual(times[i - 1]!);
    }

    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Thank you, Priya Okonkwo-Hale");
    expect(byTestId("kiosk-thanks")).toHaveTextContent("Your signature is recorded.");
    await user.click(byTestId("kiosk-next"));
    await screen.findByTestId("kiosk-attendees");
    const done = byData("kiosk-attendee", "person-id", seed.sergeant.id);
    expect(done.dataset.state).toBe("signed");
    expect(done).toBeDisabled();
    expect(done).toHaveTextContent("Signed");
    expect(byTestId("kiosk-waiting")).toHaveTextContent("2 people still to sign.");
  });

  it("marks who sent apologies, and still lets them sign", async () => {
    const { backend, seed } = await renderWithRecords();
    const page = await planMeeting(backend, seed, "2026-12-02");
    await backend.direct("attendance_set", {
      meeting_id: page.meeting.id,
      person_id: seed.prevention.id,
      attendance: "apologies",
      written_update: false,
      arrived_at: null,
      left_at: null,
    });
    await backend.direct("kiosk_start", { meeting_id: page.meeting.id });
    await renderApp(backend);
    await screen.findByTestId("kiosk-attendees");
    const away = byData("kiosk-attendee", "person-id", seed.prevention.id);
    expect(within(away).getByTestId("kiosk-attendee-expected-away")).toHaveTextContent("Sent apologies");
    expect(away).toBeEnabled();
    expect(screen.getAllByTestId("kiosk-attendee-expected-away")).toHaveLength(1);
  });

  it("tells the last person to hand the screen back when everyone has signed or declined", async () => {
    const { backend, seed } = await renderWithRecords();
    const page = await planMeeting(backend, seed, "2026-12-02");
    await backend.direct("kiosk_start", { meeting_id: page.meeting.id });
    for (const person of [seed.sergeant.id, seed.officer.id, seed.prevention.id]) {
      await backend.direct("kiosk_decline", {
        signer: { person_id: person, newcomer: null },
        reason: "Not staying",
      });
    }
    await renderApp(backend);
    await screen.findByTestId("kiosk-attendees");
    expect(byTestId("kiosk-waiting")).toHaveTextContent(
      "Everyone on the list has signed or declined. Please hand the screen back to the chair.",
    );
  });

  it("shows Rust's refusal beside the pad and keeps what was drawn; Clear empties the pad", async () => {
    const { backend, seed, user } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.officer.id));
    const surface = pad();
    draw(surface, [
      [300, 100],
      [300, 100],
    ]);
    await user.click(byTestId("kiosk-sign"));
    expect(await screen.findByTestId("kiosk-error")).toHaveTextContent(
      "Signature: is a single dot. Please sign in the box.",
    );
    expect(surface).toHaveAccessibleDescription("Signature: is a single dot. Please sign in the box.");
    expect(surface.querySelectorAll(".ink path")).toHaveLength(1);

    await user.click(byTestId("kiosk-pad-clear"));
    expect(surface.querySelectorAll(".ink path")).toHaveLength(0);
    expect(screen.queryByTestId("kiosk-error")).toBeNull();
    await user.click(byTestId("kiosk-sign"));
    expect(await screen.findByTestId("kiosk-error")).toHaveTextContent(
      'Signature: is empty. Please sign in the box, or choose "Type my name instead".',
    );
    expect(signCalls(backend).at(-1)?.strokes).toEqual([]);

    draw(surface, [
      [300, 100],
      [360, 140],
    ]);
    await user.click(byTestId("kiosk-sign"));
    await screen.findByTestId("kiosk-thanks");
    expect(xy(signCalls(backend).at(-1)!.strokes)).toEqual([
      [
        [400, 100],
        [520, 180],
      ],
    ]);
  });

  it("stops taking points when the pad is full, and says so", async () => {
    const { backend, seed, user } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.officer.id));
    const surface = pad();
    // 100 strokes of two points each: the most strokes Rust takes.
    for (let i = 0; i < 100; i++) {
      draw(surface, [
        [100 + i, 60],
        [100 + i, 80],
      ]);
    }
    expect(screen.queryByTestId("kiosk-pad-full")).toBeNull();
    draw(surface, [
      [400, 60],
      [420, 80],
    ]);
    expect(byTestId("kiosk-pad-full")).toHaveTextContent("The box is full");
    await user.click(byTestId("kiosk-sign"));
    await screen.findByTestId("kiosk-thanks");
    expect(signCalls(backend)[0]!.strokes).toHaveLength(100);
  });

  it("signs with a typed name instead, reached by keyboard", async () => {
    const { backend, seed, user } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.officer.id));
    // Something drawn first is kept for "Draw instead", but not sent with a typed name.
    draw(pad(), [
      [120, 80],
      [220, 120],
    ]);
    const typeInstead = byTestId("kiosk-type-instead");
    typeInstead.focus();
    await user.keyboard("{Enter}");
    const field = await screen.findByTestId("kiosk-typed-name");
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveValue("");
    expect(field).toHaveAccessibleName("Your full name, as your signature");
    expect(byTestId("kiosk-pad")).not.toBeVisible();
    await user.click(byTestId("kiosk-draw-instead"));
    expect(byTestId("kiosk-pad")).toBeVisible();
    expect(byTestId("kiosk-pad").querySelectorAll(".ink path")).toHaveLength(1);
    await user.click(byTestId("kiosk-type-instead"));
    await user.type(byTestId("kiosk-typed-name"), "Tomasz Brennan");
    await user.click(byTestId("kiosk-sign"));
    await screen.findByTestId("kiosk-thanks");
    expect(signCalls(backend)).toEqual([
      {
        signer: { person_id: seed.officer.id, newcomer: null },
        method: "typed",
        strokes: [],
        typed_name: "Tomasz Brennan",
      },
    ]);
    expect(byTestId("kiosk-thanks")).toHaveTextContent("Thank you, Tomasz Brennan");
  });

  it("records a decline with a chosen reason, after Rust asks for one", async () => {
    const { backend, seed, user } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.prevention.id));
    await user.click(byTestId("kiosk-decline"));
    const reasons = screen.getAllByTestId("kiosk-decline-reason");
    expect(reasons.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent?.trim())).toEqual([
      "I am not staying for case discussion",
      "I need to check with my agency first",
      "I do not agree with the terms",
      "Other",
    ]);
    await waitFor(() => expect(reasons[0]).toHaveFocus());
    await user.click(byTestId("kiosk-decline-confirm"));
    expect(await screen.findByTestId("kiosk-decline-error")).toHaveTextContent("Reason for declining");
    await user.click(screen.getByRole("radio", { name: "I need to check with my agency first" }));
    await user.click(byTestId("kiosk-decline-confirm"));
    await screen.findByTestId("kiosk-thanks");
    expect(backend.callsOf("kiosk_decline").at(-1)).toEqual({
      signer: { person_id: seed.prevention.id, newcomer: null },
      reason: "I need to check with my agency first",
    });
    expect(byTestId("kiosk-thanks")).toHaveTextContent("Thank you, Ada Quill");
    expect(byTestId("kiosk-thanks")).toHaveTextContent("Your decision not to sign is recorded.");
    await user.click(byTestId("kiosk-next"));
    const declined = await waitFor(() => byData("kiosk-attendee", "person-id", seed.prevention.id));
    expect(declined.dataset.state).toBe("declined");
    expect(declined).toBeDisabled();
    expect(declined).toHaveTextContent("Declined");
  });

  it("declines with a reason of their own under Other", async () => {
    const { backend, seed, user } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.prevention.id));
    await user.click(byTestId("kiosk-decline"));
    await user.click(screen.getByRole("radio", { name: "Other" }));
    await user.type(byTestId("kiosk-decline-other"), "Here for the first item only");
    await user.click(byTestId("kiosk-decline-confirm"));
    await screen.findByTestId("kiosk-thanks");
    expect(backend.callsOf("kiosk_decline")).toEqual([
      { signer: { person_id: seed.prevention.id, newcomer: null }, reason: "Here for the first item only" },
    ]);
  });

  it("lets someone not on the list give their details and sign", async () => {
    const { backend, seed, user } = await inKiosk();
    await user.click(byTestId("kiosk-not-listed"));
    await user.click(byTestId("kiosk-newcomer-continue"));
    expect(byTestId("kiosk-newcomer-error")).toHaveTextContent(
      "Please give your full name, your agency and your role.",
    );
    await user.type(byTestId("kiosk-newcomer-name"), "Wren Halloway");
    await user.selectOptions(byTestId("kiosk-newcomer-agency"), "Shropshire Council");
    await user.type(byTestId("kiosk-newcomer-role"), "Youth Worker");
    await user.click(byTestId("kiosk-newcomer-continue"));
    expect(await screen.findByTestId("kiosk-signer")).toHaveTextContent(
      "Signing as Wren Halloway, Youth Worker, Shropshire Council.",
    );
    // Back to the details, kept as typed, and on again.
    await user.click(byTestId("kiosk-back"));
    expect(byTestId("kiosk-newcomer-name")).toHaveValue("Wren Halloway");
    await user.click(byTestId("kiosk-newcomer-continue"));
    draw(pad(), [
      [120, 80],
      [220, 120],
      [260, 90],
    ]);
    await user.click(byTestId("kiosk-sign"));
    await screen.findByTestId("kiosk-thanks");
    expect(signCalls(backend)[0]).toMatchObject({
      signer: {
        person_id: null,
        newcomer: { name: "Wren Halloway", agency_id: seed.council, role: "Youth Worker", email: null },
      },
      method: "drawn",
    });
    expect(byTestId("kiosk-thanks")).toHaveTextContent("Thank you, Wren Halloway");
    await user.click(byTestId("kiosk-next"));
    await screen.findByTestId("kiosk-attendees");
    const added = screen.getAllByTestId("kiosk-attendee").find((a) => a.textContent?.includes("Wren Halloway"));
    expect(added?.dataset.state).toBe("signed");
    // The next person starts with an empty form.
    await user.click(byTestId("kiosk-not-listed"));
    expect(byTestId("kiosk-newcomer-name")).toHaveValue("");
  });

  it("goes back to the list by itself a few seconds after the thank-you", async () => {
    const { seed, user } = await inKiosk();
    await user.click(byData("kiosk-attendee", "person-id", seed.officer.id));
    await user.click(byTestId("kiosk-type-instead"));
    await user.type(byTestId("kiosk-typed-name"), "Tomasz Brennan");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fireEvent.click(byTestId("kiosk-sign"));
    await vi.waitFor(() => expect(screen.getByTestId("kiosk-thanks")).toBeInTheDocument());
    await vi.advanceTimersByTimeAsync(THANKS_MS - 100);
    expect(screen.getByTestId("kiosk-thanks")).toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(200);
    await vi.waitFor(() => expect(screen.getByTestId("kiosk-attendees")).toBeInTheDocument());
    expect(screen.getByRole("heading", { level: 1, name: "Find your name" })).toHaveFocus();
  });

  it("leaves with the chair's passphrase only, then shows the meeting's page", async () => {
    const { backend, meetingId, user } = await inKiosk();
    await user.click(byTestId("kiosk-leave-open"));
    const field = byTestId("kiosk-leave-passphrase");
    await waitFor(() => expect(field).toHaveFocus());
    await user.type(field, "not the passphrase");
    await user.click(byTestId("kiosk-leave-submit"));
    expect(await screen.findByTestId("kiosk-leave-error")).toHaveTextContent(
      "That passphrase is not right, so signing goes on.",
    );
    expect(byTestId("kiosk-leave-passphrase")).toHaveValue("");
    expect(byTestId("screen-kiosk")).toBeInTheDocument();

    await user.type(byTestId("kiosk-leave-passphrase"), TEST_PASSPHRASE);
    await user.click(byTestId("kiosk-leave-submit"));
    const page = await screen.findByTestId("screen-meeting");
    expect(page.dataset.meetingId).toBe(String(meetingId));
    expect(screen.queryByTestId("screen-kiosk")).toBeNull();
    expect(byTestId("nav-meetings")).toHaveAttribute("aria-current", "page");
    expect((await backend.status()).state).toBe("unlocked");
    expect(backend.callsOf("kiosk_leave")).toEqual([
      { passphrase: "not the passphrase" },
      { passphrase: TEST_PASSPHRASE },
    ]);
  });

  it("cancels leaving with Escape", async () => {
    const { user } = await inKiosk();
    await user.click(byTestId("kiosk-leave-open"));
    await user.type(byTestId("kiosk-leave-passphrase"), "half typed");
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("kiosk-leave-form")).toBeNull();
    expect(byTestId("kiosk-leave-open")).toHaveFocus();
  });

  it("locks the vault at the fifth wrong passphrase", async () => {
    const { backend, user } = await inKiosk();
    await user.click(byTestId("kiosk-leave-open"));
    for (let i = 0; i < 4; i++) {
      await user.type(byTestId("kiosk-leave-passphrase"), `wrong ${i}`);
      await user.click(byTestId("kiosk-leave-submit"));
      await waitFor(() => expect(byTestId("kiosk-leave-passphrase")).toHaveValue(""));
    }
    await user.type(byTestId("kiosk-leave-passphrase"), "wrong again");
    await user.click(byTestId("kiosk-leave-submit"));
    await screen.findByTestId("screen-unlock");
    expect(screen.queryByTestId("screen-kiosk")).toBeNull();
    expect((await backend.status()).state).toBe("locked");
    // The unlock screen says why, in Rust's words, until the next unlock.
    expect(byTestId("lock-notice")).toHaveTextContent(
      "That passphrase is not right, again, so the vault has locked itself. Unlock it with the passphrase to go on.",
    );
    await user.type(byTestId("unlock-passphrase"), TEST_PASSPHRASE);
    await user.click(byTestId("unlock-submit"));
    await screen.findByTestId("screen-home");
    await user.click(byTestId("lock-button"));
    await screen.findByTestId("screen-unlock");
    expect(screen.queryByTestId("lock-notice")).toBeNull();
  });

  it("starts from the meeting page's button and returns to that page", async () => {
    const { backend, seed } = await renderWithRecords();
    const page = await planMeeting(backend, seed, "2026-12-02");
    const { user } = await renderApp(backend);
    await user.click(byTestId("nav-meetings"));
    await screen.findByTestId("meetings-table");
    await user.click(within(byData("meeting-row", "meeting-id", page.meeting.id)).getByTestId("meeting-open"));
    await user.click(await screen.findByTestId("register-start-signing"));
    await screen.findByTestId("kiosk-attendees");
    expect(screen.queryByTestId("screen-meeting")).toBeNull();
    expect(screen.queryByTestId("nav-meetings")).toBeNull();

    await user.click(byData("kiosk-attendee", "person-id", seed.sergeant.id));
    await user.click(byTestId("kiosk-type-instead"));
    await user.type(byTestId("kiosk-typed-name"), "Priya Okonkwo-Hale");
    await user.click(byTestId("kiosk-sign"));
    await user.click(await screen.findByTestId("kiosk-next"));

    await user.click(byTestId("kiosk-leave-open"));
    await user.type(byTestId("kiosk-leave-passphrase"), TEST_PASSPHRASE);
    await user.click(byTestId("kiosk-leave-submit"));
    const back = await screen.findByTestId("screen-meeting");
    expect(back.dataset.meetingId).toBe(String(page.meeting.id));
  });

  it("takes over the window once Rust says signing has started", async () => {
    const { backend, seed } = await renderWithRecords();
    const page = await planMeeting(backend, seed, "2026-12-02");
    const { user } = await renderApp(backend);
    await screen.findByTestId("screen-home");
    // Signing starts (the meeting page's button does this, then reads the status).
    await backend.direct("kiosk_start", { meeting_id: page.meeting.id });
    // Any other command is refused now, and the refusal makes the app read the status.
    await user.click(byTestId("nav-meetings"));
    await screen.findByTestId("screen-kiosk");
    await screen.findByTestId("kiosk-attendees");
    expect(screen.queryByTestId("nav-home")).toBeNull();
    expect(within(byTestId("screen-kiosk")).getAllByTestId("kiosk-attendee")).toHaveLength(3);
  });
});
