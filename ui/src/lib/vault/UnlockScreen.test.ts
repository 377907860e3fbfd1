import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/svelte";
import { MESSAGES } from "../fake-backend";
import { byTestId, renderApp, rowNames } from "../test-support";

const PASSPHRASE = "correct horse battery";

describe("unlocking", () => {
  it("focuses the passphrase field and has no error region at first", async () => {
    await renderApp({ state: "locked" });
    expect(byTestId("screen-unlock")).toBeInTheDocument();
    await waitFor(() => expect(byTestId("unlock-passphrase")).toHaveFocus());
    expect(screen.queryByTestId("unlock-error")).toBeNull();
  });

  it("shows Rust's message for a wrong passphrase and clears the field", async () => {
    const { user } = await renderApp({ state: "locked" });
    await user.type(byTestId("unlock-passphrase"), "not the passphrase");
    await user.click(byTestId("unlock-submit"));
    const error = await screen.findByTestId("unlock-error");
    expect(error).toHaveAttribute("role", "alert");
    expect(error).toHaveTextContent(MESSAGES.wrongPassphrase);
    expect(byTestId("unlock-passphrase")).toHaveValue("");
    expect(byTestId("screen-unlock")).toBeInTheDocument();
  });

  it("opens the main screens with the right passphrase", async () => {
    const { user } = await renderApp({ state: "locked" });
    await user.type(byTestId("unlock-passphrase"), `${PASSPHRASE}{Enter}`);
    await screen.findByTestId("screen-home");
    expect(byTestId("lock-button")).toBeInTheDocument();
    expect(screen.getByText("vault.tvault")).toBeInTheDocument();
  });

  it("labels a demo vault and shows its passphrase", async () => {
    await renderApp({ state: "locked", demo: true, passphrase: "demo passphrase 2026" });
    expect(byTestId("demo-banner")).toHaveTextContent(
      "Demo vault of invented data — passphrase: demo passphrase 2026",
    );
  });

  it("never shows the passphrase of a real vault", async () => {
    await renderApp({ state: "locked", passphrase: PASSPHRASE });
    expect(screen.queryByTestId("demo-banner")).toBeNull();
    expect(document.body.textContent).not.toContain(PASSPHRASE);
  });
});

describe("locking", () => {
  it("the Lock button returns to the unlock screen and drops the agency list", async () => {
    const { fake, user } = await renderApp({
      state: "unlocked",
      agencies: [{ name: "Shropshire Council", designated_person_role: "Data Protection Officer" }],
    });
    await user.click(await screen.findByTestId("nav-agencies"));
    await waitFor(() => expect(rowNames()).toEqual(["Shropshire Council"]));
    await user.click(byTestId("lock-button"));
    await screen.findByTestId("screen-unlock");
    expect(fake.state).toBe("locked");
    expect(document.body.textContent).not.toContain("Shropshire Council");
    expect(screen.queryByTestId("idle-lock-notice")).toBeNull();
  });

  it("an idle lock event switches to the unlock screen and says why", async () => {
    const { fake, user } = await renderApp({
      state: "unlocked",
      autoLockMinutes: 7,
      agencies: [{ name: "Shropshire Council", designated_person_role: "Data Protection Officer" }],
    });
    await user.click(await screen.findByTestId("nav-agencies"));
    await waitFor(() => expect(rowNames()).toEqual(["Shropshire Council"]));
    fake.idleLock();
    await screen.findByTestId("screen-unlock");
    expect(byTestId("idle-lock-notice")).toHaveTextContent("Locked after 7 minutes without activity");
    expect(document.body.textContent).not.toContain("Shropshire Council");

    // The notice goes once the chair is back in.
    await user.type(byTestId("unlock-passphrase"), `${PASSPHRASE}{Enter}`);
    await screen.findByTestId("screen-home");
    await user.click(byTestId("lock-button"));
    await screen.findByTestId("screen-unlock");
    expect(screen.queryByTestId("idle-lock-notice")).toBeNull();
  });
});
