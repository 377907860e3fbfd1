import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { agencyId, byTestId, renderApp, rowNames, TestBackend } from "../test-support";

/** The partners left active; the new vault's other Appendix A partners are deactivated. */
const ACTIVE = ["Shropshire Council", "West Mercia Police (Shropshire Division)"];

/** How many partners a new vault holds (Rust's Appendix A). */
const APPENDIX_A_PARTNERS = 7;

/** An age public key made with age-keygen for these tests (its secret key was thrown away). */
const INBOX_KEY = "age1r3ren5z35mevarqdntemzazlgpysh7c9f3sxwjyu3qxwgcegwcvs475xaf";

async function openAgencies(active = ACTIVE) {
  const backend = await TestBackend.start({ state: "unlocked" });
  const agencies = await backend.direct("agencies_list", { include_inactive: true });
  expect(agencies).toHaveLength(APPENDIX_A_PARTNERS);
  for (const a of agencies) {
    if (!active.includes(a.name)) await backend.direct("agency_set_active", { id: a.id, active: false });
  }
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-agencies"));
  await screen.findByTestId("agencies-table");
  return rendered;
}

function row(name: string): HTMLElement {
  const found = screen
    .queryAllByTestId("agency-row")
    .find((r) => r.dataset.agencyName === name);
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

describe("the agencies screen", () => {
  it("lists active agencies by name with kind, role, status and last change", async () => {
    await openAgencies();
    expect(rowNames()).toEqual(["Shropshire Council", "West Mercia Police (Shropshire Division)"]);
    const council = within(row("Shropshire Council"));
    // The seeded partners' kinds, in Rust's words.
    expect(council.getByTestId("agency-kind")).toHaveTextContent(/^Local authority$/);
    expect(within(row("West Mercia Police (Shropshire Division)")).getByTestId("agency-kind")).toHaveTextContent(
      /^Police$/,
    );
    expect(council.getByText("Data Protection Officer")).toBeInTheDocument();
    expect(council.getByText("Active")).toBeInTheDocument();
    expect(council.getByText(/^\d{1,2} Nov 2026, \d{2}:\d{2}$/)).toBeInTheDocument();
    // A new vault knows no agency's secure inbox.
    expect(council.getByTestId("agency-inbox-key")).toHaveTextContent(/^No key$/);
    const headers = within(byTestId("agencies-table")).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent?.trim())).toEqual([
      "Name",
      "Kind",
      "Designated Person (role)",
      "Secure inbox key",
      "Status",
      "Last changed",
      "Actions",
    ]);
  });

  it("shows inactive agencies when asked", async () => {
    const { backend, user } = await openAgencies();
    await user.click(byTestId("show-inactive"));
    await waitFor(() => expect(rowNames()).toHaveLength(APPENDIX_A_PARTNERS));
    expect(backend.callsOf("agencies_list").at(-1)).toEqual({ include_inactive: true });
    expect(rowNames()).toEqual([
      "National Probation Service",
      "Shropshire Clinical Commissioning Group",
      "Shropshire Council",
      "Shropshire Fire and Rescue Service",
      "Warwickshire and West Mercia CRC",
      "West Mercia Police (Shropshire Division)",
      "West Mercia Youth Justice Service",
    ]);
    const probation = row("National Probation Service");
    expect(within(probation).getByText("Inactive")).toBeInTheDocument();
    expect(within(probation).getByTestId("agency-reactivate")).toBeInTheDocument();
    expect(within(probation).queryByTestId("agency-deactivate")).toBeNull();
  });

  it("says so when there are no agencies", async () => {
    await openAgencies([]);
    expect(byTestId("agencies-empty")).toHaveTextContent("No active agencies");
    expect(rowNames()).toEqual([]);
  });

  it("offers Rust's kinds of agency, in its order", async () => {
    await openAgencies();
    const options = within(byTestId("agency-add-kind")).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([
      "Choose a kind…",
      "Police",
      "Local authority",
      "Health",
      "Probation",
      "Fire and rescue",
      "Youth justice",
      "Housing",
      "Other",
    ]);
  });

  it("adds an agency of the kind chosen and clears the form", async () => {
    const { backend, user } = await openAgencies();
    await user.type(byTestId("agency-add-name"), "Shropshire Community Housing");
    await user.selectOptions(byTestId("agency-add-kind"), "Housing");
    await user.type(byTestId("agency-add-role"), "Tenancy Services Manager");
    await user.click(byTestId("agency-add-submit"));
    await waitFor(() => expect(rowNames()).toContain("Shropshire Community Housing"));
    // The form clears once the add has answered, a moment after the list is read again.
    await waitFor(() => expect(byTestId("agency-add-name")).toHaveValue(""));
    expect(rowNames()).toEqual([
      "Shropshire Community Housing",
      "Shropshire Council",
      "West Mercia Police (Shropshire Division)",
    ]);
    expect(byTestId("agency-add-name")).toHaveValue("");
    expect(byTestId("agency-add-role")).toHaveValue("");
    expect(byTestId("agency-add-kind")).toHaveDisplayValue("Choose a kind…");
    expect(screen.getByRole("status")).toHaveTextContent("Shropshire Community Housing added.");
    expect(backend.callsOf("agency_add")).toEqual([
      { name: "Shropshire Community Housing", designated_person_role: "Tenancy Services Manager", kind: "housing" },
    ]);
    expect(within(row("Shropshire Community Housing")).getByTestId("agency-kind")).toHaveTextContent(/^Housing$/);
  });

  it("asks for the kind before sending anything, keeping what was typed", async () => {
    const { backend, user } = await openAgencies();
    await user.type(byTestId("agency-add-name"), "Shropshire Community Housing");
    await user.type(byTestId("agency-add-role"), "Tenancy Services Manager");
    await user.click(byTestId("agency-add-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("Kind: choose what kind of agency it is");
    expect(backend.callsOf("agency_add")).toEqual([]);
    expect(byTestId("agency-add-name")).toHaveValue("Shropshire Community Housing");
    // Chosen, it goes.
    await user.selectOptions(byTestId("agency-add-kind"), "Housing");
    await user.click(byTestId("agency-add-submit"));
    await waitFor(() => expect(rowNames()).toContain("Shropshire Community Housing"));
    expect(screen.queryByTestId("form-error")).toBeNull();
  });

  it("shows Rust's refusal next to the form and keeps what was typed", async () => {
    const { user } = await openAgencies();
    await user.type(byTestId("agency-add-name"), "shropshire council");
    await user.selectOptions(byTestId("agency-add-kind"), "Local authority");
    await user.type(byTestId("agency-add-role"), "Someone");
    await user.click(byTestId("agency-add-submit"));
    const error = await screen.findByTestId("form-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent(
      "An agency with this name is already in the directory (perhaps inactive). Edit that one, or use a different name.",
    );
    expect(byTestId("agency-add-name")).toHaveValue("shropshire council");
    expect(byTestId("agency-add-role")).toHaveValue("Someone");
  });

  it("edits one row in place", async () => {
    const { backend, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-edit"));
    const name = byTestId("agency-edit-name");
    expect(name).toHaveValue("Shropshire Council");
    expect(name).toHaveFocus();
    expect(byTestId("agency-edit-role")).toHaveValue("Data Protection Officer");
    expect(byTestId("agency-edit-kind")).toHaveDisplayValue("Local authority");
    await user.clear(byTestId("agency-edit-role"));
    await user.type(byTestId("agency-edit-role"), "Information Governance Lead");
    await user.click(byTestId("agency-edit-save"));
    await waitFor(() => expect(screen.queryByTestId("agency-edit-name")).toBeNull());
    expect(within(row("Shropshire Council")).getByText("Information Governance Lead")).toBeInTheDocument();
    expect(backend.callsOf("agency_update")).toEqual([
      {
        id: await agencyId(backend, "Shropshire Council"),
        name: "Shropshire Council",
        designated_person_role: "Information Governance Lead",
        kind: "local_authority",
      },
    ]);
  });

  it("changes an agency's kind in place", async () => {
    const { backend, user } = await openAgencies();
    await user.click(within(row("West Mercia Police (Shropshire Division)")).getByTestId("agency-edit"));
    await user.selectOptions(byTestId("agency-edit-kind"), "Other");
    await user.click(byTestId("agency-edit-save"));
    await waitFor(() => expect(screen.queryByTestId("agency-edit-name")).toBeNull());
    expect(within(row("West Mercia Police (Shropshire Division)")).getByTestId("agency-kind")).toHaveTextContent(
      /^Other$/,
    );
    expect(backend.callsOf("agency_update")).toMatchObject([{ kind: "other" }]);
    const agencies = await backend.direct("agencies_list", { include_inactive: true });
    expect(agencies.find((a) => a.name.startsWith("West Mercia Police"))?.kind).toBe("other");
  });

  it("keeps an edit that Rust refused, with its message", async () => {
    const { user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-edit"));
    await user.clear(byTestId("agency-edit-name"));
    await user.type(byTestId("agency-edit-name"), "West Mercia Police (Shropshire Division)");
    await user.click(byTestId("agency-edit-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("is already in the directory");
    expect(byTestId("agency-edit-name")).toHaveValue("West Mercia Police (Shropshire Division)");
  });

  it("cancels an edit with Escape", async () => {
    const { backend, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-edit"));
    await user.type(byTestId("agency-edit-name"), " changed{Escape}");
    expect(screen.queryByTestId("agency-edit-name")).toBeNull();
    expect(rowNames()).toContain("Shropshire Council");
    expect(backend.callsOf("agency_update")).toEqual([]);
  });

  it("asks before deactivating, then removes the row from the active list", async () => {
    const { backend, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-deactivate"));
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("Deactivate Shropshire Council?");
    expect(backend.callsOf("agency_set_active")).toEqual([]);

    await user.click(within(dialog).getByTestId("confirm-yes"));
    await waitFor(() => expect(rowNames()).toEqual(["West Mercia Police (Shropshire Division)"]));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.callsOf("agency_set_active")).toEqual([
      { id: await agencyId(backend, "Shropshire Council"), active: false },
    ]);
    expect(screen.getByRole("status")).toHaveTextContent("Shropshire Council deactivated.");
  });

  it("does nothing when the deactivation is cancelled", async () => {
    const { backend, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-deactivate"));
    expect(byTestId("confirm-no")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.callsOf("agency_set_active")).toEqual([]);
    expect(rowNames()).toHaveLength(2);
  });

  it("reactivates an inactive agency without asking", async () => {
    const { backend, user } = await openAgencies();
    await user.click(byTestId("show-inactive"));
    await waitFor(() => expect(rowNames()).toHaveLength(APPENDIX_A_PARTNERS));
    await user.click(within(row("National Probation Service")).getByTestId("agency-reactivate"));
    await waitFor(() =>
      expect(within(row("National Probation Service")).getByText("Active")).toBeInTheDocument(),
    );
    expect(backend.callsOf("agency_set_active")).toEqual([
      { id: await agencyId(backend, "National Probation Service"), active: true },
    ]);
  });

  it("sets an agency's secure inbox key, shows its start and end, and removes it", async () => {
    const { backend, user } = await openAgencies();
    const council = await agencyId(backend, "Shropshire Council");
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    const input = byTestId("agency-inbox-key-input");
    expect(input).toHaveFocus();
    expect(input).toHaveValue("");
    expect(input).toHaveAccessibleName("Secure inbox key of Shropshire Council");
    // As pasted from the agency's message, with a space either side.
    await user.type(input, ` ${INBOX_KEY} `);
    await user.click(byTestId("agency-inbox-key-save"));
    await waitFor(() => expect(screen.queryByTestId("agency-inbox-key-input")).toBeNull());
    const shown = within(row("Shropshire Council")).getByTestId("agency-inbox-key");
    expect(shown).toHaveTextContent(/^age1r3re…5xaf$/);
    expect(shown).toHaveAttribute("title", INBOX_KEY);
    expect(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit")).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent("Secure inbox key of Shropshire Council saved.");
    expect(backend.callsOf("agency_inbox_key_set")).toEqual([{ id: council, key: ` ${INBOX_KEY} ` }]);
    // Rust stored it without the spaces.
    let stored = await backend.direct("agencies_list", { include_inactive: true });
    expect(stored.find((a) => a.id === council)?.inbox_key).toBe(INBOX_KEY);
    expect(within(row("West Mercia Police (Shropshire Division)")).getByTestId("agency-inbox-key")).toHaveTextContent(
      /^No key$/,
    );

    // Opened again, it shows the whole key; Remove key clears it.
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    expect(byTestId("agency-inbox-key-input")).toHaveValue(INBOX_KEY);
    await user.click(byTestId("agency-inbox-key-remove"));
    await waitFor(() => expect(screen.queryByTestId("agency-inbox-key-input")).toBeNull());
    expect(within(row("Shropshire Council")).getByTestId("agency-inbox-key")).toHaveTextContent(/^No key$/);
    expect(screen.getByRole("status")).toHaveTextContent("Secure inbox key of Shropshire Council removed.");
    expect(backend.callsOf("agency_inbox_key_set").at(-1)).toEqual({ id: council, key: null });
    stored = await backend.direct("agencies_list", { include_inactive: true });
    expect(stored.find((a) => a.id === council)?.inbox_key).toBeNull();
  });

  it("clears a key saved empty", async () => {
    const { backend, user } = await openAgencies();
    const council = await agencyId(backend, "Shropshire Council");
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    await user.type(byTestId("agency-inbox-key-input"), INBOX_KEY);
    await user.click(byTestId("agency-inbox-key-save"));
    await waitFor(() =>
      expect(within(row("Shropshire Council")).getByTestId("agency-inbox-key")).toHaveTextContent("age1r3re…5xaf"),
    );
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    await user.clear(byTestId("agency-inbox-key-input"));
    await user.click(byTestId("agency-inbox-key-save"));
    await waitFor(() =>
      expect(within(row("Shropshire Council")).getByTestId("agency-inbox-key")).toHaveTextContent(/^No key$/),
    );
    expect(backend.callsOf("agency_inbox_key_set")).toEqual([
      { id: council, key: INBOX_KEY },
      { id: council, key: "" },
    ]);
    expect(screen.getByRole("status")).toHaveTextContent("Secure inbox key of Shropshire Council removed.");
  });

  it("shows Rust's refusal of a key that is not an age public key, keeping what was typed", async () => {
    const { backend, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    const input = byTestId("agency-inbox-key-input");
    await user.type(input, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
    await user.click(byTestId("agency-inbox-key-save"));
    const error = await screen.findByTestId("agency-inbox-key-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("Secure inbox key: must be an age public key, which starts age1.");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("which starts age1"));
    expect(input).toHaveValue("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl");
    expect(within(row("Shropshire Council")).getByTestId("agency-inbox-key")).toHaveTextContent(/^No key$/);

    // A key with a character missing: Rust's other message replaces the first.
    await user.clear(input);
    await user.type(input, INBOX_KEY.slice(0, -1));
    await user.click(byTestId("agency-inbox-key-save"));
    await waitFor(() =>
      expect(byTestId("agency-inbox-key-error")).toHaveTextContent("is not a whole age public key"),
    );
    expect(byTestId("agency-inbox-key-input")).toHaveValue(INBOX_KEY.slice(0, -1));
    const stored = await backend.direct("agencies_list", { include_inactive: true });
    expect(stored.every((a) => a.inbox_key === null)).toBe(true);
  });

  it("closes the key's editor with Escape, sending nothing", async () => {
    const { backend, user } = await openAgencies();
    const button = within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit");
    expect(button).toHaveAccessibleName("Add the secure inbox key of Shropshire Council");
    expect(button).toHaveAttribute("aria-expanded", "false");
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    await user.type(byTestId("agency-inbox-key-input"), "age1{Escape}");
    expect(screen.queryByTestId("agency-inbox-key-input")).toBeNull();
    expect(button).toHaveFocus();
    expect(backend.callsOf("agency_inbox_key_set")).toEqual([]);
  });

  it("keeps one editor open at a time: the row's or its key's", async () => {
    const { user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    expect(byTestId("agency-inbox-key-input")).toBeInTheDocument();
    await user.click(within(row("West Mercia Police (Shropshire Division)")).getByTestId("agency-edit"));
    expect(screen.queryByTestId("agency-inbox-key-input")).toBeNull();
    expect(byTestId("agency-edit-name")).toHaveValue("West Mercia Police (Shropshire Division)");
    await user.click(within(row("Shropshire Council")).getByTestId("agency-inbox-key-edit"));
    expect(screen.queryByTestId("agency-edit-name")).toBeNull();
    expect(byTestId("agency-inbox-key-input")).toHaveFocus();
  });
});
