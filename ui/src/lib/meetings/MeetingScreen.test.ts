import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tick } from "svelte";
import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, openMeeting, planMeeting, renderApp, renderWithRecords, withMeeting, type Seed } from "../test-support";

function titles(): string[] {
  return screen.getAllByTestId("agenda-item").map((i) => within(i).getByText(/./, { selector: ".title" }).textContent ?? "");
}

function item(title: string): HTMLElement {
  const found = screen
    .getAllByTestId("agenda-item")
    .find((i) => within(i).queryByText(title, { selector: ".title" }) !== null);
  if (!found) throw new Error(`no agenda item ${title}`);
  return found;
}

describe("the agenda", () => {
  it("moves an item by keyboard from its handle, keeps the focus on it and announces the move", async () => {
    const { backend, page } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    const aob = item("Any other business");
    const handle = within(aob).getByTestId("agenda-item-handle");
    expect(handle).toHaveAccessibleName("Reorder Any other business, position 7 of 8");
    handle.focus();
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await waitFor(() => expect(item("Any other business").dataset.position).toBe("6"));
    expect(backend.callsOf("agenda_item_move")).toEqual([{ id: Number(aob.dataset.itemId), to_position: 6 }]);
    expect(byTestId("agenda-announcement")).toHaveTextContent("Any other business: moved to position 6 of 8.");
    await waitFor(() => expect(within(item("Any other business")).getByTestId("agenda-item-handle")).toHaveFocus());
    expect(titles().slice(4, 7)).toEqual(["Case reviews", "Any other business", "Hotspot locations"]);

    // Again, then down, then to the top: the focus follows the item each time.
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await waitFor(() => expect(item("Any other business").dataset.position).toBe("5"));
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() => expect(item("Any other business").dataset.position).toBe("6"));
    await user.keyboard("{Alt>}{Home}{/Alt}");
    await waitFor(() => expect(item("Any other business").dataset.position).toBe("1"));
    expect(byTestId("agenda-announcement")).toHaveTextContent("moved to position 1 of 8");
    await waitFor(() => expect(within(item("Any other business")).getByTestId("agenda-item-handle")).toHaveFocus());
    // Plain arrows do nothing: they belong to the screen reader.
    await user.keyboard("{ArrowDown}");
    expect(backend.callsOf("agenda_item_move")).toHaveLength(4);
  });

  it("moves an item with the Move up and Move down buttons", async () => {
    const { backend, page } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    expect(within(item("Introductions and confidentiality agreement")).getByTestId("agenda-item-move-up")).toBeDisabled();
    expect(within(item("Date of next meeting")).getByTestId("agenda-item-move-down")).toBeDisabled();
    await user.click(within(item("Apologies")).getByTestId("agenda-item-move-down"));
    await waitFor(() => expect(titles()[2]).toBe("Apologies"));
    expect(byTestId("agenda-announcement")).toHaveTextContent("Apologies: moved to position 3 of 8.");
    await waitFor(() => expect(within(item("Apologies")).getByTestId("agenda-item-move-down")).toHaveFocus());
    await user.click(within(item("Apologies")).getByTestId("agenda-item-move-up"));
    await waitFor(() => expect(titles()[1]).toBe("Apologies"));
    expect(screen.getAllByTestId("agenda-item").map((i) => i.dataset.position)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
  });

  it("moves an item by drag and drop", async () => {
    const { backend, page } = await withMeeting();
    await openMeeting(backend, page.meeting.id);
    const next = item("Date of next meeting");
    const referrals = item("New referrals");
    fireEvent.dragStart(next);
    // Above the middle of "New referrals": lands before it, at position 4.
    fireEvent.dragOver(referrals, { clientY: -1 });
    fireEvent.drop(referrals, { clientY: -1 });
    await waitFor(() => expect(titles()[3]).toBe("Date of next meeting"));
    expect(backend.callsOf("agenda_item_move")).toEqual([{ id: Number(next.dataset.itemId), to_position: 4 }]);
    expect(byTestId("agenda-announcement")).toHaveTextContent("moved to position 4 of 8");
  });

  it("adds an item with a case reference and marking, edits it and removes it", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    await user.click(byTestId("agenda-add-open"));
    await user.selectOptions(byTestId("agenda-add-kind"), "case_review");
    await user.clear(byTestId("agenda-add-title"));
    await user.type(byTestId("agenda-add-title"), "Repeat criminal damage, Mill Lane");
    await user.type(byTestId("agenda-add-case-ref"), "nb-2026-031");
    await user.selectOptions(byTestId("agenda-add-agency"), String(seed.police));
    await user.selectOptions(byTestId("agenda-add-marking"), "OFFICIAL-SENSITIVE");
    await user.selectOptions(byTestId("agenda-add-descriptor"), "PERSONAL DATA");
    await user.click(byTestId("agenda-add-submit"));
    await waitFor(() => expect(titles()).toHaveLength(9));
    const added = item("Repeat criminal damage, Mill Lane");
    expect(added.dataset.position).toBe("9");
    expect(within(added).getByTestId("agenda-item-case-ref")).toHaveTextContent("NB-2026-031");
    expect(within(added).getByTestId("agenda-item-marking")).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
    expect(within(added).getByText("Presented by West Mercia Police (Shropshire Division)")).toBeInTheDocument();

    await user.click(within(added).getByTestId("agenda-item-edit"));
    expect(byTestId("agenda-edit-kind")).toHaveFocus();
    await user.selectOptions(byTestId("agenda-edit-marking"), "OFFICIAL");
    await user.selectOptions(byTestId("agenda-edit-descriptor"), "");
    await user.click(byTestId("agenda-edit-submit"));
    await waitFor(() => expect(screen.queryByTestId("agenda-edit-form")).toBeNull());
    expect(within(item("Repeat criminal damage, Mill Lane")).getByTestId("agenda-item-marking")).toHaveTextContent(/^OFFICIAL$/);

    await user.click(within(item("Repeat criminal damage, Mill Lane")).getByTestId("agenda-item-remove"));
    await user.click(within(screen.getByRole("dialog")).getByTestId("confirm-yes"));
    await waitFor(() => expect(titles()).toHaveLength(8));
    expect(byTestId("agenda-announcement")).toHaveTextContent("removed from the agenda");
  });

  it("refuses a name as a case reference and keeps the form", async () => {
    const { backend, page } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    await user.click(byTestId("agenda-add-open"));
    await user.clear(byTestId("agenda-add-title"));
    await user.type(byTestId("agenda-add-title"), "Review");
    await user.type(byTestId("agenda-add-case-ref"), "John Smith");
    await user.click(byTestId("agenda-add-submit"));
    expect(await screen.findByTestId("agenda-add-error")).toHaveTextContent(
      "Case reference: must be a short code such as NS-2026-014",
    );
    expect(byTestId("agenda-add-case-ref")).toHaveValue("John Smith");
    expect(titles()).toHaveLength(8);
  });
});

