import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, planMeeting, renderApp, renderWithRecords } from "../test-support";

/** Today is 25 Nov 2026: one action overdue, one due later, one done, one of another group. */
async function openTracker() {
  const { backend, seed } = await renderWithRecords();
  const other = await backend.direct("group_add", { name: "Oswestry Case Conferences", default_kind: "case_conference" });
  const meeting = await planMeeting(backend, seed, "2026-10-07");
  const elsewhere = await backend.direct("meeting_plan", {
    meeting: {
      group_id: other.id,
      kind: "case_conference",
      date: "2026-10-14",
      start_time: "14:00",
      venue: "Oswestry Police Station",
      chair_id: null,
      minute_taker_id: null,
      review_date: null,
    },
    invitees: [],
  });
  const raise = (text: string, agency: number, due: string, at = meeting.meeting.id) =>
    backend.direct("action_add", {
      text,
      owner_agency_id: agency,
      owner_person_id: null,
      due_date: due,
      raised_meeting_id: at,
      raised_item_id: null,
    });
  const overdue = await raise("Letter to landlord of 14 Mill Lane", seed.council, "2026-11-01");
  const later = await raise("Fire safety visit to the flats", seed.fire, "2026-12-15");
  const done = await raise("Check CCTV coverage at the park", seed.police, "2026-11-10");
  await backend.direct("action_set_status", { action_id: done.id, status: "done", note: "Covered", meeting_id: null });
  const other_ = await raise("Youth outreach referral", seed.council, "2026-12-20", elsewhere.meeting.id);
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-actions"));
  await screen.findByTestId("actions-table");
  return { ...rendered, seed, ids: { overdue: overdue.id, later: later.id, done: done.id, other: other_.id } };
}

function shown(): number[] {
  return screen.getAllByTestId("action-row").map((r) => Number(r.dataset.actionId));
}

describe("the actions tracker", () => {
  it("lists open actions first, soonest due first, and marks the overdue one", async () => {
    const { ids } = await openTracker();
    expect(shown()).toEqual([ids.overdue, ids.later, ids.other, ids.done]);
    const row = within(byData("action-row", "action-id", ids.overdue));
    expect(row.getByText("Overdue")).toBeInTheDocument();
    expect(row.getByText("1 Nov 2026")).toBeInTheDocument();
    expect(byData("action-row", "action-id", ids.later)).toHaveAttribute("data-overdue", "false");
    expect(byTestId("actions-count")).toHaveTextContent("4 actions.");
  });

  it("filters by agency, status, overdue and group", async () => {
    const { backend, user, seed, ids } = await openTracker();
    await user.selectOptions(byTestId("actions-filter-agency"), String(seed.council));
    await waitFor(() => expect(shown()).toEqual([ids.overdue, ids.other]));
    await user.click(byTestId("actions-filter-overdue"));
    await waitFor(() => expect(shown()).toEqual([ids.overdue]));
    expect(backend.callsOf("actions_list").at(-1)).toEqual({
      agency_id: seed.council,
      group_id: null,
      status: null,
      overdue_only: true,
      limit: null,
    });
    await user.click(byTestId("actions-filter-clear"));
    await waitFor(() => expect(shown()).toHaveLength(4));
    await user.selectOptions(byTestId("actions-filter-status"), "done");
    await waitFor(() => expect(shown()).toEqual([ids.done]));
    await user.selectOptions(byTestId("actions-filter-status"), "");
    await user.selectOptions(byTestId("actions-filter-group"), "Oswestry Case Conferences");
    await waitFor(() => expect(shown()).toEqual([ids.other]));
    await user.selectOptions(byTestId("actions-filter-group"), "Wrekin Vale Tasking Group");
    await user.selectOptions(byTestId("actions-filter-agency"), String(seed.police));
    await user.selectOptions(byTestId("actions-filter-status"), "open");
    await waitFor(() => expect(byTestId("actions-empty")).toHaveTextContent("No actions match these choices."));
  });

  it("records an update from the tracker, and a dropped action needs a reason", async () => {
    const { backend, user, ids } = await openTracker();
    await user.click(within(byData("action-row", "action-id", ids.later)).getByTestId("action-record"));
    await user.selectOptions(byTestId("action-status-status"), "dropped");
    await user.click(byTestId("action-status-save"));
    expect(await screen.findByTestId("action-status-error")).toHaveTextContent(
      "Reason for dropping: must be given: say briefly why the action is no longer needed.",
    );
    await user.type(byTestId("action-status-note"), "The flats were sold");
    await user.click(byTestId("action-status-save"));
    await waitFor(() => expect(byData("action-row", "action-id", ids.later).dataset.status).toBe("dropped"));
    expect(within(byData("action-row", "action-id", ids.later)).getByText("The flats were sold")).toBeInTheDocument();
    expect(backend.callsOf("action_set_status").at(-1)).toEqual({
      action_id: ids.later,
      status: "dropped",
      note: "The flats were sold",
      meeting_id: null,
    });
    await user.click(within(byData("action-row", "action-id", ids.later)).getByTestId("action-history-toggle"));
    const entries = await screen.findAllByTestId("action-history-entry");
    expect(entries.map((e) => e.textContent)).toEqual([expect.stringContaining("Dropped: The flats were sold")]);
  });

  it("edits an action's due date, and it is no longer overdue", async () => {
    const { backend, user, ids } = await openTracker();
    await user.click(within(byData("action-row", "action-id", ids.overdue)).getByTestId("action-edit"));
    expect(byTestId("action-edit-text")).toHaveFocus();
    await user.clear(byTestId("action-edit-due"));
    await user.type(byTestId("action-edit-due"), "31/12/2026");
    await user.click(byTestId("action-edit-save"));
    await waitFor(() => expect(byData("action-row", "action-id", ids.overdue).dataset.overdue).toBe("false"));
    expect(backend.callsOf("action_update")).toEqual([
      {
        id: ids.overdue,
        action: expect.objectContaining({ due_date: "2026-12-31", text: "Letter to landlord of 14 Mill Lane" }),
      },
    ]);
    // The focus returns to Edit once the panel has closed.
    await waitFor(() =>
      expect(within(byData("action-row", "action-id", ids.overdue)).getByTestId("action-edit")).toHaveFocus(),
    );
  });
});
