import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, meetingInProgress, openMeeting, ordinary, TestBackend } from "../test-support";

// Issuing numbered copies of approved minutes from the minutes page, against
// the real backend: Rust plans each copy (its number, what it withholds and
// why, what stops issuing) and the page shows its words; the files are
// written into the test's export folder as if the chair had chosen it in
// the folder dialog; the distribution record, a recall, and "whose copy is
// this?" for a file chosen in the open dialog.

/** An invented public key (its secret half was thrown away). */
const COUNCIL_KEY = "age1ujg7fr9xluenyksqjdp88qyrjatf82clt40fqrcjypytek58l3psaa5zxp";
/** A word only the police disclosure says. */
const CANARY = "Quillbramble";

/**
 * A held meeting whose minutes are approved as version 1: the sergeant
 * (police) and the officer (council, chair) present and signed, the fire
 * prevention officer not there; a police disclosure under the case reviews.
 */
async function approvedMinutes() {
  const setup = await meetingInProgress({ exportDir: true });
  const { backend, seed, meetingId, reviewsId } = setup;
  await backend.direct(
    "disclosure_add",
    ordinary(seed, reviewsId, { text: `Two reports of damage at the ${CANARY} shop in October.` }),
  );
  await backend.direct("meeting_set_status", { id: meetingId, status: "held" });
  const page = await backend.direct("minutes_get", { id: meetingId });
  await backend.direct("minutes_approve", {
    meeting_id: meetingId,
    marking: page.draft.minimum_marking.marking,
    recipients_only: false,
    reason: null,
  });
  const { user } = await openMeeting(backend, meetingId);
  await user.click(byTestId("meeting-minutes-doc"));
  await screen.findByTestId("circulation");
  return { ...setup, user };
}

function files(backend: TestBackend): string[] {
  return readdirSync(backend.exportDir!).sort();
}

