import { describe, expect, it } from "vitest";
import { tick } from "svelte";
import { screen, waitFor, within } from "@testing-library/svelte";
import type { DisclosureInput } from "../bindings";
import {
  byData,
  byTestId,
  meetingInProgress,
  ordinary,
  CASE_REF,
  openMinutes,
  TEST_TODAY,
  type TestBackend,
} from "../test-support";

/** Opens the minute-taking view at "Case reviews", once everything has loaded. */
async function openAtReviews(backend: TestBackend, meetingId: number) {
  const rendered = await openMinutes(backend, meetingId);
  const reviews = screen.getAllByTestId("minutes-rail-item").find((b) => b.getAttribute("title") === "Case reviews")!;
  await rendered.user.click(reviews);
  await waitFor(() => expect(byTestId("minutes-item-title")).toHaveTextContent("Case reviews"));
  await tick();
  return rendered;
}

/** The findings shown beside the field whose element id is `disclosure-{id}`. */
function findingsBeside(id: string): HTMLElement[] {
  const box = document.getElementById(`disclosure-add-${id}-findings`);
  if (!box) throw new Error(`no findings beside ${id}`);
  return within(box).queryAllByTestId("disclosure-finding");
}

/** The person, category, power and purpose, as a minute-taker picks them. */
async function choose(
  user: Awaited<ReturnType<typeof openAtReviews>>["user"],
  personId: number,
  category: string,
) {
  await user.selectOptions(byTestId("disclosure-add-person"), String(personId));
  await user.selectOptions(byTestId("disclosure-add-category"), category);
  await user.selectOptions(byTestId("disclosure-add-legal-power"), "cda_1998_s115");
  await user.selectOptions(byTestId("disclosure-add-purpose"), "crime_and_disorder");
}

