import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import {
  CASE_REF,
  byData,
  byTestId,
  caseInput,
  meetingInProgress,
  openMeeting,
  ordinary,
  planMeeting,
  renderApp,
  renderWithRecords,
  type TestBackend,
} from "../test-support";

async function openCases(backend: TestBackend) {
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-cases"));
  await screen.findByTestId("cases-table");
  return rendered;
}

function refsShown(): string[] {
  return screen.queryAllByTestId("case-row").map((r) => r.dataset.caseRef ?? "");
}

/**
 * The case NB-2026-014 with an item at two meetings (October, then today
 * in progress) and two disclosures at today's, one of them withdrawn.
 */
async function caseWithHistory() {
  const m = await meetingInProgress();
  const { backend, seed } = m;
  const october = await planMeeting(backend, seed, "2026-10-07");
  await backend.direct("agenda_item_add", {
    meeting_id: october.meeting.id,
    item: {
      kind: "case_review",
      title: "Repeat anti-social behaviour",
      case_ref: CASE_REF,
      presenting_agency_id: null,
      marking: "OFFICIAL-SENSITIVE",
      descriptor: "PERSONAL DATA",
    },
  });
  const first = await backend.direct("disclosure_add", ordinary(seed, m.reviewsId));
  const second = await backend.direct(
    "disclosure_add",
    ordinary(seed, m.reviewsId, { text: "A third report of damage, to the bus shelter, on 20 November." }),
  );
  await backend.direct("disclosure_withdraw", { id: first.id, reason: "Recorded against the wrong case." });
  const { id: caseId } = (await backend.direct("cases_list", { kind: null, text: CASE_REF, limit: null }))[0]!;
  return { ...m, october, first, second, caseId };
}

async function openCase(backend: TestBackend, caseId: number) {
  const rendered = await openCases(backend);
  await rendered.user.click(within(byData("case-row", "case-id", caseId)).getByTestId("case-open"));
  await screen.findByTestId("case-items");
  await waitFor(() => expect(byTestId("case-heading")).toHaveFocus());
  return rendered;
}