describe("circulating approved minutes", () => {
  it("issues numbered copies as Rust plans them, records them, and recalls one", async () => {
    const { backend, seed, meetingId, user } = await approvedMinutes();
    await backend.direct("agency_inbox_key_set", { id: seed.council, key: COUNCIL_KEY });
    expect(byTestId("distribution-empty")).toHaveTextContent("No copies issued yet.");
    await user.click(byTestId("issue-open"));

    // Those present to start with: the council's copy encrypted to its key;
    // the sergeant's police force has none, which Rust says stops it.
    await waitFor(() => expect(screen.getAllByTestId("issue-recipient")).toHaveLength(2));
    const problems = await screen.findByTestId("issue-problems");
    expect(problems).toHaveTextContent(
      "There is no secure inbox key for Priya Okonkwo-Hale or West Mercia Police (Shropshire Division).",
    );
    expect(byTestId("issue-submit")).toBeDisabled();

    // The sergeant's copy for printing: Rust's warning names the marking.
    const sergeant = byData("issue-recipient", "person-id", seed.sergeant.id);
    await user.selectOptions(within(sergeant).getByTestId("issue-delivery"), "print_file");
    const warning = await screen.findByTestId("issue-warning");
    expect(warning).toHaveTextContent("These minutes are marked OFFICIAL-SENSITIVE");
    await waitFor(() =>
      expect(byTestId("issue-problems")).toHaveTextContent("read the warning and confirm it before issuing"),
    );
    await user.click(byTestId("issue-accept"));
    await waitFor(() => expect(screen.queryByTestId("issue-problems")).toBeNull());

    // The fire prevention officer too: not there, so the police disclosure
    // is withheld from their copy, in Rust's words.
    await user.selectOptions(byTestId("issue-add"), String(seed.prevention.id));
    await user.click(byTestId("issue-add-submit"));
    const fire = await waitFor(() => byData("issue-recipient", "person-id", seed.prevention.id));
    await user.selectOptions(within(fire).getByTestId("issue-delivery"), "printed");
    await waitFor(() =>
      expect(within(byData("issue-recipient", "person-id", seed.prevention.id)).getByTestId("issue-withheld")).toHaveTextContent(
        "Disclosure by West Mercia Police (Shropshire Division) withheld: no consent recorded for this recipient's agency",
      ),
    );
    await waitFor(() => expect(byTestId("issue-submit")).toBeEnabled());
    expect(byTestId("issue-submit")).toHaveTextContent("Issue 3 copies…");

    await user.click(byTestId("issue-submit"));
    await screen.findByTestId("issue-done");
    const written = files(backend);
    expect(written).toHaveLength(3);
    expect(written.filter((f) => f.endsWith(".pdf.age"))).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId("distribution-row")).toHaveLength(3));
    const rows = screen.getAllByTestId("distribution-row");
    expect(rows.map((r) => r.dataset.copy)).toEqual(["1", "2", "3"]);
    const fireRow = rows.find((r) => r.textContent!.includes("Ada Quill"))!;
    expect(within(fireRow).getByTestId("distribution-withheld")).toHaveTextContent("no consent recorded");
    // Each file is what the record says it is.
    const record = await backend.direct("copies_list", { id: meetingId });
    for (const c of record) {
      const bytes = readFileSync(join(backend.exportDir!, c.file_name));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(c.sha256);
    }

    // Recall the council's copy, with a reason; Rust refuses an empty one.
    const council = rows.find((r) => r.textContent!.includes("Tomasz Brennan"))!;
    await user.click(within(council).getByTestId("distribution-recall"));
    await user.click(byTestId("recall-submit"));
    expect(await screen.findByTestId("recall-error")).toHaveTextContent("Reason for the recall: must not be empty.");
    await user.type(byTestId("recall-reason"), "Sent to the wrong inbox");
    await user.click(byTestId("recall-submit"));
    await waitFor(() => expect(screen.getAllByTestId("distribution-recalled")).toHaveLength(1));

    // The covering note starts with the marking.
    await user.click(within(byData("distribution-row", "copy", 2)).getByTestId("distribution-note"));
    expect(byTestId("distribution-note-text").textContent).toMatch(/^OFFICIAL-SENSITIVE/);
  });

  it("records consent, after which the disclosure goes in full", async () => {
    const { backend, seed, meetingId, user } = await approvedMinutes();
    await user.click(byTestId("issue-open"));
    await waitFor(() => expect(screen.getAllByTestId("issue-recipient")).toHaveLength(2));
    await user.selectOptions(byTestId("issue-add"), String(seed.prevention.id));
    await user.click(byTestId("issue-add-submit"));
    const fire = () => byData("issue-recipient", "person-id", seed.prevention.id);
    await waitFor(() => expect(within(fire()).getByTestId("issue-withheld")).toBeInTheDocument());
    await user.click(within(fire()).getByTestId("issue-consent"));
    // A date in the future is Rust's to refuse.
    await user.type(byTestId("issue-consent-by"), "Insp. Rowan Adair, West Mercia Police");
    await user.type(byTestId("issue-consent-on"), "2099-01-01");
    await user.type(byTestId("issue-consent-ref"), "WMP/ISA/0042");
    await user.click(byTestId("issue-consent-submit"));
    expect(await screen.findByTestId("issue-consent-error")).toHaveTextContent("Consent given on");
    await user.clear(byTestId("issue-consent-on"));
    await user.type(byTestId("issue-consent-on"), "2026-11-20");
    await user.click(byTestId("issue-consent-submit"));
    await waitFor(() => expect(within(fire()).queryByTestId("issue-withheld")).toBeNull());
    const minutes = await backend.direct("minutes_version_get", { meeting_id: meetingId, version: 1 });
    const item = minutes.content.items.find((i) => i.disclosures.length > 0)!;
    const d = item.disclosures[0]!;
    expect(d.minuted).toBe("full");
    const consents = await backend.direct("consents_list", { id: d.minuted === "full" ? d.id! : 0 });
    expect(consents.map((c) => [c.agency, c.reference])).toEqual([["Shropshire Fire and Rescue Service", "WMP/ISA/0042"]]);
  });

  it("says whose copy a chosen file is, and nothing when the dialog is cancelled", async () => {
    const { backend, seed, meetingId, user } = await approvedMinutes();
    const issued = await backend.direct("copies_issue", {
      meeting_id: meetingId,
      version: 1,
      recipients: [{ person_id: seed.officer.id, delivery: "print_file", withhold: [] }],
      unencrypted_accepted: true,
    });
    const name = issued.copies[0]!.file_name;

    backend.chooseNextFile(name);
    await user.click(byTestId("identify-copy"));
    const result = await screen.findByTestId("identify-result");
    expect(result).toHaveAttribute("data-verdict", "issued");
    expect(byTestId("identify-message")).toHaveTextContent(
      /^This is copy 1 of 1 of version 1 of the minutes of the Bronze Level Tasking meeting of Wrekin Vale Tasking Group/,
    );
    expect(result).toHaveTextContent(name);

    // A changed file: Rust says what it claims to be, and that it changed.
    const bytes = readFileSync(join(backend.exportDir!, name));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    writeFileSync(join(backend.exportDir!, "forwarded.pdf"), bytes);
    backend.chooseNextFile("forwarded.pdf");
    await user.click(byTestId("identify-copy"));
    await waitFor(() => expect(byTestId("identify-result")).toHaveAttribute("data-verdict", "altered"));
    expect(byTestId("identify-message")).toHaveTextContent("it has been changed since");

    // Cancelled: the last answer stays, nothing new is said.
    backend.cancelNextDialog();
    await user.click(byTestId("identify-copy"));
    await waitFor(() => expect(backend.inFlight()).toBe(0));
    expect(byTestId("identify-result")).toHaveAttribute("data-verdict", "altered");
    expect(screen.queryByTestId("identify-error")).toBeNull();
  });

  it("writes and records nothing when the folder dialog is cancelled", async () => {
    const { backend, user } = await approvedMinutes();
    await user.click(byTestId("issue-open"));
    await waitFor(() => expect(screen.getAllByTestId("issue-recipient")).toHaveLength(2));
    for (const r of screen.getAllByTestId("issue-recipient")) {
      await user.selectOptions(within(r).getByTestId("issue-delivery"), "print_file");
    }
    await user.click(await screen.findByTestId("issue-accept"));
    await waitFor(() => expect(byTestId("issue-submit")).toBeEnabled());
    backend.cancelNextDialog();
    await user.click(byTestId("issue-submit"));
    await waitFor(() => expect(backend.inFlight()).toBe(0));
    expect(screen.queryByTestId("issue-done")).toBeNull();
    expect(screen.getByTestId("issue-copies")).toBeInTheDocument();
    expect(files(backend)).toEqual([]);
    expect(byTestId("distribution-empty")).toBeInTheDocument();
  });

  it("finds an issued copy by its recipient and opens the minutes with their distribution", async () => {
    const { backend, seed, meetingId, user } = await approvedMinutes();
    await backend.direct("copies_issue", {
      meeting_id: meetingId,
      version: 1,
      recipients: [{ person_id: seed.officer.id, delivery: "print_file", withhold: [] }],
      unencrypted_accepted: true,
    });
    await user.click(byTestId("minutes-doc-back"));
    await screen.findByTestId("screen-meeting");
    await user.type(byTestId("search-input"), "Tomasz Brennan{Enter}");
    await screen.findByTestId("screen-search");
    const hit = await waitFor(() => {
      const found = screen.getAllByTestId("search-hit").find((h) => h.dataset.kind === "issued_copy");
      expect(found).toBeDefined();
      return found!;
    });
    expect(hit).toHaveTextContent("Issued copy");
    expect(hit).toHaveTextContent("Copy 1 of version 1 · Wrekin Vale Tasking Group");
    await user.click(within(hit).getByRole("button"));
    expect(await screen.findByTestId("screen-minutes-doc")).toHaveAttribute("data-meeting-id", String(meetingId));
    await waitFor(() => expect(screen.getAllByTestId("distribution-row")).toHaveLength(1));
  });
});