describe("attendance", () => {
  function row(personId: number): HTMLElement {
    return byData("attendance-row", "person-id", personId);
  }

  it("records present with a late arrival, and apologies with a written update", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    expect(byTestId("attendance-summary")).toHaveTextContent("3 invited: 3 not recorded yet.");

    const sergeant = within(row(seed.sergeant.id));
    await user.selectOptions(sergeant.getByTestId("attendance-select"), "present");
    // The time fields wait until asked for, then take the focus.
    expect(sergeant.queryByTestId("attendance-arrived")).toBeNull();
    await user.click(sergeant.getByTestId("attendance-times"));
    expect(sergeant.getByTestId("attendance-arrived")).toHaveFocus();
    await user.keyboard("10.20");
    await user.click(sergeant.getByTestId("attendance-save"));
    await waitFor(() => expect(row(seed.sergeant.id).dataset.attendance).toBe("present"));

    const prevention = within(row(seed.prevention.id));
    await user.selectOptions(prevention.getByTestId("attendance-select"), "apologies");
    await user.click(prevention.getByTestId("attendance-written-update"));
    await user.click(prevention.getByTestId("attendance-save"));
    await waitFor(() => expect(row(seed.prevention.id).dataset.attendance).toBe("apologies"));

    const officer = within(row(seed.officer.id));
    await user.selectOptions(officer.getByTestId("attendance-select"), "absent");
    await user.click(officer.getByTestId("attendance-save"));
    await waitFor(() => expect(row(seed.officer.id).dataset.attendance).toBe("absent"));

    expect(backend.callsOf("attendance_set")).toEqual([
      {
        meeting_id: page.meeting.id,
        person_id: seed.sergeant.id,
        attendance: "present",
        written_update: false,
        arrived_at: "10:20",
        left_at: null,
      },
      {
        meeting_id: page.meeting.id,
        person_id: seed.prevention.id,
        attendance: "apologies",
        written_update: true,
        arrived_at: null,
        left_at: null,
      },
      {
        meeting_id: page.meeting.id,
        person_id: seed.officer.id,
        attendance: "absent",
        written_update: false,
        arrived_at: null,
        left_at: null,
      },
    ]);
    expect(byTestId("attendance-summary")).toHaveTextContent("3 invited: 1 present, 1 apologies, 1 absent.");
    const saved = await backend.direct("meeting_get", { id: page.meeting.id });
    expect(saved.invitations.find((i) => i.person_id === seed.prevention.id)).toMatchObject({
      attendance: "apologies",
      written_update: true,
    });
  });

  it("shows Rust's refusal of a departure before the arrival, in the person's row", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    const sergeant = within(row(seed.sergeant.id));
    await user.selectOptions(sergeant.getByTestId("attendance-select"), "present");
    await user.click(sergeant.getByTestId("attendance-times"));
    await user.type(sergeant.getByTestId("attendance-arrived"), "11:00");
    await user.type(sergeant.getByTestId("attendance-left"), "10:30");
    await user.click(sergeant.getByTestId("attendance-save"));
    expect(await sergeant.findByTestId("attendance-error")).toHaveTextContent(
      "Left at: must be after the time they arrived. Please correct one of the times.",
    );
    expect(sergeant.getByTestId("attendance-left")).toHaveValue("10:30");
    expect(row(seed.sergeant.id).dataset.attendance).toBe("invited");
  });

  it("invites someone else and withdraws an invitation", async () => {
    const { backend, seed } = await renderWithRecords();
    const page = await backend.direct("meeting_plan", {
      meeting: {
        group_id: seed.group.id,
        kind: "bronze_tasking",
        date: "2026-12-02",
        start_time: "10:00",
        venue: "Civic Centre",
        chair_id: null,
        minute_taker_id: null,
        review_date: null,
      },
      invitees: [seed.officer.id],
    });
    const { user } = await openMeeting(backend, page.meeting.id);
    await user.selectOptions(byTestId("invitation-add-person"), String(seed.prevention.id));
    await user.click(byTestId("invitation-add-submit"));
    await waitFor(() => expect(screen.getAllByTestId("attendance-row")).toHaveLength(2));
    await user.click(within(row(seed.officer.id)).getByTestId("invitation-remove"));
    await waitFor(() => expect(screen.getAllByTestId("attendance-row")).toHaveLength(1));
    expect(backend.callsOf("invitation_remove")).toEqual([{ meeting_id: page.meeting.id, person_id: seed.officer.id }]);
  });

  it("says nobody is left to invite only once the list of people has arrived", async () => {
    const { backend, page } = await withMeeting();
    const release = backend.hold("people_list");
    const { user } = await renderApp(backend);
    await user.click(byTestId("nav-meetings"));
    await screen.findByTestId("meetings-table");
    await user.click(within(byData("meeting-row", "meeting-id", page.meeting.id)).getByTestId("meeting-open"));
    await screen.findByTestId("attendance-panel");
    // Everyone seeded is invited, but the page cannot know that yet.
    expect(screen.queryByTestId("invitation-everyone")).toBeNull();
    expect(byTestId("attendance-panel")).toHaveTextContent("Loading the list of people…");
    release();
    await screen.findByTestId("invitation-everyone");
    expect(byTestId("attendance-panel")).not.toHaveTextContent("Loading the list of people…");
  });
});

