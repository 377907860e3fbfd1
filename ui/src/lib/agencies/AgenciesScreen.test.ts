import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { byTestId, renderApp, rowNames } from "../test-support";

const PARTNERS = [
  { name: "West Mercia Police (Shropshire Division)", designated_person_role: "Local Policing Commander Superintendent" },
  { name: "Shropshire Council", designated_person_role: "Data Protection Officer" },
  { name: "National Probation Service", designated_person_role: "Head of West Mercia Cluster", active: false },
];

async function openAgencies(agencies = PARTNERS) {
  const rendered = await renderApp({ state: "unlocked", agencies });
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
  it("lists active agencies by name with role, status and last change", async () => {
    await openAgencies();
    expect(rowNames()).toEqual(["Shropshire Council", "West Mercia Police (Shropshire Division)"]);
    const council = within(row("Shropshire Council"));
    expect(council.getByText("Data Protection Officer")).toBeInTheDocument();
    expect(council.getByText("Active")).toBeInTheDocument();
    expect(council.getByText(/^\d{1,2} Nov 2026, \d{2}:\d{2}$/)).toBeInTheDocument();
    const headers = within(byTestId("agencies-table")).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent?.trim())).toEqual([
      "Name",
      "Designated Person (role)",
      "Status",
      "Last changed",
      "Actions",
    ]);
  });

  it("shows inactive agencies when asked", async () => {
    const { fake, user } = await openAgencies();
    await user.click(byTestId("show-inactive"));
    await waitFor(() => expect(rowNames()).toHaveLength(3));
    expect(fake.callsOf("agencies_list").at(-1)).toEqual({ include_inactive: true });
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

  it("adds an agency and clears the form", async () => {
    const { user } = await openAgencies();
    await user.type(byTestId("agency-add-name"), "Shropshire Fire and Rescue Service");
    await user.type(byTestId("agency-add-role"), "Prevention Manager");
    await user.click(byTestId("agency-add-submit"));
    await waitFor(() => expect(rowNames()).toContain("Shropshire Fire and Rescue Service"));
    expect(rowNames()).toEqual([
      "Shropshire Council",
      "Shropshire Fire and Rescue Service",
      "West Mercia Police (Shropshire Division)",
    ]);
    expect(byTestId("agency-add-name")).toHaveValue("");
    expect(byTestId("agency-add-role")).toHaveValue("");
    expect(screen.getByRole("status")).toHaveTextContent("Shropshire Fire and Rescue Service added.");
  });

  it("shows Rust's refusal next to the form and keeps what was typed", async () => {
    const { user } = await openAgencies();
    await user.type(byTestId("agency-add-name"), "shropshire council");
    await user.type(byTestId("agency-add-role"), "Someone");
    await user.click(byTestId("agency-add-submit"));
    const error = await screen.findByTestId("form-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent(
      "An agency called “shropshire council” is already in the directory.",
    );
    expect(byTestId("agency-add-name")).toHaveValue("shropshire council");
    expect(byTestId("agency-add-role")).toHaveValue("Someone");
  });

  it("edits one row in place", async () => {
    const { fake, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-edit"));
    const name = byTestId("agency-edit-name");
    expect(name).toHaveValue("Shropshire Council");
    expect(name).toHaveFocus();
    expect(byTestId("agency-edit-role")).toHaveValue("Data Protection Officer");
    await user.clear(byTestId("agency-edit-role"));
    await user.type(byTestId("agency-edit-role"), "Information Governance Lead");
    await user.click(byTestId("agency-edit-save"));
    await waitFor(() => expect(screen.queryByTestId("agency-edit-name")).toBeNull());
    expect(within(row("Shropshire Council")).getByText("Information Governance Lead")).toBeInTheDocument();
    expect(fake.callsOf("agency_update")).toEqual([
      { id: 2, name: "Shropshire Council", designated_person_role: "Information Governance Lead" },
    ]);
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
    const { fake, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-edit"));
    await user.type(byTestId("agency-edit-name"), " changed{Escape}");
    expect(screen.queryByTestId("agency-edit-name")).toBeNull();
    expect(rowNames()).toContain("Shropshire Council");
    expect(fake.callsOf("agency_update")).toEqual([]);
  });

  it("asks before deactivating, then removes the row from the active list", async () => {
    const { fake, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-deactivate"));
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("Deactivate Shropshire Council?");
    expect(fake.callsOf("agency_set_active")).toEqual([]);

    await user.click(within(dialog).getByTestId("confirm-yes"));
    await waitFor(() => expect(rowNames()).toEqual(["West Mercia Police (Shropshire Division)"]));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fake.callsOf("agency_set_active")).toEqual([{ id: 2, active: false }]);
    expect(screen.getByRole("status")).toHaveTextContent("Shropshire Council deactivated.");
  });

  it("does nothing when the deactivation is cancelled", async () => {
    const { fake, user } = await openAgencies();
    await user.click(within(row("Shropshire Council")).getByTestId("agency-deactivate"));
    expect(byTestId("confirm-no")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fake.callsOf("agency_set_active")).toEqual([]);
    expect(rowNames()).toHaveLength(2);
  });

  it("reactivates an inactive agency without asking", async () => {
    const { fake, user } = await openAgencies();
    await user.click(byTestId("show-inactive"));
    await waitFor(() => expect(rowNames()).toHaveLength(3));
    await user.click(within(row("National Probation Service")).getByTestId("agency-reactivate"));
    await waitFor(() =>
      expect(within(row("National Probation Service")).getByText("Active")).toBeInTheDocument(),
    );
    expect(fake.callsOf("agency_set_active")).toEqual([{ id: 3, active: true }]);
  });
});
