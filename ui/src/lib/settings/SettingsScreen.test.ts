import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/svelte";
import { MESSAGES } from "../fake-backend";
import { byTestId, renderApp } from "../test-support";

async function openSettings() {
  const rendered = await renderApp({ state: "unlocked", passphrase: "correct horse battery" });
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
    const { fake, user } = await openSettings();
    await user.clear(byTestId("settings-auto-lock"));
    await user.type(byTestId("settings-auto-lock"), "15");
    await user.click(byTestId("settings-save"));
    expect(await screen.findByText(/locks after 15 minutes without activity/)).toBeInTheDocument();
    expect(fake.autoLockMinutes).toBe(15);
  });

  it("shows Rust's refusal of an auto-lock time out of range", async () => {
    const { fake, user } = await openSettings();
    await user.clear(byTestId("settings-auto-lock"));
    await user.type(byTestId("settings-auto-lock"), "90");
    await user.click(byTestId("settings-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Auto-lock after (minutes): must be a whole number of minutes from 1 to 60.",
    );
    expect(fake.autoLockMinutes).toBe(5);
  });

  it("asks for a number when the field is empty", async () => {
    const { fake, user } = await openSettings();
    await user.clear(byTestId("settings-auto-lock"));
    await user.click(byTestId("settings-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent("Enter a whole number");
    expect(fake.callsOf("settings_update")).toEqual([]);
  });

  it("saves the months from a meeting to its review date, keeping the auto-lock time", async () => {
    const { fake, user } = await openSettings();
    expect(byTestId("settings-review-months")).toHaveValue(12);
    await user.clear(byTestId("settings-review-months"));
    await user.type(byTestId("settings-review-months"), "6");
    await user.click(byTestId("settings-review-save"));
    expect(await screen.findByText(/review date is now 6 months after it/)).toBeInTheDocument();
    // Only the setting changed is sent; Rust keeps the auto-lock time.
    expect(fake.callsOf("settings_update")).toEqual([{ review_months: 6 }]);
    expect(fake.autoLockMinutes).toBe(5);
    await user.clear(byTestId("settings-review-months"));
    await user.type(byTestId("settings-review-months"), "200");
    await user.click(byTestId("settings-review-save"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(
      "Review meetings after (months): must be a whole number of months from 1 to 120.",
    );
    expect(fake.reviewMonths).toBe(6);
  });

  it("changes the passphrase", async () => {
    const { fake, user } = await openSettings();
    await user.type(screen.getByLabelText("Current passphrase"), "correct horse battery");
    await user.type(screen.getByLabelText("New passphrase"), "a brand new passphrase");
    await user.type(screen.getByLabelText("Repeat the new passphrase"), "a brand new passphrase");
    await user.click(byTestId("settings-change-passphrase"));
    expect(await screen.findByText(/Passphrase changed/)).toBeInTheDocument();
    expect(fake.passphrase).toBe("a brand new passphrase");
    expect(screen.getByLabelText("Current passphrase")).toHaveValue("");
  });

  it("shows why a passphrase change was refused", async () => {
    const { fake, user } = await openSettings();
    await user.type(screen.getByLabelText("Current passphrase"), "not it at all");
    await user.type(screen.getByLabelText("New passphrase"), "a brand new passphrase");
    await user.type(screen.getByLabelText("Repeat the new passphrase"), "a brand new passphrase");
    await user.click(byTestId("settings-change-passphrase"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(MESSAGES.wrongPassphrase);
    expect(fake.passphrase).toBe("correct horse battery");
  });
});