describe("the cases list", () => {
  it("records a case with its personal details apart, then lists it without them", async () => {
    const { backend } = await renderWithRecords();
    const { user } = await openCases(backend);
    expect(byTestId("cases-empty")).toHaveTextContent("No cases yet.");
    await user.type(byTestId("case-add-ref"), "nb-2026-014");
    await user.type(byTestId("case-add-label"), "Adult male, Tanner's Row");
    await user.type(byTestId("case-add-name"), "Corwin Ashdale");
    await user.type(byTestId("case-add-aliases"), "Corrie{Enter}C. Ashdale");
    await user.type(byTestId("case-add-dob"), "14/03/1990");
    await user.click(byTestId("case-add-submit"));
    // Recorded: its page opens, reference in capitals, details hidden.
    await screen.findByTestId("case-heading");
    expect(byTestId("case-ref")).toHaveTextContent("NB-2026-014");
    expect(byTestId("case-heading")).toHaveTextContent("Adult male, Tanner's Row");
    expect(byTestId("case-personal-marking")).toHaveTextContent("PERSONAL DATA");
    expect(screen.queryByText(/Ashdale/)).toBeNull();
    await user.click(byTestId("case-personal-toggle"));
    expect(byTestId("case-personal-details")).toHaveTextContent("Corwin Ashdale");
    expect(byTestId("case-personal-details")).toHaveTextContent("Corrie; C. Ashdale");
    expect(byTestId("case-personal-details")).toHaveTextContent("14 Mar 1990");
    expect(byTestId("case-items-none")).toHaveTextContent("No agenda item carries NB-2026-014 yet.");

    await user.click(byTestId("case-back"));
    await screen.findByTestId("cases-table");
    const row = byData("case-row", "case-ref", "NB-2026-014");
    expect(row).toHaveTextContent("Adult male, Tanner's Row");
    expect(row).toHaveTextContent("PERSONAL DATA");
    expect(row).toHaveTextContent("Not yet");
    expect(screen.queryByText(/Ashdale/)).toBeNull();
    expect(backend.callsOf("cases_list").length).toBeGreaterThan(0);
  });

  it("keeps what was typed and shows Rust's refusal", async () => {
    const { backend } = await renderWithRecords();
    await backend.direct("case_add", caseInput({ case_ref: "NB-2026-014", kind: "individual", label: "Adult male" }));
    const { user } = await openCases(backend);
    // A date of birth for a place.
    await user.type(byTestId("case-add-ref"), "NB-2026-038");
    await user.selectOptions(byTestId("case-add-kind"), "location");
    await user.type(byTestId("case-add-label"), "Tanner's Yard, communal areas");
    await user.type(byTestId("case-add-dob"), "14/03/1990");
    await user.click(byTestId("case-add-submit"));
    expect(await screen.findByTestId("case-add-error")).toHaveTextContent(
      "Date of birth: only applies to a case about an individual. Clear it, or change the kind to Individual.",
    );
    expect(byTestId("case-add-label")).toHaveValue("Tanner's Yard, communal areas");
    // A date that is not one is refused before it is sent.
    const sent = backend.callsOf("case_add").length;
    await user.clear(byTestId("case-add-dob"));
    await user.type(byTestId("case-add-dob"), "31/02/1990");
    await user.click(byTestId("case-add-submit"));
    await waitFor(() => expect(byTestId("case-add-error")).toHaveTextContent(/^Date of birth: write it as day\/month\/year/));
    expect(backend.callsOf("case_add")).toHaveLength(sent);
    // A reference already recorded.
    await user.clear(byTestId("case-add-dob"));
    await user.clear(byTestId("case-add-ref"));
    await user.type(byTestId("case-add-ref"), "nb-2026-014");
    await user.click(byTestId("case-add-submit"));
    await waitFor(() =>
      expect(byTestId("case-add-error")).toHaveTextContent(
        "A case with this reference is already recorded. Open that one, or use another reference.",
      ),
    );
    // The gender recognition flag asks for its date and source, and Rust
    // says when one is missing.
    await user.clear(byTestId("case-add-ref"));
    await user.type(byTestId("case-add-ref"), "NB-2026-040");
    await user.selectOptions(byTestId("case-add-kind"), "individual");
    expect(screen.queryByTestId("case-add-grc-date")).toBeNull();
    await user.click(byTestId("case-add-grc"));
    await user.type(byTestId("case-add-grc-date"), "01/11/2026");
    await user.click(byTestId("case-add-submit"));
    await waitFor(() => expect(byTestId("case-add-error")).toHaveTextContent(/^Source of the flag: must be given/));
    await user.type(byTestId("case-add-grc-source"), "Adult social care, by letter");
    await user.click(byTestId("case-add-submit"));
    await screen.findByTestId("case-heading");
    await user.click(byTestId("case-personal-toggle"));
    expect(byTestId("case-grc")).toHaveTextContent("recorded 1 Nov 2026, source: Adult social care, by letter");
  });

  it("filters by reference or label and by kind", async () => {
    const { backend } = await renderWithRecords();
    await backend.direct("case_add", caseInput({ case_ref: "NB-2026-014", kind: "individual", label: "Adult male, Tanner's Row" }));
    await backend.direct("case_add", caseInput({ case_ref: "NB-2026-038", kind: "location", label: "Tanner's Yard" }));
    await backend.direct("case_add", caseInput({ case_ref: "NB-2026-041", kind: "group", label: "Youths, Castle Walk" }));
    const { user } = await openCases(backend);
    expect(refsShown()).toEqual(["NB-2026-014", "NB-2026-038", "NB-2026-041"]);
    await user.type(byTestId("cases-filter-text"), "tanner");
    await waitFor(() => expect(refsShown()).toEqual(["NB-2026-014", "NB-2026-038"]));
    await user.selectOptions(byTestId("cases-filter-kind"), "location");
    await waitFor(() => expect(refsShown()).toEqual(["NB-2026-038"]));
    await user.selectOptions(byTestId("cases-filter-kind"), "group");
    await waitFor(() => expect(byTestId("cases-empty")).toHaveTextContent("No case matches."));
    expect(backend.callsOf("cases_list").at(-1)).toEqual({ kind: "group", text: "tanner", limit: null });
  });
});

