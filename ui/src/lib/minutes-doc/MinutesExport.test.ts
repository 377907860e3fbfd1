import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, meetingInProgress, openMeeting, TestBackend } from "../test-support";

// Exporting minutes as PDF from the minutes page. In the app Rust opens the
// native save dialog and writes the file; here the real backend writes into
// the test's export folder (`api --export-dir`), as if the chair had chosen
// it, and `cancelNextDialog` answers as the shell does on a cancel.

async function openMinutesDoc(backend: TestBackend, meetingId: number) {
  const rendered = await openMeeting(backend, meetingId);
  await rendered.user.click(byTestId("meeting-minutes-doc"));
  await screen.findByTestId("minutes-document");
  await waitFor(() => expect(byTestId("minutes-doc-heading")).toHaveFocus());
  return rendered;
}

/** The demo's held meetings, newest first: the latest a draft, the one before corrected as version 2. */
async function heldMeetings(backend: TestBackend): Promise<{ latest: number; corrected: number }> {
  const held = await backend.direct("meetings_list", { group_id: null, from: null, to: null, status: "held", limit: null });
  return { latest: held[0]!.id, corrected: held[1]!.id };
}

function exportedFiles(backend: TestBackend): string[] {
  return readdirSync(backend.exportDir!).sort();
}

function sha256Of(backend: TestBackend, name: string): string {
  return createHash("sha256").update(readFileSync(join(backend.exportDir!, name))).digest("hex");
}

describe("exporting the minutes as PDF", () => {
  it("writes an approved version and the draft, and names each file with its SHA-256", async () => {
    const backend = await TestBackend.start({ vault: "demo", exportDir: true });
    const { corrected } = await heldMeetings(backend);
    const { user } = await openMinutesDoc(backend, corrected);
    expect(screen.queryByTestId("minutes-export-done")).toBeNull();

    // Version 2, from its row in the versions table.
    const row = byData("minutes-version", "version", 2);
    const button = within(row).getByTestId("minutes-version-export");
    expect(button).toHaveAccessibleName("Export version 2 as PDF");
    await user.click(button);
    const done = await screen.findByTestId("minutes-export-done");
    expect(done).toHaveAttribute("data-version", "2");
    const name = byTestId("minutes-export-file").textContent!;
    expect(name).toMatch(/^Northbrook-Bronze-Tasking-Group_\d{4}-\d{2}-\d{2}_minutes_v2_OFFICIAL-SENSITIVE\.pdf$/);
    expect(done).toHaveTextContent(`Version 2 is saved as ${name}.`);
    expect(exportedFiles(backend)).toEqual([name]);
    expect(readFileSync(join(backend.exportDir!, name)).subarray(0, 5).toString()).toBe("%PDF-");
    expect(byTestId("minutes-export-sha256")).toHaveTextContent(sha256Of(backend, name));
    expect(backend.callsOf("minutes_export")).toEqual([{ meeting_id: corrected, version: 2 }]);
    expect(screen.queryByTestId("minutes-export-error")).toBeNull();

    // The draft, from the page's tools, said to be a draft.
    await user.click(byTestId("minutes-export-draft"));
    await waitFor(() => expect(byTestId("minutes-export-done")).toHaveAttribute("data-version", "draft"));
    const draft = byTestId("minutes-export-file").textContent!;
    expect(draft).toContain("_minutes_DRAFT_");
    expect(byTestId("minutes-export-done")).toHaveTextContent(
      `The draft, marked DRAFT on every page, is saved as ${draft}.`,
    );
    expect(byTestId("minutes-export-sha256")).toHaveTextContent(sha256Of(backend, draft));
    expect(backend.callsOf("minutes_export").at(-1)).toEqual({ meeting_id: corrected, version: null });

    // Version 2 again: the file is there, and Rust says so in its words;
    // the earlier confirmation goes.
    await user.click(within(byData("minutes-version", "version", 2)).getByTestId("minutes-version-export"));
    expect(await screen.findByTestId("minutes-export-error")).toHaveTextContent(
      `${name} already exists there; it was left alone and nothing was written.`,
    );
    expect(screen.queryByTestId("minutes-export-done")).toBeNull();
    expect(exportedFiles(backend)).toEqual([draft, name].sort());

    // Version 1, from the version as shown.
    await user.click(within(byData("minutes-version", "version", 1)).getByTestId("minutes-version-show"));
    await screen.findByTestId("minutes-shown");
    await user.click(byTestId("minutes-shown-export"));
    await waitFor(() => expect(byTestId("minutes-export-done")).toHaveAttribute("data-version", "1"));
    expect(screen.queryByTestId("minutes-export-error")).toBeNull();
    expect(byTestId("minutes-export-file").textContent).toContain("_minutes_v1_");
    expect(exportedFiles(backend)).toHaveLength(3);
  });

  it("says nothing when the chair cancels the save dialog", async () => {
    const backend = await TestBackend.start({ vault: "demo", exportDir: true });
    const { corrected } = await heldMeetings(backend);
    const { user } = await openMinutesDoc(backend, corrected);
    await user.click(within(byData("minutes-version", "version", 1)).getByTestId("minutes-version-export"));
    await screen.findByTestId("minutes-export-done");
    // While the dialog is open, no second export can start.
    const release = backend.hold("minutes_export");
    backend.cancelNextDialog();
    await user.click(within(byData("minutes-version", "version", 2)).getByTestId("minutes-version-export"));
    expect(byTestId("minutes-export-draft")).toBeDisabled();
    for (const b of screen.getAllByTestId("minutes-version-export")) expect(b).toBeDisabled();
    expect(screen.queryByTestId("minutes-export-done")).toBeNull();
    release();
    await waitFor(() => expect(backend.inFlight()).toBe(0));
    expect(screen.queryByTestId("minutes-export-done")).toBeNull();
    expect(screen.queryByTestId("minutes-export-error")).toBeNull();
    expect(exportedFiles(backend)).toHaveLength(1);
    for (const b of screen.getAllByTestId("minutes-version-export")) expect(b).toBeEnabled();
    expect(byTestId("minutes-export-draft")).toBeEnabled();
  });

  it("shows Rust's refusal of a character the PDF cannot print, before any dialog", async () => {
    const backend = await TestBackend.start({ vault: "demo", exportDir: true });
    const { latest } = await heldMeetings(backend);
    const page = await backend.direct("meeting_get", { id: latest });
    const item = page.agenda[1]!;
    await backend.direct("agenda_item_notes_save", {
      id: item.id,
      summary: "Damage continues at weekends \u{1F525}",
      decisions: "",
    });
    const { user } = await openMinutesDoc(backend, latest);
    await user.click(byTestId("minutes-export-draft"));
    const refused = await screen.findByTestId("minutes-export-error");
    expect(refused).toHaveTextContent(`item ${item.position} summary`);
    expect(refused).toHaveTextContent(/export again\.$/);
    expect(screen.queryByTestId("minutes-export-done")).toBeNull();
    expect(exportedFiles(backend)).toEqual([]);
  });

  it("says where the command-line tool has no save dialog", async () => {
    const { backend, meetingId } = await meetingInProgress();
    const { user } = await openMinutesDoc(backend, meetingId);
    await user.click(byTestId("minutes-export-draft"));
    expect(await screen.findByTestId("minutes-export-error")).toHaveTextContent(
      /^Only the app can ask where to save the file, and this is not the app; nothing was written\./,
    );
    expect(screen.queryByTestId("minutes-export-done")).toBeNull();
  });
});
