import { describe, expect, it } from "vitest";
import { tick } from "svelte";
import { screen, waitFor, within } from "@testing-library/svelte";
import type { Attendance } from "../bindings";
import { byData, byTestId, openMinutes, planMeeting, renderApp, renderWithRecords, setAttendance, withMeeting } from "../test-support";

function railTitles(): string[] {
  return screen.getAllByTestId("minutes-rail-item").map((b) => b.getAttribute("title") ?? "");
}

function currentRailItem(): HTMLElement {
  const found = screen.getAllByTestId("minutes-rail-item").find((b) => b.getAttribute("aria-current") === "step");
  if (!found) throw new Error("no current item in the rail");
  return found;
}

function railItem(title: string): HTMLElement {
  const found = screen.getAllByTestId("minutes-rail-item").find((b) => b.getAttribute("title") === title);
  if (!found) throw new Error(`no rail item ${title}`);
  return found;
}

async function atItem(position: number, title: string) {
  await waitFor(() => expect(byTestId("minutes-position")).toHaveTextContent(`Item ${position} of 8`));
  expect(byTestId("minutes-item-title")).toHaveTextContent(title);
  expect(currentRailItem()).toHaveAttribute("title", title);
}

describe("the minute-taking view", () => {
  it("opens from the meeting's page at the first item, with the whole agenda beside it", async () => {
    const { backend, page } = await withMeeting();
    await openMinutes(backend, page.meeting.id);
    expect(byTestId("screen-minutes")).toHaveAttribute("data-meeting-id", String(page.meeting.id));
    expect(byTestId("minutes-meeting")).toHaveTextContent(
      "Taking minutes Wrekin Vale Tasking Group, Wed 2 Dec 2026 Planned",
    );
    expect(railTitles()).toEqual(page.agenda.map((i) => i.title));
    await atItem(1, "Introductions and confidentiality agreement");
    expect(byTestId("minutes-item-marking")).toHaveTextContent(/^OFFICIAL$/);
    expect(screen.queryByTestId("minutes-item-case-ref")).toBeNull();
    // The keys are said where the buttons are.
    expect(byTestId("minutes-keys")).toHaveTextContent("Alt+↓ next item, Alt+↑ previous");
    expect(byTestId("minutes-previous")).toBeDisabled();
    expect(byTestId("minutes-next")).toHaveAttribute("aria-keyshortcuts", "Alt+ArrowDown");
    expect(screen.getByRole("navigation", { name: "Agenda" })).toBe(byTestId("minutes-rail"));
  });

  it("goes item by item with Alt+ArrowDown and Alt+ArrowUp from anywhere, and says where it is", async () => {
    const { backend, page } = await withMeeting();
    const { user } = await openMinutes(backend, page.meeting.id);
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await atItem(2, "Apologies");
    expect(byTestId("minutes-item-title")).toHaveFocus();
    expect(byTestId("minutes-announcement")).toHaveTextContent("Item 2 of 8: Apologies.");

    // From inside a text field too: the field keeps what was typed.
    await user.click(byTestId("action-add-text"));
    await user.keyboard("Ring the landlord");
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await atItem(3, "Previous minutes and actions");
    expect(byTestId("action-add-text")).toHaveValue("Ring the landlord");
    expect(byTestId("minutes-item-title")).toHaveFocus();
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await atItem(2, "Apologies");

    // Plain arrows are the screen reader's and the page's; Alt+Down on a list box opens it.
    await user.keyboard("{ArrowDown}");
    byTestId("action-add-agency").focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await tick();
    expect(byTestId("minutes-position")).toHaveTextContent("Item 2 of 8");

    // Not past the ends.
    await user.click(byTestId("minutes-previous"));
    await atItem(1, "Introductions and confidentiality agreement");
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await tick();
    expect(byTestId("minutes-position")).toHaveTextContent("Item 1 of 8");
  });

  it("goes on with the Next and Previous buttons and from the rail", async () => {
    const { backend, page } = await withMeeting();
    const { user } = await openMinutes(backend, page.meeting.id);
    await user.click(byTestId("minutes-next"));
    await atItem(2, "Apologies");
    // The button keeps the focus: pressed again, it goes on.
    expect(byTestId("minutes-next")).toHaveFocus();
    await user.keyboard("{Enter}");
    await atItem(3, "Previous minutes and actions");

    await user.click(railItem("Date of next meeting"));
    await atItem(8, "Date of next meeting");
    expect(byTestId("minutes-next")).toBeDisabled();
    expect(byTestId("minutes-item-title")).toHaveFocus();
    expect(byTestId("screen-minutes")).toHaveAttribute(
      "data-item-id",
      String(page.agenda.find((i) => i.title === "Date of next meeting")!.id),
    );
    await user.click(byTestId("minutes-previous"));
    await atItem(7, "Any other business");
  });

  it("shows an item's kind, case reference, marking and presenting agency", async () => {
    const { backend, page, seed } = await withMeeting();
    await backend.direct("agenda_item_add", {
      meeting_id: page.meeting.id,
      item: {
        kind: "case_review",
        title: "Repeat criminal damage, Mill Lane",
        case_ref: "NB-2026-031",
        presenting_agency_id: seed.police,
        marking: "OFFICIAL-SENSITIVE",
        descriptor: "PERSONAL DATA",
      },
    });
    const { user } = await openMinutes(backend, page.meeting.id);
    await user.click(railItem("Repeat criminal damage, Mill Lane"));
    await waitFor(() => expect(byTestId("minutes-position")).toHaveTextContent("Item 9 of 9"));
    expect(byTestId("minutes-item-kind")).toHaveTextContent("Case review");
    expect(byTestId("minutes-item-case-ref")).toHaveTextContent("NB-2026-031");
    expect(byTestId("minutes-item-marking")).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
    expect(byTestId("minutes-item-agency")).toHaveTextContent("Presented by West Mercia Police (Shropshire Division)");
  });

  it("says who is in the room and where each stands in the register", async () => {
    const { backend, page, seed } = await withMeeting();
    const id = page.meeting.id;
    await setAttendance(backend, id, seed.sergeant.id, "present");
    await setAttendance(backend, id, seed.officer.id, "present");
    await setAttendance(backend, id, seed.prevention.id, "apologies");
    await backend.direct("kiosk_start", { meeting_id: id });
    await backend.direct("kiosk_sign", {
      signer: { person_id: seed.sergeant.id, newcomer: null },
      method: "typed",
      strokes: [],
      typed_name: "Priya Okonkwo-Hale",
    });
    await backend.direct("kiosk_leave", { passphrase: backend.passphrase });
    await openMinutes(backend, id);
    expect(byTestId("minutes-room-summary")).toHaveTextContent("2 present, 1 apologies.");
    const present = screen.getAllByTestId("minutes-present-person");
    expect(Object.fromEntries(present.map((p) => [Number(p.dataset.personId), p.dataset.register]))).toEqual({
      [seed.sergeant.id]: "signed",
      [seed.officer.id]: "unsigned",
    });
    expect(within(byData("minutes-present-person", "person-id", seed.officer.id)).getByText("Not signed")).toBeInTheDocument();
    expect(byTestId("minutes-room-others")).toHaveTextContent("Apologies: Ada Quill");
  });

  it("asks for attendance on the meeting's page when nobody is recorded present", async () => {
    const { backend, page } = await withMeeting();
    const { user } = await openMinutes(backend, page.meeting.id);
    expect(byTestId("minutes-room-summary")).toHaveTextContent("0 present, 3 not recorded yet.");
    await user.click(byTestId("minutes-room-record"));
    await screen.findByTestId("attendance-panel");
  });

  it("adds an action under the current item, and lists only that item's actions", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMinutes(backend, page.meeting.id);
    await user.click(railItem("New referrals"));
    await atItem(4, "New referrals");
    expect(byTestId("raised-actions")).toHaveTextContent("Actions raised under this item");
    expect(byTestId("raised-empty")).toBeInTheDocument();
    // The item is the one on screen: there is no item to choose.
    expect(screen.queryByTestId("action-add-item")).toBeNull();

    await user.type(byTestId("action-add-text"), "Refer to the early help hub");
    await user.selectOptions(byTestId("action-add-agency"), String(seed.council));
    await user.selectOptions(byTestId("action-add-person"), String(seed.officer.id));
    await user.type(byTestId("action-add-due"), "15/01/2027");
    await user.click(byTestId("action-add-submit"));
    await waitFor(() => expect(screen.getAllByTestId("raised-action")).toHaveLength(1));
    const referrals = page.agenda.find((i) => i.title === "New referrals")!.id;
    expect(backend.callsOf("action_add")).toEqual([
      {
        text: "Refer to the early help hub",
        owner_agency_id: seed.council,
        owner_person_id: seed.officer.id,
        due_date: "2027-01-15",
        raised_meeting_id: page.meeting.id,
        raised_item_id: referrals,
      },
    ]);
    expect(within(byTestId("raised-action")).getByText("Tomasz Brennan")).toBeInTheDocument();
    expect(byTestId("action-add-text")).toHaveValue("");
    expect(byTestId("action-add-text")).toHaveFocus();
    // The rail counts it.
    expect(within(railItem("New referrals")).getByTestId("minutes-rail-count")).toHaveTextContent("1");
    expect(railItem("New referrals")).toHaveAccessibleName("Item 4: New referrals, 1 action");

    // Another item has none.
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await atItem(5, "Case reviews");
    expect(screen.queryAllByTestId("raised-action")).toHaveLength(0);
  });

  it("shows Rust's refusal of an action and keeps its text", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMinutes(backend, page.meeting.id);
    await user.type(byTestId("action-add-text"), "Visit");
    await user.selectOptions(byTestId("action-add-agency"), String(seed.council));
    await user.click(byTestId("action-add-submit"));
    expect(await screen.findByTestId("action-add-error")).toHaveTextContent(
      "Due date: must be a date such as 2026-11-25. Please correct it.",
    );
    expect(byTestId("action-add-text")).toHaveValue("Visit");
  });

  it("shows the carried-forward actions under Previous minutes and actions, and records an update there", async () => {
    const { backend, seed } = await renderWithRecords();
    const first = await planMeeting(backend, seed, "2026-10-07");
    const second = await planMeeting(backend, seed, "2026-11-04");
    const letter = await backend.direct("action_add", {
      text: "Letter to landlord of 14 Mill Lane",
      owner_agency_id: seed.council,
      owner_person_id: seed.officer.id,
      due_date: "2026-10-30",
      raised_meeting_id: first.meeting.id,
      raised_item_id: null,
    });
    const { user } = await openMinutes(backend, second.meeting.id);
    expect(screen.queryByTestId("carried-actions")).toBeNull();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}{Alt>}{ArrowDown}{/Alt}");
    await atItem(3, "Previous minutes and actions");
    const carried = within(byTestId("minutes-item")).getAllByTestId("carried-action");
    expect(carried.map((c) => Number(c.dataset.actionId))).toEqual([letter.id]);

    await user.click(within(carried[0]!).getByTestId("carried-action-record"));
    await user.selectOptions(byTestId("carried-update-status"), "done");
    await user.type(byTestId("carried-update-note"), "Letter sent on 20 Oct");
    await user.click(byTestId("carried-update-save"));
    await waitFor(() => expect(byData("carried-action", "action-id", letter.id).dataset.status).toBe("done"));
    expect(within(byData("carried-action", "action-id", letter.id)).getByTestId("carried-update")).toHaveTextContent(
      "Done: Letter sent on 20 Oct",
    );
    expect(backend.callsOf("action_set_status")).toEqual([
      { action_id: letter.id, status: "done", note: "Letter sent on 20 Oct", meeting_id: second.meeting.id },
    ]);
    // Still at the same item.
    expect(byTestId("minutes-position")).toHaveTextContent("Item 3 of 8");
  });

  it("goes back to the meeting's page, and taking minutes again resumes at the same item", async () => {
    const { backend, page } = await withMeeting();
    const { user, pending } = await openMinutes(backend, page.meeting.id);
    await user.click(railItem("Case reviews"));
    await atItem(5, "Case reviews");
    await user.click(byTestId("minutes-back"));
    await screen.findByTestId("agenda-panel");
    await waitFor(() => expect(byTestId("meeting-heading")).toHaveFocus());
    expect(byTestId("nav-meetings")).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(pending()).toBe(0));
    await user.click(byTestId("meeting-take-minutes"));
    await screen.findByTestId("minutes-rail");
    await atItem(5, "Case reviews");
    await waitFor(() => expect(byTestId("minutes-item-title")).toHaveFocus());
  });

  it("says so when the meeting has no agenda", async () => {
    const { backend, seed } = await renderWithRecords();
    const page = await planMeeting(backend, seed, "2026-12-02");
    for (const item of page.agenda) await backend.direct("agenda_item_remove", { id: item.id });
    const rendered = await renderApp(backend);
    await rendered.user.click(byTestId("nav-meetings"));
    await screen.findByTestId("meetings-table");
    await rendered.user.click(within(byData("meeting-row", "meeting-id", page.meeting.id)).getByTestId("meeting-open"));
    await rendered.user.click(await screen.findByTestId("meeting-take-minutes"));
    expect(await screen.findByTestId("minutes-empty")).toHaveTextContent("This meeting has no agenda items yet.");
  });
});