describe("a case's page", () => {
  it("shows every item and disclosure about the case, newest first, and opens them", async () => {
    const { backend, caseId, meetingId, october, reviewsId, first, second } = await caseWithHistory();
    const { user } = await openCase(backend, caseId);
    const items = screen.getAllByTestId("case-item");
    expect(items.map((i) => i.dataset.meetingId)).toEqual([String(meetingId), String(october.meeting.id)]);
    expect(items[0]!).toHaveTextContent("Case reviews");
    expect(items[0]!).toHaveTextContent("In progress");
    expect(items[1]!).toHaveTextContent("Repeat anti-social behaviour");
    expect(items[1]!).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
    // Newest first; the withdrawn one stays, struck through, with its reason.
    const shown = screen.getAllByTestId("disclosure");
    expect(shown.map((d) => d.dataset.disclosureId)).toEqual([String(second.id), String(first.id)]);
    expect(shown[1]!).toHaveAttribute("data-withdrawn", "true");
    expect(within(shown[1]!).getByTestId("disclosure-withdrawn")).toHaveTextContent("Recorded against the wrong case.");
    expect(byData("case-disclosure", "disclosure-id", second.id)).toHaveTextContent("Wrekin Vale Tasking Group · item");
    // Its personal details stay hidden until asked for.
    expect(screen.queryByText(/Jordan Pike/)).toBeNull();
    await user.click(byTestId("case-personal-toggle"));
    expect(byTestId("case-personal-details")).toHaveTextContent("Jordan Pike");

    // A disclosure opens the minutes at its item.
    await user.click(within(byData("case-disclosure", "disclosure-id", second.id)).getByTestId("case-disclosure-open"));
    await screen.findByTestId("screen-minutes");
    await waitFor(() => expect(byTestId("minutes-item")).toHaveAttribute("data-item-id", String(reviewsId)));
    expect(byTestId("minutes-item-title")).toHaveTextContent("Case reviews");
  });

  it("records an inaccuracy notice and a withdrawal against a disclosure", async () => {
    const { backend, caseId, second } = await caseWithHistory();
    const { user } = await openCase(backend, caseId);
    const card = byData("disclosure", "disclosure-id", second.id);
    await user.click(within(card).getByTestId("disclosure-notice"));
    await user.type(within(card).getByTestId("disclosure-notice-what"), "The date was 21 November, not the 20th.");
    await user.type(within(card).getByTestId("disclosure-notice-found"), "25/11/2026");
    await user.click(within(card).getByTestId("disclosure-notice-save"));
    await waitFor(() =>
      expect(within(card).getByTestId("disclosure-inaccuracy")).toHaveTextContent("The date was 21 November, not the 20th."),
    );
    expect((await backend.direct("case_get", { id: caseId })).disclosures[0]!.notices).toHaveLength(1);
    await user.click(within(card).getByTestId("disclosure-withdraw"));
    await user.click(within(card).getByTestId("disclosure-withdraw-save"));
    expect(await within(card).findByTestId("disclosure-withdraw-error")).toHaveTextContent(/^Reason/);
    await user.type(within(card).getByTestId("disclosure-withdraw-reason"), "Duplicate of an earlier report.");
    await user.click(within(card).getByTestId("disclosure-withdraw-save"));
    await waitFor(() => expect(card).toHaveAttribute("data-withdrawn", "true"));
  });

  it("edits the case; a new reference takes its items with it", async () => {
    const { backend, caseId, meetingId } = await caseWithHistory();
    const { user } = await openCase(backend, caseId);
    await user.click(byTestId("case-edit"));
    expect(byTestId("case-edit-ref")).toHaveFocus();
    expect(byTestId("case-edit-name")).toHaveValue("Jordan Pike");
    await user.clear(byTestId("case-edit-ref"));
    await user.type(byTestId("case-edit-ref"), "NB-2026-099");
    await user.clear(byTestId("case-edit-label"));
    await user.type(byTestId("case-edit-label"), "Adult male, Tanner's Row (moved)");
    await user.click(byTestId("case-edit-submit"));
    await waitFor(() => expect(byTestId("case-ref")).toHaveTextContent("NB-2026-099"));
    expect(byTestId("case-heading")).toHaveTextContent("Adult male, Tanner's Row (moved)");
    expect(screen.getAllByTestId("case-item")).toHaveLength(2);
    expect(byTestId("case-edit")).toHaveFocus();
    // Escape leaves the form without saving.
    await user.click(byTestId("case-edit"));
    await user.type(byTestId("case-edit-label"), " and more");
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("case-edit-form")).toBeNull();
    expect(byTestId("case-heading")).toHaveTextContent(/\(moved\)$/);
    // The meeting's agenda carries the new reference, and opens the case.
    const page = await backend.direct("meeting_get", { id: meetingId });
    expect(page.agenda.find((i) => i.title === "Case reviews")?.case_ref).toBe("NB-2026-099");
  });

  it("opens from an agenda item's case reference on the meeting's page", async () => {
    const { backend, caseId, october } = await caseWithHistory();
    const { user } = await openMeeting(backend, october.meeting.id);
    const ref = screen.getAllByTestId("agenda-item-case-ref").find((r) => r.textContent === CASE_REF)!;
    expect(ref.tagName).toBe("BUTTON");
    await user.click(ref);
    expect(await screen.findByTestId("screen-case")).toHaveAttribute("data-case-id", String(caseId));
    expect(byTestId("nav-cases")).toHaveAttribute("aria-current", "page");
  });
});