describe("recording a disclosure", () => {
  it("blocks a caution 13 months old beside its date, then records a recent one once the spent-caution warning is accepted", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    // The item's case reference and a fact, to begin with.
    expect(byTestId("disclosure-add-case-ref")).toHaveValue(CASE_REF);
    expect(byTestId("disclosure-add-nature-fact")).toBeChecked();
    expect(byTestId("disclosure-add-save")).toBeDisabled();

    await choose(user, seed.sergeant.id, "police_caution");
    // The category's own fields appear as it is chosen.
    expect(byTestId("disclosure-add-details")).toHaveAttribute("data-category", "police_caution");
    await user.selectOptions(byTestId("disclosure-add-caution-kind"), "simple");
    await user.type(byTestId("disclosure-add-caution-given-on"), "25/10/2025");
    await user.type(byTestId("disclosure-add-text"), "Cautioned for criminal damage at the shop on Tanner's Row.");

    await waitFor(() => expect(findingsBeside("caution-given-on").map((f) => f.dataset.rule)).toContain("R1"));
    const r1 = findingsBeside("caution-given-on").find((f) => f.dataset.rule === "R1")!;
    expect(r1).toHaveAttribute("data-level", "blocked");
    expect(r1).toHaveAttribute("data-field", "caution.given_on");
    expect(byTestId("disclosure-add-caution-given-on").getAttribute("aria-describedby")).toContain(
      "disclosure-add-caution-given-on-findings",
    );
    expect(byTestId("disclosure-add-save")).toBeDisabled();
    // Enter does not save: it takes the minute-taker to what stops it.
    await user.keyboard("{Enter}");
    await waitFor(() => expect(byTestId("disclosure-add-caution-given-on")).toHaveFocus());
    expect(backend.callsOf("disclosure_add")).toEqual([]);
    // Rust's words, as sent.
    const check = await backend.direct("disclosure_check", {
      id: null,
      disclosure: {
        ...ordinary(seed, reviewsId, {
          category: "police_caution",
          caution: { kind: "simple", given_on: "2025-10-25" },
          text: "Cautioned for criminal damage at the shop on Tanner's Row.",
        }),
      },
    });
    expect(r1).toHaveTextContent(check.findings.find((f) => f.rule === "R1")!.message);

    // A caution in March: no longer blocked; a simple caution is spent at once, so a warning to accept.
    await user.clear(byTestId("disclosure-add-caution-given-on"));
    await user.type(byTestId("disclosure-add-caution-given-on"), "01/03/2026");
    await waitFor(() => expect(findingsBeside("caution-given-on").map((f) => f.dataset.rule)).not.toContain("R1"));
    const warning = await waitFor(() => {
      const w = screen.getAllByTestId("disclosure-finding").find((f) => f.dataset.rule === "R5");
      expect(w).toBeDefined();
      return w!;
    });
    expect(warning).toHaveAttribute("data-level", "warning");
    expect(byTestId("disclosure-add-save")).toBeDisabled();
    await user.click(within(warning).getByTestId("disclosure-accept"));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.click(byTestId("disclosure-add-text"));
    await user.keyboard("{Enter}");

    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
    const added = backend.callsOf("disclosure_add") as DisclosureInput[];
    expect(added).toHaveLength(1);
    expect(added[0]!.accepted).toEqual(["R5"]);
    expect(added[0]!.draft.caution).toEqual({ kind: "simple", given_on: "2026-03-01" });
    expect(added[0]!.draft.harassment_warning).toBeNull();
    const card = byTestId("disclosure");
    expect(within(card).getByTestId("disclosure-acceptance")).toHaveAttribute("data-rule", "R5");
    expect(within(card).getByTestId("disclosure-marking")).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
    // Ready for the next one: the same person, power and purpose; a new category.
    await waitFor(() => expect(byTestId("disclosure-add-person")).toHaveFocus());
    expect(byTestId("disclosure-add-person")).toHaveValue(String(seed.sergeant.id));
    expect(byTestId("disclosure-add-category")).toHaveValue("");
    expect(byTestId("disclosure-add-legal-power")).toHaveValue("cda_1998_s115");
    expect(byTestId("disclosure-add-text")).toHaveValue("");
    expect(byTestId("minutes-disclosures-announcement")).toHaveTextContent("Recorded: police caution from Priya Okonkwo-Hale.");
  });

  it("blocks an opinion from the police beside Fact or opinion", async () => {
    const { backend, seed, meetingId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.sergeant.id, "intelligence");
    await user.type(byTestId("disclosure-add-text"), "Officers believe the damage is linked to a dispute over a debt.");
    await user.click(byTestId("disclosure-add-nature-opinion"));
    await waitFor(() => expect(findingsBeside("nature-fact").map((f) => f.dataset.rule)).toEqual(["R4"]));
    expect(findingsBeside("nature-fact")[0]).toHaveAttribute("data-level", "blocked");
    expect(byTestId("disclosure-add-save")).toBeDisabled();
    expect(byTestId("disclosure-add-state")).toHaveTextContent("Not yet: 1 to change.");

    // The same opinion from the council is not the police's: it can be recorded.
    await user.selectOptions(byTestId("disclosure-add-person"), String(seed.officer.id));
    await waitFor(() => expect(findingsBeside("nature-fact")).toHaveLength(0));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.click(byTestId("disclosure-add-save"));
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
  });

  it("is stopped by someone present who has not signed, until the chair marks them out of the room for the item", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress({ unsignedPrevention: true });
    const { user } = await openAtReviews(backend, meetingId);
    expect(byData("minutes-present-person", "person-id", seed.prevention.id)).toHaveAttribute("data-register", "unsigned");
    await choose(user, seed.sergeant.id, "incident");
    await user.type(byTestId("disclosure-add-text"), "Two reports of criminal damage at the shop in October.");
    // About the room, not the discloser: above the form, full width.
    await waitFor(() => expect(findingsBeside("general").map((f) => f.dataset.rule)).toContain("R9"));
    expect(findingsBeside("person")).toHaveLength(0);
    const r9 = findingsBeside("general").find((f) => f.dataset.rule === "R9")!;
    expect(r9).toHaveAttribute("data-field", "attendance");
    expect(r9).toHaveTextContent("Ada Quill");
    expect(byTestId("disclosure-add-save")).toBeDisabled();

    await user.click(
      within(byData("minutes-present-person", "person-id", seed.prevention.id)).getByTestId("minutes-out-of-room"),
    );
    await waitFor(() =>
      expect(byData("minutes-present-person", "person-id", seed.prevention.id)).toHaveAttribute("data-out-of-room", "true"),
    );
    expect(backend.callsOf("out_of_room_set")).toEqual([{ item_id: reviewsId, person_id: seed.prevention.id, out: true }]);
    // The form is checked again on the records as they now stand.
    await waitFor(() => expect(findingsBeside("general")).toHaveLength(0));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.click(byTestId("disclosure-add-save"));
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));

    // Back in the room: stopped again.
    await user.click(
      within(byData("minutes-present-person", "person-id", seed.prevention.id)).getByTestId("minutes-out-of-room"),
    );
    await user.selectOptions(byTestId("disclosure-add-category"), "incident");
    await user.type(byTestId("disclosure-add-text"), "A third report on 2 November.");
    await waitFor(() => expect(findingsBeside("general").map((f) => f.dataset.rule)).toContain("R9"));
  });

  it("warns where the text names the case's subject, and records the disclosure once the warning is accepted", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.officer.id, "housing_or_tenancy");
    await user.type(byTestId("disclosure-add-text"), "Jordan Pike has been served notice seeking possession.");
    await waitFor(() => expect(findingsBeside("text").map((f) => f.dataset.rule)).toEqual(["R7"]));
    const r7 = findingsBeside("text")[0]!;
    expect(r7).toHaveAttribute("data-level", "warning");
    expect(byTestId("disclosure-add-save")).toBeDisabled();
    expect(byTestId("disclosure-add-state")).toHaveTextContent("Not yet: 1 warning to accept.");
    await user.click(within(r7).getByTestId("disclosure-accept"));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    expect(byTestId("disclosure-add-state")).toHaveTextContent("Ready to record.");
    await user.click(byTestId("disclosure-add-save"));
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
    expect((backend.callsOf("disclosure_add") as DisclosureInput[]).map((d) => d.accepted)).toEqual([["R7"]]);
    const stored = await backend.direct("disclosures_list", { meeting_id: null, item_id: reviewsId, case_id: null });
    expect(stored.map((d) => d.acceptances.map((a) => a.rule))).toEqual([["R7"]]);
    expect(within(byTestId("disclosure")).getByTestId("disclosure-acceptance")).toHaveTextContent(
      stored[0]!.acceptances[0]!.message,
    );
  });

  it("warns beside the summary for the minutes where it names the case's subject, and one tick accepts R7 there and on the text", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.officer.id, "housing_or_tenancy");
    await user.type(byTestId("disclosure-add-text"), "Notice seeking possession has been served.");
    await user.click(byTestId("disclosure-add-minuting-summary"));
    await user.type(byTestId("disclosure-add-summary"), "Jordan Pike has been served notice.");
    await waitFor(() => expect(findingsBeside("summary").map((f) => f.dataset.rule)).toEqual(["R7"]));
    expect(findingsBeside("summary")[0]).toHaveAttribute("data-field", "minute_summary");
    expect(findingsBeside("summary")[0]).toHaveAttribute("data-level", "warning");
    expect(findingsBeside("text")).toHaveLength(0);
    expect(screen.queryAllByTestId("disclosure-finding")).toHaveLength(1);
    await user.type(byTestId("disclosure-add-text"), " Pike was told in person.");
    await waitFor(() => expect(findingsBeside("text").map((f) => f.dataset.rule)).toEqual(["R7"]));
    expect(byTestId("disclosure-add-state")).toHaveTextContent("Not yet: 2 warnings to accept.");
    await user.click(within(findingsBeside("summary")[0]!).getByTestId("disclosure-accept"));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    for (const id of ["text", "summary"]) {
      expect(within(findingsBeside(id)[0]!).getByTestId("disclosure-accept")).toBeChecked();
    }
    await user.click(byTestId("disclosure-add-save"));
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
    expect((backend.callsOf("disclosure_add") as DisclosureInput[]).map((d) => d.accepted)).toEqual([["R7"]]);
    const stored = await backend.direct("disclosures_list", { meeting_id: null, item_id: reviewsId, case_id: null });
    expect(stored[0]!.minute_summary).toBe("Jordan Pike has been served notice.");
    expect(stored[0]!.acceptances.map((a) => a.rule)).toEqual(["R7"]);
    expect(stored[0]!.acceptances[0]!.message).toContain("The summary for the minutes names the case's subject");
  });

  it("drops the tick of a warning that no longer applies", async () => {
    const { backend, seed, meetingId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.officer.id, "housing_or_tenancy");
    await user.type(byTestId("disclosure-add-text"), "Jordan Pike has rent arrears.");
    const r7 = await waitFor(() => {
      const [f] = findingsBeside("text");
      expect(f).toBeDefined();
      return f!;
    });
    await user.click(within(r7).getByTestId("disclosure-accept"));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.clear(byTestId("disclosure-add-text"));
    await user.type(byTestId("disclosure-add-text"), `${CASE_REF} has rent arrears.`);
    await waitFor(() => expect(findingsBeside("text")).toHaveLength(0));
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.click(byTestId("disclosure-add-save"));
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
    expect((backend.callsOf("disclosure_add") as DisclosureInput[])[0]!.accepted).toEqual([]);
  });

  it("shows the conviction's own fields, and Rust's words for what they lack", async () => {
    const { backend, seed, meetingId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.sergeant.id, "conviction");
    expect(byTestId("disclosure-add-details")).toHaveAttribute("data-category", "conviction");
    await user.type(byTestId("disclosure-add-conviction-offence"), "Criminal damage");
    await user.type(byTestId("disclosure-add-conviction-convicted-on"), "01/03/2025");
    await user.selectOptions(byTestId("disclosure-add-conviction-sentence"), "custody");
    await user.type(byTestId("disclosure-add-text"), "Convicted of criminal damage at the same shop.");
    // Custody needs its length: Rust says so beside a field of the conviction.
    await waitFor(() =>
      expect(
        screen.getAllByTestId("disclosure-finding").some((f) => f.dataset.field?.startsWith("conviction") && f.dataset.level === "blocked"),
      ).toBe(true),
    );
    expect(byTestId("disclosure-add-save")).toBeDisabled();
    // A length that is not a number cannot be sent: the form says so.
    await user.type(byTestId("disclosure-add-conviction-months"), "six");
    expect(byTestId("disclosure-add-conviction-months-wrong")).toHaveTextContent("Length in months: type a whole number");
    await user.clear(byTestId("disclosure-add-conviction-months"));
    await user.type(byTestId("disclosure-add-conviction-months"), "24");
    await user.type(byTestId("disclosure-add-conviction-ends-on"), "28/02/2027");
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.click(byTestId("disclosure-add-save"));
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
    const [sent] = backend.callsOf("disclosure_add") as DisclosureInput[];
    expect(sent!.draft.conviction).toEqual({
      offence: "Criminal damage",
      convicted_on: "2025-03-01",
      sentence: "custody",
      sentence_months: 24,
      sentence_ends_on: "2027-02-28",
      under_18: false,
      never_spent: false,
    });
    expect(sent!.draft.caution).toBeNull();
  });

  it("shows Rust's refusal when the meeting is not in progress, and marks it in progress from the view", async () => {
    const { backend, seed, meetingId } = await meetingInProgress();
    await backend.direct("meeting_set_status", { id: meetingId, status: "planned" });
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.sergeant.id, "incident");
    expect(await screen.findByTestId("disclosure-add-check-error")).toHaveTextContent(
      "Disclosures are recorded at a meeting in progress or held.",
    );
    await user.click(byTestId("minutes-start"));
    await waitFor(() => expect(byTestId("minutes-meeting-status")).toHaveTextContent("In progress"));
    await waitFor(() => expect(screen.queryByTestId("disclosure-add-check-error")).toBeNull());
    await user.type(byTestId("disclosure-add-text"), "Two reports of criminal damage in October.");
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
  });
});

