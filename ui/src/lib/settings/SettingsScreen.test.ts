import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/svelte";
import { byTestId, renderApp, TEST_PASSPHRASE, type TestBackend } from "../test-support";

/** The vault's settings, read from Rust. */
function settings(backend: TestBackend) {
  return backend.direct("settings_get", {});
}

/** Whether `passphrase` opens the vault: locks it and tries to unlock it with `passphrase`. */
async function opensWith(backend: TestBackend, passphrase: string): Promise<boolean> {
  await backend.direct("vault_lock", {});
  try {
    await backend.direct("vault_unlock", { passphrase });
    return true;
  } catch {
    return false;
  }
}

async function openSettings() {
  const rendered = await renderApp({ state: "unlocked", passphrase: TEST_PASSPHRASE });
  await rendered.user.click(byTestId("nav-settings"));
  await screen.findByTestId("screen-settings");
  await waitFor(() => expect(byTestId("settings-auto-lock")).toHaveValue(5));
  return rendered;
}

describe("settings", () => {
  it("marks the current section in the navigation", async () => {
    await openSettings();
    expect(byTestId("nav-settings")).toHaveAttribute("aria-current", "page");
    expect(byTestId("nav-agencies")).not.toHaveAttribute("aria-current");
  });

  it("saves the auto-lock time", async () => {
    const { backend, user } = await openSettings();
    await user.clear(byTestId("settings-auto-lock"));
    await user.type(byTestId("settings-auto-lock"), "15");
    await user.click(byTestId("settings-save"));
    expect(await screen.findByText(/locks after 15 minutes without activity/)).toBeInTheDocument();
    expect((await settings(backend)).auto_lock_minutes).toBe(15);
  });

  it("shows Rust's refusal of an auto-lock time out of range", async () => {
    const { backend, user } = await openSettings();
    await user.clear(byTestId("settings-auto-lock"));
    await user.type(byTestId("settings-auto-lock"), "90");
    await user.click(byTestId("settings-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Auto-lock after (minutes): must be a whole number of minutes from 1 to 60.",
    );
    expect((await settings(backend)).auto_lock_minutes).toBe(5);
  });

  it("asks for a number when the field is empty", async () => {
    const { backend, user } = await openSettings();
    await user.clear(byTestId("settings-auto-lock"));
    await user.click(byTestId("settings-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("Enter a whole number");
    expect(backend.callsOf("settings_update")).toEqual([]);
  });

  it("saves the months from a meeting to its review date, keeping the auto-lock time", async () => {
    const { backend, user } = await openSettings();
    expect(byTestId("settings-review-months")).toHaveValue(12);
    await user.clear(byTestId("settings-review-months"));
    await user.type(byTestId("settings-review-months"), "6");
    await user.click(byTestId("settings-review-save"));
    expect(await screen.findByText(/review date is now 6 months after it/)).toBeInTheDocument();
    // Only the setting changed is sent; Rust keeps the auto-lock time.
    expect(backend.callsOf("settings_update")).toEqual([{ review_months: 6 }]);
    expect((await settings(backend)).auto_lock_minutes).toBe(5);
    await user.clear(byTestId("settings-review-months"));
    await user.type(byTestId("settings-review-months"), "200");
    await user.click(byTestId("settings-review-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Review meetings after (months): must be a whole number of months from 1 to 120.",
    );
    expect(await settings(backend)).toEqual({ auto_lock_minutes: 5, review_months: 6 });
  });

  it("changes the passphrase", async () => {
    const { backend, user } = await openSettings();
    await user.type(screen.getByLabelText("Current passphrase"), TEST_PASSPHRASE);
    await user.type(screen.getByLabelText("New passphrase"), "a brand new passphrase");
    await user.type(screen.getByLabelText("Repeat the new passphrase"), "a brand new passphrase");
    await user.click(byTestId("settings-change-passphrase"));
    expect(await screen.findByText(/Passphrase changed/)).toBeInTheDocument();
    expect(screen.getByLabelText("Current passphrase")).toHaveValue("");
    expect(await opensWith(backend, TEST_PASSPHRASE)).toBe(false);
    expect(await opensWith(backend, "a brand new passphrase")).toBe(true);
  });

  it("shows why a passphrase change was refused", async () => {
    const { backend, user } = await openSettings();
    await user.type(screen.getByLabelText("Current passphrase"), "not it at all");
    await user.type(screen.getByLabelText("New passphrase"), "a brand new passphrase");
    await user.type(screen.getByLabelText("Repeat the new passphrase"), "a brand new passphrase");
    await user.click(byTestId("settings-change-passphrase"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Wrong passphrase, or the vault file is damaged: the two cannot be told apart. " +
        "Check the passphrase (Caps Lock?) and try again; if it still fails, use the recovery secret.",
    );
    expect(await opensWith(backend, "a brand new passphrase")).toBe(false);
    expect(await opensWith(backend, TEST_PASSPHRASE)).toBe(true);
  });
});
