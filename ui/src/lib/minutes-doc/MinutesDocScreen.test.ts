import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, meetingInProgress, openMeeting, ordinary, type TestBackend } from "../test-support";

async function openMinutesDoc(backend: TestBackend, meetingId: number) {
  const rendered = await openMeeting(backend, meetingId);
  await rendered.user.click(byTestId("meeting-minutes-doc"));
  await screen.findByTestId("minutes-document");
  await waitFor(() => expect(byTestId("minutes-doc-heading")).toHaveFocus());
  return rendered;
}

/** A meeting in progress with notes and three disclosures under "Case reviews". */
async function recorded() {
  const m = await meetingInProgress();
  const { backend, seed, reviewsId } = m;
  await backend.direct("agenda_item_notes_save", {
    id: reviewsId,
    summary: "Damage continues at weekends.",
    decisions: "Joint visit by police and council.",
  });
  await backend.direct("disclosure_add", ordinary(seed, reviewsId));
  await backend.direct("disclosure_add", {
    ...ordinary(seed, reviewsId, { text: "Two written tenancy warnings were given in September." }),
    person_id: seed.officer.id,
    minuting: "summary",
    minute_summary: "The council holds tenancy warnings for the address.",
  });
  await backend.direct("disclosure_add", {
    ...ordinary(seed, reviewsId, { text: "A third warning is being drafted." }),
    person_id: seed.officer.id,
    minuting: "not_minuted",
  });
  return m;
}

describe("the minutes page", () => {
  it("shows the draft as assembled by Rust, each disclosure as it may be minuted", async () => {
    const { backend, meetingId } = await recorded();
    await openMinutesDoc(backend, meetingId);
    expect(byTestId("minutes-doc-state")).toHaveTextContent("Draft: not approved yet.");
    const doc = byTestId("minutes-document");
    expect(within(doc).getAllByTestId("minutes-present").map((r) => r.textContent)).toEqual([
      expect.stringContaining("Tomasz Brennan"),
      expect.stringContaining("Priya Okonkwo-Hale"),
    ]);
    const item = screen.getAllByTestId("minutes-document-item").find((i) => i.textContent?.includes("Case reviews"))!;
    expect(item).toHaveTextContent("Damage continues at weekends.");
    expect(item).toHaveTextContent("Joint visit by police and council.");
    const shown = within(item).getAllByTestId("minutes-document-disclosure");
    expect(shown.map((d) => d.dataset.minuted)).toEqual(["full", "summary", "not_minuted"]);
    expect(shown[1]).toHaveTextContent("The council holds tenancy warnings for the address.");
    // What may not be minuted is not on the page at all.
    expect(doc.textContent).not.toContain("Two written tenancy warnings");
    expect(doc.textContent).not.toContain("A third warning");
    expect(byTestId("minutes-document-notice")).toHaveTextContent("third party");
    expect(byTestId("minutes-minimum")).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
    expect(byTestId("minutes-document-marking")).toHaveTextContent("OFFICIAL-SENSITIVE PERSONAL DATA");
  });

  it("approves at a marking no lower than Rust's minimum, then a correction with its reason", async () => {
    const { backend, meetingId, reviewsId } = await recorded();
    const { user } = await openMinutesDoc(backend, meetingId);
    // Not before the meeting is held: Rust says so.
    await user.click(byTestId("minutes-approve-submit"));
    expect(await screen.findByTestId("minutes-approve-error")).toHaveTextContent(
      /^Minutes are approved once the meeting is held\./,
    );
    await backend.direct("meeting_set_status", { id: meetingId, status: "held" });
    // Never lower than the minimum: Rust names what requires it.
    await user.selectOptions(byTestId("minutes-marking"), "OFFICIAL");
    await user.click(byTestId("minutes-approve-submit"));
    await waitFor(() =>
      expect(byTestId("minutes-approve-error")).toHaveTextContent(/^Marking: cannot be OFFICIAL because .* is marked OFFICIAL-SENSITIVE\./),
    );
    await user.selectOptions(byTestId("minutes-marking"), "OFFICIAL-SENSITIVE");
    await user.click(byTestId("minutes-recipients-only"));
    await user.click(byTestId("minutes-approve-submit"));
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent(
        "Version 1 is approved, marked OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA.",
      ),
    );
    expect(byTestId("minutes-doc-state")).toHaveTextContent("Version 1 approved");
    expect(byData("minutes-version", "version", 1)).toHaveTextContent("OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA");
    expect(backend.callsOf("minutes_approve").at(-1)).toEqual({
      meeting_id: meetingId,
      marking: "OFFICIAL-SENSITIVE",
      recipients_only: true,
      reason: null,
    });

    // The records change after approval: the page says what changed.
    await backend.direct("agenda_item_notes_save", {
      id: reviewsId,
      summary: "Damage continues at weekends and on market days.",
      decisions: "Joint visit by police and council.",
    });
    await user.click(byTestId("minutes-doc-back"));
    await screen.findByTestId("agenda-panel");
    await user.click(byTestId("meeting-minutes-doc"));
    const changed = await screen.findByTestId("minutes-changed");
    expect(changed).toHaveTextContent("Summary: Damage continues at weekends.");
    expect(changed).toHaveTextContent("Summary: Damage continues at weekends and on market days.");
    expect(byTestId("minutes-doc-state")).toHaveTextContent("the records have changed since");
    // A correction needs a reason (Rust's words), then it is version 2.
    await user.click(byTestId("minutes-approve-submit"));
    expect(await screen.findByTestId("minutes-approve-error")).toHaveTextContent(/^Reason for the correction:/);
    await user.type(byTestId("minutes-reason"), "Market days added at the chair's request.");
    await user.click(byTestId("minutes-approve-submit"));
    await waitFor(() => expect(screen.getAllByTestId("minutes-version")).toHaveLength(2));
    expect(byData("minutes-version", "version", 2)).toHaveTextContent("Market days added at the chair's request.");

    // Version 2 shows as approved, with what changed from version 1.
    await user.click(within(byData("minutes-version", "version", 2)).getByTestId("minutes-version-show"));
    const shown = await screen.findByTestId("minutes-shown");
    expect(shown).toHaveAttribute("data-version", "2");
    expect(within(shown).getByTestId("minutes-changes")).toHaveTextContent("Damage continues at weekends and on market days.");
    expect(within(shown).getByTestId("minutes-version-document")).toHaveTextContent("on market days");
    // Version 1 is as it was approved.
    await user.click(within(byData("minutes-version", "version", 1)).getByTestId("minutes-version-show"));
    await waitFor(() => expect(byTestId("minutes-shown")).toHaveAttribute("data-version", "1"));
    expect(byTestId("minutes-version-document")).not.toHaveTextContent("on market days");
  });
});