describe("actions at the meeting", () => {
  async function addAction(
    user: Awaited<ReturnType<typeof openMeeting>>["user"],
    seed: Seed,
    text: string,
    options: { person?: number; item?: string; agency?: number },
  ) {
    await user.type(byTestId("action-add-text"), text);
    await user.selectOptions(byTestId("action-add-agency"), String(options.agency ?? seed.council));
    if (options.person) await user.selectOptions(byTestId("action-add-person"), String(options.person));
    await user.clear(byTestId("action-add-due"));
    await user.type(byTestId("action-add-due"), "15/01/2027");
    if (options.item) await user.selectOptions(byTestId("action-add-item"), options.item);
    await user.click(byTestId("action-add-submit"));
  }

  it("adds two actions, one with a named owner under an agenda item", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    // Only people from the chosen agency can be named.
    await user.selectOptions(byTestId("action-add-agency"), String(seed.council));
    const options = within(byTestId("action-add-person")).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["No one named", "Tomasz Brennan · Anti-Social Behaviour Officer"]);

    await addAction(user, seed, "Letter to landlord of 14 Mill Lane", {
      person: seed.officer.id,
      item: "5. Case reviews",
    });
    await waitFor(() => expect(screen.getAllByTestId("raised-action")).toHaveLength(1));
    expect(byTestId("action-add-text")).toHaveValue("");
    expect(byTestId("action-add-text")).toHaveFocus();
    await addAction(user, seed, "Check CCTV coverage at the park", { agency: seed.police });
    await waitFor(() => expect(screen.getAllByTestId("raised-action")).toHaveLength(2));

    const rows = screen.getAllByTestId("raised-action");
    expect(within(rows[0]!).getByText("Letter to landlord of 14 Mill Lane")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Tomasz Brennan")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("15 Jan 2027")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("Case reviews")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("West Mercia Police (Shropshire Division)")).toBeInTheDocument();
    const caseReviews = page.agenda.find((i) => i.title === "Case reviews")!.id;
    expect(backend.callsOf("action_add")).toEqual([
      {
        text: "Letter to landlord of 14 Mill Lane",
        owner_agency_id: seed.council,
        owner_person_id: seed.officer.id,
        due_date: "2027-01-15",
        raised_meeting_id: page.meeting.id,
        raised_item_id: caseReviews,
      },
      {
        text: "Check CCTV coverage at the park",
        owner_agency_id: seed.police,
        owner_person_id: null,
        due_date: "2027-01-15",
        raised_meeting_id: page.meeting.id,
        raised_item_id: caseReviews,
      },
    ]);
  });

  it("keeps a refused action's text and shows why", async () => {
    const { backend, page, seed } = await withMeeting();
    const { user } = await openMeeting(backend, page.meeting.id);
    await user.type(byTestId("action-add-text"), "Visit");
    await user.selectOptions(byTestId("action-add-agency"), String(seed.council));
    await user.click(byTestId("action-add-submit"));
    expect(await screen.findByTestId("action-add-error")).toHaveTextContent(
      "Due date: must be a date such as 2026-11-25. Please correct it.",
    );
    expect(byTestId("action-add-text")).toHaveValue("Visit");
  });

  it("carries an open action into the next meeting, where an update is recorded against it", async () => {
    const { backend, seed } = await renderWithRecords();
    const first = await planMeeting(backend, seed, "2026-10-07");
    const second = await planMeeting(backend, seed, "2026-11-04");
    const raise = (text: string) =>
      backend.direct("action_add", {
        text,
        owner_agency_id: seed.council,
        owner_person_id: seed.officer.id,
        due_date: "2026-10-30",
        raised_meeting_id: first.meeting.id,
        raised_item_id: null,
      });
    const letter = await raise("Letter to landlord of 14 Mill Lane");
    const cctv = await raise("Check CCTV coverage at the park");
    const { user } = await openMeeting(backend, second.meeting.id);

    // Under "Previous minutes and actions".
    const previous = item("Previous minutes and actions");
    const carried = within(previous).getAllByTestId("carried-action");
    expect(carried.map((c) => Number(c.dataset.actionId))).toEqual([letter.id, cctv.id]);
    expect(within(carried[0]!).getByText("Overdue")).toBeInTheDocument();
    expect(within(carried[0]!).getByText(/due 30 Oct 2026 · raised 7 Oct 2026/)).toBeInTheDocument();

    // Done, with a note.
    await user.click(within(byData("carried-action", "action-id", letter.id)).getByTestId("carried-action-record"));
    expect(byTestId("carried-update-status")).toHaveFocus();
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
    await waitFor(() =>
      expect(within(byData("carried-action", "action-id", letter.id)).getByTestId("carried-action-record")).toHaveFocus(),
    );

    // Dropped needs a reason: Rust's words, and the form stays.
    await user.click(within(byData("carried-action", "action-id", cctv.id)).getByTestId("carried-action-record"));
    await user.selectOptions(byTestId("carried-update-status"), "dropped");
    expect(screen.getByLabelText("Reason for dropping (required)")).toBe(byTestId("carried-update-note"));
    await user.click(byTestId("carried-update-save"));
    expect(await screen.findByTestId("carried-update-error")).toHaveTextContent(
      "Reason for dropping: must be given: say briefly why the action is no longer needed.",
    );
    expect(byTestId("carried-update-status")).toHaveValue("dropped");
    await user.type(byTestId("carried-update-note"), "Camera removed by the council");
    await user.click(byTestId("carried-update-save"));
    await waitFor(() => expect(byData("carried-action", "action-id", cctv.id).dataset.status).toBe("dropped"));
    expect(within(byData("carried-action", "action-id", cctv.id)).getByText("Dropped: Camera removed by the council")).toBeInTheDocument();

    // The meeting after shows neither: both were closed at this one.
    const third = await planMeeting(backend, seed, "2026-12-02");
    expect((await backend.direct("meeting_get", { id: third.meeting.id })).carried_forward).toEqual([]);
  });
});