describe("the item's disclosures", () => {
  it("withdraws one with a reason (Rust refuses none), and shows it struck through with its inaccuracy notice", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const first = await backend.direct("disclosure_add", ordinary(seed, reviewsId));
    await backend.direct("inaccuracy_add", {
      disclosure_id: first.id,
      notice: {
        what_is_wrong: "The second report was in September, not October.",
        found_on: TEST_TODAY,
        notified_on: null,
        notified_to: null,
      },
    });
    const { user } = await openAtReviews(backend, meetingId);
    const card = () => byData("disclosure", "disclosure-id", first.id);
    expect(within(card()).getByTestId("disclosure-inaccuracy")).toHaveTextContent(
      "The second report was in September, not October.",
    );
    expect(within(card()).getByTestId("disclosure-text")).toHaveTextContent("Two reports of criminal damage");

    await user.click(within(card()).getByTestId("disclosure-withdraw"));
    expect(byTestId("disclosure-withdraw-reason")).toHaveFocus();
    await user.click(byTestId("disclosure-withdraw-save"));
    const refusal = await screen.findByTestId("disclosure-withdraw-error");
    expect(refusal.textContent).toMatch(/^Reason for withdrawing/);
    await user.type(byTestId("disclosure-withdraw-reason"), "Recorded under the wrong item");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(card()).toHaveAttribute("data-withdrawn", "true"));
    expect(within(card()).getByTestId("disclosure-withdrawn")).toHaveTextContent("Recorded under the wrong item");
    expect(within(card()).queryByTestId("disclosure-withdraw")).toBeNull();
    expect(backend.callsOf("disclosure_withdraw")).toEqual([
      { id: first.id, reason: "" },
      { id: first.id, reason: "Recorded under the wrong item" },
    ]);
    // The rail counts only what stands.
    expect(screen.getAllByTestId("minutes-rail-item").find((b) => b.getAttribute("title") === "Case reviews")).not.toHaveTextContent(/\d$/);
  });

  it("records that a disclosure was found inaccurate, and shows the notice on it", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const first = await backend.direct("disclosure_add", ordinary(seed, reviewsId));
    const { user } = await openAtReviews(backend, meetingId);
    const card = () => byData("disclosure", "disclosure-id", first.id);
    await user.click(within(card()).getByTestId("disclosure-notice"));
    expect(byTestId("disclosure-notice-what")).toHaveFocus();
    await user.click(byTestId("disclosure-notice-save"));
    const refusal = await screen.findByTestId("disclosure-notice-error");
    expect(refusal.textContent).toMatch(/^What is wrong/);
    await user.type(byTestId("disclosure-notice-what"), "The second report was in September.");
    await user.type(byTestId("disclosure-notice-found"), "25/11/2026");
    await user.type(byTestId("disclosure-notice-notified"), "25/11/2026");
    await user.type(byTestId("disclosure-notice-to"), "Police data protection officer");
    await user.click(byTestId("disclosure-notice-save"));
    await waitFor(() => expect(within(card()).getByTestId("disclosure-inaccuracy")).toBeInTheDocument());
    expect(within(card()).getByTestId("disclosure-inaccuracy")).toHaveTextContent(
      "The second report was in September. — notified to Police data protection officer on 25 Nov 2026.",
    );
    await waitFor(() => expect(within(card()).getByTestId("disclosure-notice")).toHaveFocus());
    expect(backend.callsOf("inaccuracy_add").at(-1)).toEqual({
      disclosure_id: first.id,
      notice: {
        what_is_wrong: "The second report was in September.",
        found_on: "2026-11-25",
        notified_on: "2026-11-25",
        notified_to: "Police data protection officer",
      },
    });
  });

  it("records later when the supplying agency was told of an inaccuracy", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const first = await backend.direct("disclosure_add", ordinary(seed, reviewsId));
    const noted = await backend.direct("inaccuracy_add", {
      disclosure_id: first.id,
      notice: { what_is_wrong: "The second report was in September.", found_on: "2026-11-25", notified_on: null, notified_to: null },
    });
    const noticeId = noted.notices[0]!.id;
    const { user } = await openAtReviews(backend, meetingId);
    const notice = () => within(byData("disclosure", "disclosure-id", first.id)).getByTestId("disclosure-inaccuracy");
    expect(notice()).toHaveTextContent("the supplying agency is not notified yet.");
    await user.click(within(notice()).getByRole("button", { name: "Record when the supplying agency was told" }));
    // The form opens with the notice as recorded.
    expect(byTestId("disclosure-notice-what")).toHaveValue("The second report was in September.");
    expect(byTestId("disclosure-notice-found")).toHaveValue("25/11/2026");
    // Rust's rule: the date told needs whom (its message names the field as labelled).
    await user.type(byTestId("disclosure-notice-notified"), "25/11/2026");
    await user.click(byTestId("disclosure-notice-save"));
    expect(await screen.findByTestId("disclosure-notice-error")).toHaveTextContent(/^Notified to: must be given with the date/);
    await user.type(byTestId("disclosure-notice-to"), "Police data protection officer");
    await user.click(byTestId("disclosure-notice-save"));
    await waitFor(() =>
      expect(notice()).toHaveTextContent(
        "The second report was in September. — notified to Police data protection officer on 25 Nov 2026.",
      ),
    );
    await waitFor(() => expect(within(notice()).getByTestId("disclosure-inaccuracy-change")).toHaveFocus());
    expect(backend.callsOf("inaccuracy_add")).toHaveLength(0);
    expect(backend.callsOf("inaccuracy_update").at(-1)).toEqual({
      id: noticeId,
      notice: {
        what_is_wrong: "The second report was in September.",
        found_on: "2026-11-25",
        notified_on: "2026-11-25",
        notified_to: "Police data protection officer",
      },
    });
    expect((await backend.direct("case_get", { id: first.case_id ?? 0 })).disclosures[0]!.notices).toHaveLength(1);
  });

  it("changes a disclosure with the same form", async () => {
    const { backend, seed, meetingId, reviewsId } = await meetingInProgress();
    const first = await backend.direct("disclosure_add", ordinary(seed, reviewsId));
    const { user } = await openAtReviews(backend, meetingId);
    await user.click(within(byData("disclosure", "disclosure-id", first.id)).getByTestId("disclosure-change"));
    expect(byTestId("disclosure-edit-text")).toHaveValue(first.draft.text);
    await user.clear(byTestId("disclosure-edit-text"));
    await user.type(byTestId("disclosure-edit-text"), "Three reports of criminal damage at the shop in October.");
    await waitFor(() => expect(byTestId("disclosure-edit-save")).toBeEnabled());
    await user.click(byTestId("disclosure-edit-save"));
    await waitFor(() => expect(screen.queryByTestId("disclosure-edit-form")).toBeNull());
    expect(within(byData("disclosure", "disclosure-id", first.id)).getByTestId("disclosure-text")).toHaveTextContent(
      "Three reports",
    );
    expect(backend.callsOf("disclosure_update")).toHaveLength(1);
  });
});

