import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, planMeeting, renderApp, renderWithRecords } from "../test-support";

describe("home", () => {
  it("shows the next meetings, overdue actions and meetings due for review, with British dates", async () => {
    const { backend, seed } = await renderWithRecords();
    // Today is Wed 25 Nov 2026. A meeting of a year ago is due for review.
    const old = await planMeeting(backend, seed, "2025-11-12");
    const past = await planMeeting(backend, seed, "2026-10-07");
    const next = await planMeeting(backend, seed, "2026-12-02");
    const later = await planMeeting(backend, seed, "2027-01-06");
    await backend.direct("action_add", {
      text: "Letter to landlord of 14 Mill Lane",
      owner_agency_id: seed.council,
      owner_person_id: seed.officer.id,
      due_date: "2026-11-18",
      raised_meeting_id: past.meeting.id,
      raised_item_id: null,
    });
    const { user } = await renderApp(backend);
    await screen.findByTestId("home-today");
    expect(byTestId("nav-home")).toHaveAttribute("aria-current", "page");
    expect(byTestId("home-today")).toHaveTextContent("Wed 25 Nov 2026");

    const meetings = screen.getAllByTestId("home-meeting").map((m) => Number(m.dataset.meetingId));
    expect(meetings).toEqual([next.meeting.id, later.meeting.id]);
    expect(byData("home-meeting", "meeting-id", next.meeting.id)).toHaveTextContent("Wed 2 Dec 2026, 10:00");

    const overdue = screen.getAllByTestId("home-overdue-action");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toHaveTextContent("Letter to landlord of 14 Mill Lane");
    expect(overdue[0]).toHaveTextContent("due 18 Nov 2026 · 7 days overdue");

    const review = screen.getAllByTestId("home-review-meeting");
    expect(review.map((m) => Number(m.dataset.meetingId))).toEqual([old.meeting.id]);
    expect(review[0]).toHaveTextContent("Meeting · review date 12 Nov 2026");

    await user.click(within(byData("home-meeting", "meeting-id", next.meeting.id)).getByRole("button"));
    expect(await screen.findByTestId("screen-meeting")).toHaveAttribute("data-meeting-id", String(next.meeting.id));
  });

  it("says so when there is nothing to show, and offers to plan a meeting", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await renderApp(backend);
    await screen.findByTestId("home-next-meetings");
    expect(byTestId("home-next-meetings")).toHaveTextContent("No meetings planned from today on.");
    expect(byTestId("home-overdue")).toHaveTextContent("No open action is past its due date.");
    expect(byTestId("home-review-due")).toHaveTextContent("No meeting or request is due for review.");
    await user.click(byTestId("home-plan-meeting"));
    await screen.findByTestId("screen-plan-meeting");
  });

  it("is where the chair lands after unlocking, wherever they were before the lock", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await renderApp(backend);
    await user.click(await screen.findByTestId("nav-people"));
    await screen.findByTestId("screen-people");
    await user.click(byTestId("lock-button"));
    await screen.findByTestId("screen-unlock");
    await user.type(byTestId("unlock-passphrase"), "correct horse battery{Enter}");
    await screen.findByTestId("screen-home");
    await waitFor(() => expect(byTestId("nav-home")).toHaveAttribute("aria-current", "page"));
  });

  it("lists information requests due for review beside the meetings, until a later review date is set", async () => {
    const { backend } = await renderWithRecords();
    const call = await backend.direct("request_emergency", {
      caller: "Watch Manager Odile Pennick",
      agency: "Shropshire Fire and Rescue",
      agency_id: null,
      callback: "01743 555 0107",
      asked: "Whether the flat holds oxygen cylinders.",
      given: "Yes, two, in the back bedroom.",
      why_urgent: "Crews were attending a fire there.",
    });
    await backend.direct("request_review_set", { id: call.id, review_date: "2026-11-25" });
    const { user } = await renderApp(backend);
    const row = await screen.findByTestId("home-review-request");
    expect(row).toHaveAttribute("data-request-id", String(call.id));
    expect(row).toHaveTextContent("Call from Shropshire Fire and Rescue");
    expect(row).toHaveTextContent("Information request received by us · Shropshire Fire and Rescue · received 25 Nov 2026 · review date 25 Nov 2026");
    await user.click(within(row).getByRole("button"));
    await screen.findByTestId("request-progress");
    expect(byTestId("request-review-date")).toHaveTextContent("25 Nov 2026");

    // A later review date, set on the request's page; home no longer lists it.
    await user.click(byTestId("request-review-open"));
    const input = byTestId("request-review-input");
    await user.clear(input);
    await user.type(input, "01/01/2020");
    await user.click(byTestId("request-review-save"));
    expect(await screen.findByTestId("request-review-error")).toHaveTextContent(
      "Review date: must be on or after the day the request was received.",
    );
    await user.clear(input);
    await user.type(input, "25/11/2027");
    await user.click(byTestId("request-review-save"));
    await waitFor(() => expect(byTestId("request-review-date")).toHaveTextContent("25 Nov 2027"));
    expect(screen.queryByTestId("request-review-form")).toBeNull();
    await user.click(byTestId("nav-home"));
    await screen.findByTestId("home-review-due");
    expect(screen.queryByTestId("home-review-request")).toBeNull();
  });
});