describe("the meeting's details", () => {
  it("edits the details and the status, and links to the group's other meetings", async () => {
    const { backend, seed } = await renderWithRecords();
    const first = await planMeeting(backend, seed, "2026-10-07");
    const second = await planMeeting(backend, seed, "2026-11-04");
    const { user } = await openMeeting(backend, second.meeting.id);
    expect(byTestId("meeting-previous")).toHaveTextContent("Previous: 7 Oct 2026");
    expect(screen.queryByTestId("meeting-next")).toBeNull();

    await user.click(byTestId("meeting-edit"));
    expect(byTestId("meeting-edit-date")).toHaveValue("04/11/2026");
    expect(byTestId("meeting-edit-review")).toHaveValue("04/11/2027");
    await user.clear(byTestId("meeting-edit-venue"));
    await user.type(byTestId("meeting-edit-venue"), "Town Hall, Committee Room 1");
    await user.click(byTestId("meeting-edit-submit"));
    await waitFor(() => expect(screen.queryByTestId("meeting-edit-submit")).toBeNull());
    expect(byTestId("meeting-details")).toHaveTextContent("Town Hall, Committee Room 1");
    await waitFor(() => expect(byTestId("meeting-edit")).toHaveFocus());

    await user.selectOptions(byTestId("meeting-status-select"), "held");
    await user.click(byTestId("meeting-status-save"));
    await waitFor(() => expect(byTestId("meeting-status")).toHaveTextContent("Held"));

    await user.click(byTestId("meeting-previous"));
    await waitFor(() =>
      expect(byTestId("screen-meeting")).toHaveAttribute("data-meeting-id", String(first.meeting.id)),
    );
    expect(await screen.findByTestId("meeting-next")).toHaveTextContent("Next: 4 Nov 2026");
  });
});