describe("the item's notes", () => {
  it("saves the discussion summary and decisions as they are typed, and on leaving the item", async () => {
    const { backend, meetingId, reviewsId, agenda } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await user.type(byTestId("minutes-notes-summary"), "Reports continue; the shop has new CCTV.");
    await waitFor(() => expect(byTestId("minutes-notes-state")).toHaveTextContent("Saved"));
    expect(backend.callsOf("agenda_item_notes_save").at(-1)).toEqual({
      id: reviewsId,
      summary: "Reports continue; the shop has new CCTV.",
      decisions: "",
    });
    // Typing then leaving at once: saved on the way out.
    await user.type(byTestId("minutes-notes-decisions"), "Review in January");
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() => expect(byTestId("minutes-item-title")).toHaveTextContent("Hotspot locations"));
    await waitFor(() =>
      expect(backend.callsOf("agenda_item_notes_save").at(-1)).toEqual({
        id: reviewsId,
        summary: "Reports continue; the shop has new CCTV.",
        decisions: "Review in January",
      }),
    );
    // The next item's notes are its own.
    expect(byTestId("minutes-notes-summary")).toHaveValue("");
    const hotspots = agenda.find((i) => i.title === "Hotspot locations")!;
    await user.type(byTestId("minutes-notes-summary"), "None new.");
    await waitFor(() => expect(byTestId("minutes-notes-state")).toHaveTextContent("Saved"));
    expect(backend.callsOf("agenda_item_notes_save").at(-1)).toMatchObject({ id: hotspots.id });
    const minutes = await backend.direct("minute_taking_get", { id: meetingId });
    expect(minutes.items.find((i) => i.item.id === reviewsId)).toMatchObject({
      summary: "Reports continue; the shop has new CCTV.",
      decisions: "Review in January",
    });
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await waitFor(() => expect(byTestId("minutes-notes-decisions")).toHaveValue("Review in January"));
  });
});

