import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, caseInput, planMeeting, renderApp, renderWithRecords } from "../test-support";

async function withAction() {
  const { backend, seed } = await renderWithRecords();
  const meeting = await planMeeting(backend, seed, "2026-10-07");
  const action = await backend.direct("action_add", {
    text: "Graffiti removal on the underpass",
    owner_agency_id: seed.council,
    owner_person_id: null,
    due_date: "2026-12-15",
    raised_meeting_id: meeting.meeting.id,
    raised_item_id: null,
  });
  const rendered = await renderApp(backend);
  await screen.findByTestId("screen-home");
  return { ...rendered, seed, meeting, action };
}

describe("search", () => {
  it("finds an action from the header and opens its meeting", async () => {
    const { backend, user, meeting, action } = await withAction();
    await user.type(byTestId("search-input"), "graffiti under{Enter}");
    await screen.findByTestId("screen-search");
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(1));
    expect(backend.callsOf("search")).toEqual([{ query: "graffiti under" }]);
    const hit = byData("search-hit", "id", action.id);
    expect(hit).toHaveAttribute("data-kind", "action");
    expect(within(hit).getByText("Action")).toBeInTheDocument();
    // The context line's date is written the British way.
    expect(hit).toHaveTextContent("Shropshire Council · due 15 Dec 2026 · open");
    expect(byTestId("search-count")).toHaveTextContent("1 result.");
    await user.click(within(hit).getByRole("button", { name: "Graffiti removal on the underpass" }));
    expect(await screen.findByTestId("screen-meeting")).toHaveAttribute("data-meeting-id", String(meeting.meeting.id));
  });

  it("finds people and says when nothing matches", async () => {
    const { user } = await withAction();
    await user.type(byTestId("search-input"), "brenn");
    await user.click(byTestId("search-submit"));
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(1));
    expect(screen.getByTestId("search-hit")).toHaveAttribute("data-kind", "person");
    await user.clear(byTestId("search-input"));
    await user.type(byTestId("search-input"), "nothing like this{Enter}");
    await waitFor(() => expect(byTestId("search-count")).toHaveTextContent("Nothing found."));
  });

  it("finds a case by its label, never by its subject's name, and opens its page", async () => {
    const { backend, seed } = await renderWithRecords();
    const meeting = await planMeeting(backend, seed, "2026-10-07");
    await backend.direct("agenda_item_add", {
      meeting_id: meeting.meeting.id,
      item: {
        kind: "case_review",
        title: "Repeat anti-social behaviour",
        case_ref: "NB-2026-014",
        presenting_agency_id: null,
        marking: "OFFICIAL-SENSITIVE",
        descriptor: "PERSONAL DATA",
      },
    });
    const page = await backend.direct(
      "case_add",
      caseInput({
        case_ref: "NB-2026-014",
        kind: "individual",
        label: "Adult male, Tanner's Row",
        subject_name: "Corwin Ashdale",
      }),
    );
    const yard = await backend.direct(
      "case_add",
      caseInput({ case_ref: "NB-2026-038", kind: "location", label: "Tanner's Yard, communal areas" }),
    );
    const { user } = await renderApp(backend);
    await screen.findByTestId("screen-home");
    await user.type(byTestId("search-input"), "tanner{Enter}");
    await screen.findByTestId("screen-search");
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(2));
    const hit = byData("search-hit", "id", page.case.id);
    expect(hit).toHaveAttribute("data-kind", "case");
    expect(within(hit).getByText("Case")).toBeInTheDocument();
    expect(hit).toHaveTextContent("NB-2026-014 · Individual");
    expect(hit).toHaveTextContent("Open the case");
    // Never by the subject's name.
    expect(screen.queryByText(/Ashdale/)).toBeNull();
    await user.clear(byTestId("search-input"));
    await user.type(byTestId("search-input"), "ashdale{Enter}");
    await waitFor(() => expect(byTestId("search-count")).toHaveTextContent("Nothing found."));
    // A case not yet on any agenda opens its page too.
    await user.clear(byTestId("search-input"));
    await user.type(byTestId("search-input"), "yard{Enter}");
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(1));
    await user.click(within(byData("search-hit", "id", yard.case.id)).getByRole("button", { name: /Tanner's Yard/ }));
    expect(await screen.findByTestId("screen-case")).toHaveAttribute("data-case-id", String(yard.case.id));
    expect(await screen.findByTestId("case-items-none")).toHaveTextContent("No agenda item carries NB-2026-038 yet.");
    await user.type(byTestId("search-input"), "{Control>}a{/Control}tanner row{Enter}");
    await waitFor(() => expect(screen.getAllByTestId("search-hit")).toHaveLength(1));
    await user.click(within(byData("search-hit", "id", page.case.id)).getByRole("button", { name: "Adult male, Tanner's Row" }));
    expect(await screen.findByTestId("screen-case")).toHaveAttribute("data-case-id", String(page.case.id));
    expect(await screen.findByTestId("case-item")).toHaveAttribute("data-meeting-id", String(meeting.meeting.id));
  });

  it("shows Rust's refusal of a query that is too long", async () => {
    const { user } = await withAction();
    byTestId("search-input").focus();
    await user.paste("x".repeat(201));
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Search: is too long (at most 200 characters). Use fewer words.",
    );
  });
});
