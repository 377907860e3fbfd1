import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, planMeeting, renderApp, renderWithRecords } from "../test-support";

async function openPlan() {
  const { backend, seed } = await renderWithRecords();
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-meetings"));
  await screen.findByTestId("screen-meetings");
  await rendered.user.click(byTestId("meetings-plan"));
  await screen.findByTestId("meeting-plan-submit");
  return { ...rendered, seed };
}

describe("planning a meeting", () => {
  it("plans a meeting from the usual agenda with the default review date, and opens it", async () => {
    const { backend, user, seed } = await openPlan();
    expect(byTestId("meeting-plan-group")).toHaveFocus();
    await user.selectOptions(byTestId("meeting-plan-group"), "Wrekin Vale Tasking Group");
    // Day first, whatever the locale; the weekday is read back at once.
    await user.type(byTestId("meeting-plan-date"), "2/12/2026");
    expect(byTestId("meeting-plan-date-said")).toHaveTextContent("Wed 2 Dec 2026");
    await user.clear(byTestId("meeting-plan-time"));
    await user.type(byTestId("meeting-plan-time"), "930");
    await user.type(byTestId("meeting-plan-venue"), "Civic Centre, Room 2");
    await user.selectOptions(byTestId("meeting-plan-chair"), String(seed.officer.id));
    await user.selectOptions(byTestId("meeting-plan-minute-taker"), String(seed.sergeant.id));
    // The default review date is shown: twelve months on.
    expect(byTestId("meeting-plan-date")).toHaveValue("02/12/2026");
    expect(byTestId("meeting-plan-time")).toHaveValue("09:30");
    expect(byTestId("meeting-plan-review")).toHaveValue("02/12/2027");
    expect(byTestId("meeting-plan-review-hint")).toHaveTextContent("The default: 2 Dec 2027, 12 months after the meeting.");
    await user.click(byData("meeting-plan-invitee", "person-id", seed.sergeant.id));
    await user.click(byData("meeting-plan-invitee", "person-id", seed.prevention.id));
    await user.click(byTestId("meeting-plan-submit"));

    await screen.findByTestId("screen-meeting");
    expect(backend.callsOf("meeting_plan")).toEqual([
      {
        meeting: {
          group_id: seed.group.id,
          kind: "bronze_tasking",
          date: "2026-12-02",
          start_time: "09:30",
          venue: "Civic Centre, Room 2",
          chair_id: seed.officer.id,
          minute_taker_id: seed.sergeant.id,
          review_date: null,
        },
        invitees: [seed.sergeant.id, seed.prevention.id],
      },
    ]);
    await waitFor(() => expect(byTestId("meeting-heading")).toHaveFocus());
    expect(byTestId("meeting-heading")).toHaveTextContent("Wrekin Vale Tasking Group, Wed 2 Dec 2026");
    expect(byTestId("meeting-time")).toHaveTextContent("09:30");
    expect(byTestId("meeting-review-date")).toHaveTextContent("2 Dec 2027");
    expect(byTestId("meeting-chair")).toHaveTextContent("Tomasz Brennan");
    const items = screen.getAllByTestId("agenda-item");
    expect(items.map((i) => within(i).getByText(/./, { selector: ".title" }).textContent)).toEqual([
      "Introductions and confidentiality agreement",
      "Apologies",
      "Previous minutes and actions",
      "New referrals",
      "Case reviews",
      "Hotspot locations",
      "Any other business",
      "Date of next meeting",
    ]);
    expect(items.map((i) => i.dataset.position)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(within(items[3]!).getByTestId("agenda-item-marking")).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
    expect(screen.getAllByTestId("attendance-row").map((r) => Number(r.dataset.personId))).toEqual([
      seed.prevention.id,
      seed.sergeant.id,
    ]);
    expect(byTestId("nav-meetings")).toHaveAttribute("aria-current", "page");
  });

  it("takes a review date the chair chose", async () => {
    const { backend, user } = await openPlan();
    await user.selectOptions(byTestId("meeting-plan-group"), "Wrekin Vale Tasking Group");
    await user.type(byTestId("meeting-plan-date"), "2026-12-02");
    await user.type(byTestId("meeting-plan-venue"), "Library meeting room");
    await user.clear(byTestId("meeting-plan-review"));
    await user.type(byTestId("meeting-plan-review"), "30 June 2027");
    await user.click(byTestId("meeting-plan-submit"));
    await screen.findByTestId("screen-meeting");
    expect(backend.callsOf("meeting_plan")[0]).toMatchObject({ meeting: { review_date: "2027-06-30" } });
    expect(await screen.findByTestId("meeting-review-date")).toHaveTextContent("30 Jun 2027");
  });

  it("shows Rust's refusal next to the form and keeps everything typed", async () => {
    const { user, seed } = await openPlan();
    await user.selectOptions(byTestId("meeting-plan-group"), "Wrekin Vale Tasking Group");
    await user.type(byTestId("meeting-plan-date"), "2026-12-02");
    await user.click(byData("meeting-plan-invitee", "person-id", seed.officer.id));
    await user.click(byTestId("meeting-plan-submit"));
    const error = await screen.findByTestId("meeting-plan-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("Venue: must not be empty. Please fill it in.");
    expect(byTestId("screen-plan-meeting")).toBeInTheDocument();
    expect(byTestId("meeting-plan-date")).toHaveValue("02/12/2026");
    expect(byData("meeting-plan-invitee", "person-id", seed.officer.id)).toBeChecked();
  });

  it("refuses a review date before the meeting, in Rust's words", async () => {
    const { user } = await openPlan();
    await user.selectOptions(byTestId("meeting-plan-group"), "Wrekin Vale Tasking Group");
    await user.type(byTestId("meeting-plan-date"), "2026-12-02");
    await user.type(byTestId("meeting-plan-venue"), "Library meeting room");
    await user.clear(byTestId("meeting-plan-review"));
    await user.type(byTestId("meeting-plan-review"), "30.11.26");
    await user.click(byTestId("meeting-plan-submit"));
    expect(await screen.findByTestId("meeting-plan-error")).toHaveTextContent(
      "Review date: must be on or after the meeting date. Please choose a later date.",
    );
    expect(byTestId("meeting-plan-review")).toHaveValue("30/11/2026");
  });

  it("refuses a date or time that is not one before asking Rust, naming the field", async () => {
    const { backend, user } = await openPlan();
    await user.selectOptions(byTestId("meeting-plan-group"), "Wrekin Vale Tasking Group");
    await user.type(byTestId("meeting-plan-date"), "31/11/2026");
    await user.type(byTestId("meeting-plan-venue"), "Library meeting room");
    // Leaving the field says what is wrong with it.
    expect(byTestId("meeting-plan-date")).toHaveAttribute("aria-invalid", "true");
    expect(byTestId("meeting-plan-date-said")).toHaveTextContent("Not a date. Write day/month/year");
    await user.click(byTestId("meeting-plan-submit"));
    expect(await screen.findByTestId("meeting-plan-error")).toHaveTextContent(
      "Date: write it as day/month/year, for example 02/12/2026, with a day that exists in that month.",
    );
    expect(backend.callsOf("meeting_plan")).toEqual([]);
    expect(byTestId("meeting-plan-date")).toHaveValue("31/11/2026");

    await user.clear(byTestId("meeting-plan-date"));
    await user.type(byTestId("meeting-plan-date"), "30/11/2026");
    await user.clear(byTestId("meeting-plan-time"));
    await user.type(byTestId("meeting-plan-time"), "25:00");
    await user.click(byTestId("meeting-plan-submit"));
    expect(await screen.findByTestId("meeting-plan-error")).toHaveTextContent(
      "Start time: write it on the 24-hour clock, for example 09:30 or 14:00.",
    );
    expect(byTestId("meeting-plan-time-wrong")).toBeInTheDocument();
    expect(backend.callsOf("meeting_plan")).toEqual([]);
  });

  it("moves the date a day or a week with the arrow and page keys", async () => {
    const { user } = await openPlan();
    await user.type(byTestId("meeting-plan-date"), "31/12/2026");
    await user.keyboard("{ArrowUp}");
    expect(byTestId("meeting-plan-date")).toHaveValue("01/01/2027");
    await user.keyboard("{PageDown}");
    expect(byTestId("meeting-plan-date")).toHaveValue("25/12/2026");
    expect(byTestId("meeting-plan-date-said")).toHaveTextContent("Fri 25 Dec 2026");
  });
});

describe("the meetings screen", () => {
  it("lists meetings newest first and filters by group", async () => {
    const { backend, seed } = await renderWithRecords();
    const other = await backend.direct("group_add", { name: "Oswestry Case Conferences", default_kind: "case_conference" });
    await planMeeting(backend, seed, "2026-10-07");
    const newer = await planMeeting(backend, seed, "2026-12-02");
    await backend.direct("meeting_plan", {
      meeting: {
        group_id: other.id,
        kind: "case_conference",
        date: "2026-11-11",
        start_time: "14:00",
        venue: "Oswestry Police Station",
        chair_id: null,
        minute_taker_id: null,
        review_date: null,
      },
      invitees: [],
    });
    const { user } = await renderApp(backend);
    await user.click(byTestId("nav-meetings"));
    await screen.findByTestId("meetings-table");
    const dates = () => screen.getAllByTestId("meeting-row").map((r) => within(r).getByTestId("meeting-open").textContent);
    expect(dates()).toEqual(["Wed 2 Dec 2026", "Wed 11 Nov 2026", "Wed 7 Oct 2026"]);
    await user.selectOptions(byTestId("meetings-filter-group"), "Oswestry Case Conferences");
    await waitFor(() => expect(dates()).toEqual(["Wed 11 Nov 2026"]));
    await user.selectOptions(byTestId("meetings-filter-group"), "All groups");
    await waitFor(() => expect(dates()).toHaveLength(3));
    await user.click(within(byData("meeting-row", "meeting-id", newer.meeting.id)).getByTestId("meeting-open"));
    expect(await screen.findByTestId("screen-meeting")).toHaveAttribute("data-meeting-id", String(newer.meeting.id));
  });

  it("adds a group, and refuses a duplicate in Rust's words", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await renderApp(backend);
    await user.click(byTestId("nav-meetings"));
    await screen.findByTestId("groups-table");
    await user.type(byTestId("group-add-name"), "Oswestry Case Conferences");
    await user.selectOptions(byTestId("group-add-kind"), "case_conference");
    await user.click(byTestId("group-add-submit"));
    await waitFor(() => expect(screen.getAllByTestId("group-row")).toHaveLength(2));
    expect(backend.callsOf("group_add").at(-1)).toEqual({ name: "Oswestry Case Conferences", default_kind: "case_conference" });
    await user.type(byTestId("group-add-name"), "wrekin vale tasking group");
    await user.click(byTestId("group-add-submit"));
    expect(await screen.findByTestId("group-add-error")).toHaveTextContent(
      "A group with this name already exists. Use that one, or choose another name.",
    );
    expect(byTestId("group-add-name")).toHaveValue("wrekin vale tasking group");
  });
});
