import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byData, byTestId, renderApp, renderWithRecords } from "../test-support";

async function openPeople() {
  const { backend, seed } = await renderWithRecords();
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-people"));
  await screen.findByTestId("people-table");
  return { ...rendered, seed };
}

/** An age public key made with age-keygen for these tests (its secret key was thrown away). */
const INBOX_KEY = "age1ky836c2ssxz2t3rm4dhvrgyrcg0p3fu53upjaqpk7gzp2y96v4hsvv2fnz";

function names(): string[] {
  return screen.queryAllByTestId("person-row").map((r) => r.dataset.personName ?? "");
}

describe("the people screen", () => {
  it("lists people by name with agency and role", async () => {
    const { seed } = await openPeople();
    expect(byTestId("nav-people")).toHaveAttribute("aria-current", "page");
    expect(names()).toEqual(["Ada Quill", "Priya Okonkwo-Hale", "Tomasz Brennan"]);
    const row = within(byData("person-row", "person-id", seed.officer.id));
    expect(row.getByText("Shropshire Council")).toBeInTheDocument();
    expect(row.getByText("Anti-Social Behaviour Officer")).toBeInTheDocument();
  });

  it("adds a person and clears the form", async () => {
    const { backend, user } = await openPeople();
    await user.type(byTestId("person-add-name"), "Femi Adebayo-Clarke");
    await user.selectOptions(byTestId("person-add-agency"), "National Probation Service");
    await user.type(byTestId("person-add-role"), "Probation Officer");
    await user.type(byTestId("person-add-email"), "f.adebayo@probation.example");
    await user.click(byTestId("person-add-submit"));
    await waitFor(() => expect(names()).toContain("Femi Adebayo-Clarke"));
    // The form clears once the add has answered, a moment after the list is read again.
    await waitFor(() => expect(byTestId("person-add-name")).toHaveValue(""));
    expect(names()).toEqual(["Ada Quill", "Femi Adebayo-Clarke", "Priya Okonkwo-Hale", "Tomasz Brennan"]);
    expect(backend.callsOf("person_add").at(-1)).toMatchObject({
      name: "Femi Adebayo-Clarke",
      role: "Probation Officer",
      email: "f.adebayo@probation.example",
    });
    expect(byTestId("person-add-name")).toHaveValue("");
    expect(screen.getByRole("status")).toHaveTextContent("Femi Adebayo-Clarke added.");
  });

  it("shows Rust's refusal next to the form and keeps what was typed", async () => {
    const { user } = await openPeople();
    await user.type(byTestId("person-add-name"), "Femi Adebayo-Clarke");
    await user.selectOptions(byTestId("person-add-agency"), "National Probation Service");
    await user.type(byTestId("person-add-role"), "Probation Officer");
    await user.type(byTestId("person-add-email"), "not an email");
    await user.click(byTestId("person-add-submit"));
    const error = await screen.findByTestId("person-add-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent(
      "Work email: does not look like an email address (name@agency.gov.uk). Correct it or leave it empty.",
    );
    expect(byTestId("person-add-name")).toHaveValue("Femi Adebayo-Clarke");
    expect(byTestId("person-add-email")).toHaveValue("not an email");
    expect(names()).not.toContain("Femi Adebayo-Clarke");
  });

  it("edits a person in place and returns the focus to Edit", async () => {
    const { backend, user, seed } = await openPeople();
    const row = byData("person-row", "person-id", seed.prevention.id);
    await user.click(within(row).getByTestId("person-edit"));
    expect(byTestId("person-edit-name")).toHaveFocus();
    expect(byTestId("person-edit-role")).toHaveValue("Prevention Officer");
    await user.clear(byTestId("person-edit-role"));
    await user.type(byTestId("person-edit-role"), "Community Safety Advocate");
    await user.click(byTestId("person-edit-submit"));
    await waitFor(() => expect(screen.queryByTestId("person-edit-form")).toBeNull());
    expect(
      within(byData("person-row", "person-id", seed.prevention.id)).getByText("Community Safety Advocate"),
    ).toBeInTheDocument();
    expect(backend.callsOf("person_update")).toEqual([
      {
        id: seed.prevention.id,
        person: { name: "Ada Quill", agency_id: seed.fire, role: "Community Safety Advocate", email: null },
      },
    ]);
    await waitFor(() =>
      expect(within(byData("person-row", "person-id", seed.prevention.id)).getByTestId("person-edit")).toHaveFocus(),
    );
  });

  it("cancels an edit with Escape", async () => {
    const { backend, user, seed } = await openPeople();
    await user.click(within(byData("person-row", "person-id", seed.sergeant.id)).getByTestId("person-edit"));
    await user.type(byTestId("person-edit-name"), " changed{Escape}");
    expect(screen.queryByTestId("person-edit-form")).toBeNull();
    expect(backend.callsOf("person_update")).toEqual([]);
  });

  it("deactivates and reactivates a person", async () => {
    const { user, seed } = await openPeople();
    await user.click(within(byData("person-row", "person-id", seed.sergeant.id)).getByTestId("person-deactivate"));
    await waitFor(() => expect(names()).not.toContain("Priya Okonkwo-Hale"));
    await user.click(byTestId("people-show-inactive"));
    await waitFor(() => expect(names()).toContain("Priya Okonkwo-Hale"));
    await user.click(within(byData("person-row", "person-id", seed.sergeant.id)).getByTestId("person-reactivate"));
    await waitFor(() =>
      expect(within(byData("person-row", "person-id", seed.sergeant.id)).getByText("Active")).toBeInTheDocument(),
    );
  });

  it("sets a person's own secure inbox key in the edit panel, then clears it", async () => {
    const { backend, user, seed } = await openPeople();
    await user.click(within(byData("person-row", "person-id", seed.prevention.id)).getByTestId("person-edit"));
    const shown = () => byTestId("person-inbox-key");
    expect(shown()).toHaveTextContent(/^no key of their own$/);
    const input = byTestId("person-inbox-key-input");
    expect(input).toHaveAccessibleName("Own secure inbox key (else the agency's)");
    expect(input).toHaveValue("");
    await user.type(input, INBOX_KEY);
    await user.click(byTestId("person-inbox-key-save"));
    await waitFor(() => expect(shown()).toHaveTextContent(/^age1ky83…2fnz$/));
    expect(shown()).toHaveAttribute("title", INBOX_KEY);
    expect(screen.getByRole("status")).toHaveTextContent("Secure inbox key of Ada Quill saved.");
    expect(backend.callsOf("person_inbox_key_set")).toEqual([{ id: seed.prevention.id, key: INBOX_KEY }]);
    // The key is not one of the person's fields: nothing else was sent, and the panel stays open.
    expect(backend.callsOf("person_update")).toEqual([]);
    expect(byTestId("person-edit-form")).toBeInTheDocument();
    let people = await backend.direct("people_list", { include_inactive: true });
    expect(people.find((p) => p.id === seed.prevention.id)?.inbox_key).toBe(INBOX_KEY);

    // Emptied and saved, it is gone.
    await user.clear(byTestId("person-inbox-key-input"));
    await user.click(byTestId("person-inbox-key-save"));
    await waitFor(() => expect(shown()).toHaveTextContent(/^no key of their own$/));
    expect(screen.getByRole("status")).toHaveTextContent("Secure inbox key of Ada Quill removed.");
    expect(backend.callsOf("person_inbox_key_set").at(-1)).toEqual({ id: seed.prevention.id, key: "" });
    people = await backend.direct("people_list", { include_inactive: true });
    expect(people.find((p) => p.id === seed.prevention.id)?.inbox_key).toBeNull();
  });

  it("removes a person's key with Remove key, and shows it when the panel opens again", async () => {
    const { backend, user, seed } = await openPeople();
    const edit = () => within(byData("person-row", "person-id", seed.sergeant.id)).getByTestId("person-edit");
    await user.click(edit());
    await user.type(byTestId("person-inbox-key-input"), INBOX_KEY);
    await user.click(byTestId("person-inbox-key-save"));
    await waitFor(() => expect(byTestId("person-inbox-key")).toHaveTextContent("age1ky83…2fnz"));
    await user.click(edit());
    expect(screen.queryByTestId("person-edit-form")).toBeNull();
    await user.click(edit());
    expect(byTestId("person-inbox-key-input")).toHaveValue(INBOX_KEY);
    await user.click(byTestId("person-inbox-key-remove"));
    await waitFor(() => expect(byTestId("person-inbox-key")).toHaveTextContent(/^no key of their own$/));
    expect(screen.queryByTestId("person-inbox-key-remove")).toBeNull();
    expect(backend.callsOf("person_inbox_key_set").at(-1)).toEqual({ id: seed.sergeant.id, key: null });
  });

  it("shows Rust's refusal of a person's key, keeping what was typed", async () => {
    const { backend, user, seed } = await openPeople();
    await user.click(within(byData("person-row", "person-id", seed.officer.id)).getByTestId("person-edit"));
    const input = byTestId("person-inbox-key-input");
    await user.type(input, "tomasz.brennan@council.example");
    await user.click(byTestId("person-inbox-key-save"));
    const error = await screen.findByTestId("person-inbox-key-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent("Secure inbox key: must be an age public key, which starts age1.");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("which starts age1"));
    expect(input).toHaveValue("tomasz.brennan@council.example");
    expect(byTestId("person-inbox-key")).toHaveTextContent(/^no key of their own$/);

    // A secret key is refused with Rust's warning.
    await user.clear(input);
    await user.type(input, "AGE-SECRET-KEY-1NOTAREALSECRETKEY");
    await user.click(byTestId("person-inbox-key-save"));
    await waitFor(() => expect(byTestId("person-inbox-key-error")).toHaveTextContent("is a secret key"));
    const people = await backend.direct("people_list", { include_inactive: true });
    expect(people.every((p) => p.inbox_key === null)).toBe(true);
  });

  it("closes the edit panel with Escape from the key's field", async () => {
    const { backend, user, seed } = await openPeople();
    await user.click(within(byData("person-row", "person-id", seed.officer.id)).getByTestId("person-edit"));
    await user.type(byTestId("person-inbox-key-input"), "age1{Escape}");
    expect(screen.queryByTestId("person-edit-form")).toBeNull();
    await waitFor(() =>
      expect(within(byData("person-row", "person-id", seed.officer.id)).getByTestId("person-edit")).toHaveFocus(),
    );
    expect(backend.callsOf("person_inbox_key_set")).toEqual([]);
  });
});