describe("moving between items", () => {
  it("keeps a disclosure not yet recorded under its item, for when the minute-taker comes back", async () => {
    const { backend, seed, meetingId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await user.selectOptions(byTestId("disclosure-add-person"), String(seed.officer.id));
    await user.selectOptions(byTestId("disclosure-add-category"), "housing_or_tenancy");
    await user.type(byTestId("disclosure-add-text"), "Notice seeking possession served");
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() => expect(byTestId("minutes-item-title")).toHaveTextContent("Hotspot locations"));
    // Another item: a clean form (the person carries over only once something is recorded).
    expect(byTestId("disclosure-add-text")).toHaveValue("");
    expect(byTestId("disclosure-add-category")).toHaveValue("");
    await user.keyboard("{Alt>}{ArrowUp}{/Alt}");
    await waitFor(() => expect(byTestId("minutes-item-title")).toHaveTextContent("Case reviews"));
    expect(byTestId("disclosure-add-text")).toHaveValue("Notice seeking possession served");
    expect(byTestId("disclosure-add-category")).toHaveValue("housing_or_tenancy");
    expect(byTestId("disclosure-add-person")).toHaveValue(String(seed.officer.id));
  });

  it("records an ordinary disclosure from the keyboard: Enter in the text saves, and the next starts with the same person and basis", async () => {
    const { backend, seed, meetingId } = await meetingInProgress();
    const { user } = await openAtReviews(backend, meetingId);
    await choose(user, seed.sergeant.id, "incident");
    await user.click(byTestId("disclosure-add-text"));
    await user.keyboard("Two reports of criminal damage in October.");
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    // Shift+Enter is a new line; Enter saves.
    await user.keyboard("{Shift>}{Enter}{/Shift}Both at night.");
    expect(byTestId("disclosure-add-text")).toHaveValue("Two reports of criminal damage in October.\nBoth at night.");
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(1));
    await waitFor(() => expect(byTestId("disclosure-add-person")).toHaveFocus());
    // The second: category and text only, then Ctrl+Enter from the category.
    await user.selectOptions(byTestId("disclosure-add-category"), "intelligence");
    await user.type(byTestId("disclosure-add-text"), "The shop's owner has had threatening calls.");
    byTestId("disclosure-add-category").focus();
    await waitFor(() => expect(byTestId("disclosure-add-save")).toBeEnabled());
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() => expect(screen.getAllByTestId("disclosure")).toHaveLength(2));
    const sent = backend.callsOf("disclosure_add") as DisclosureInput[];
    expect(sent.map((d) => [d.person_id, d.draft.category, d.draft.legal_power, d.draft.statutory_purpose])).toEqual([
      [seed.sergeant.id, "incident", "cda_1998_s115", "crime_and_disorder"],
      [seed.sergeant.id, "intelligence", "cda_1998_s115", "crime_and_disorder"],
    ]);
  });
});