describe("the agenda as a PDF", () => {
  it("is saved where the chair chooses, and a cancelled dialog writes nothing", async () => {
    const { backend, seed } = await renderWithRecords({ exportDir: true });
    const page = await planMeeting(backend, seed, "2026-12-02");
    const { user } = await openMeeting(backend, page.meeting.id);
    const dir = backend.exportDir!;
    backend.cancelNextDialog();
    await user.click(byTestId("meeting-export-agenda"));
    await waitFor(() => expect(byTestId("meeting-export-agenda")).toBeEnabled());
    expect(readdirSync(dir)).toEqual([]);
    expect(screen.queryByText(/The agenda is saved/)).toBeNull();

    await user.click(byTestId("meeting-export-agenda"));
    const name = "Wrekin-Vale-Tasking-Group_2026-12-02_agenda_OFFICIAL-SENSITIVE.pdf";
    const status = () => byTestId("meeting-status-region");
    await waitFor(() => expect(status()).toHaveTextContent(`The agenda is saved as ${name}`));
    expect(readdirSync(dir)).toEqual([name]);
    const sha = createHash("sha256").update(readFileSync(join(dir, name))).digest("hex");
    expect(status()).toHaveTextContent(sha);
    // Again: the file is there, and Rust says so.
    await user.click(byTestId("meeting-export-agenda"));
    expect(await screen.findByTestId("meeting-export-agenda-error")).toHaveTextContent(`${name} already exists there`);
  });
});
