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
});
