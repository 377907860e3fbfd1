import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/svelte";
import { byTestId, renderApp } from "../test-support";

const GOOD = "a quiet morning in Shrewsbury";

/** Rust's refusal of a short passphrase (vault::keys). */
const WEAK_PASSPHRASE =
  "The passphrase must be at least 10 characters long. A short sentence you can remember works well.";

/** The create screen: no vault file yet. */
const NO_VAULT = { vault: "none" } as const;

describe("creating the vault", () => {
  it("states the passphrase rule before anything is typed", async () => {
    await renderApp(NO_VAULT);
    expect(byTestId("screen-create")).toBeInTheDocument();
    expect(screen.getByText(/At least 10 characters/)).toBeInTheDocument();
    expect(screen.getByLabelText("Passphrase")).toHaveAttribute("data-testid", "create-passphrase");
    expect(screen.getByLabelText("Repeat the passphrase")).toBeInTheDocument();
    expect(screen.queryByTestId("form-error")).toBeNull();
  });

  it("shows Rust's message when the passphrase is refused and stays on the form", async () => {
    const { user } = await renderApp(NO_VAULT);
    await user.type(byTestId("create-passphrase"), "short");
    await user.type(byTestId("create-passphrase-again"), "short");
    await user.click(byTestId("create-submit"));
    expect(await screen.findByTestId("form-error")).toHaveTextContent(WEAK_PASSPHRASE);
    expect(byTestId("form-error")).toHaveAttribute("role", "alert");
    expect(byTestId("screen-create")).toBeInTheDocument();
  });

  it("shows the busy state while the key is derived", async () => {
    const { backend, user } = await renderApp(NO_VAULT);
    const release = backend.hold("vault_create");
    await user.type(byTestId("create-passphrase"), GOOD);
    await user.type(byTestId("create-passphrase-again"), GOOD);
    await user.click(byTestId("create-submit"));
    expect(byTestId("create-submit")).toBeDisabled();
    expect(byTestId("create-submit")).toHaveTextContent("Creating vault…");
    release();
    await screen.findByTestId("screen-recovery");
  });

  it("shows the recovery secret once, with Continue disabled until the box is ticked", async () => {
    const { backend, user } = await renderApp(NO_VAULT);
    await user.type(byTestId("create-passphrase"), GOOD);
    await user.type(byTestId("create-passphrase-again"), GOOD);
    await user.click(byTestId("create-submit"));

    const secret = await screen.findByTestId("recovery-secret");
    // The groups are drawn apart by CSS; the text is the secret exactly.
    expect(secret.textContent).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(backend.callsOf("vault_create")).toEqual([{ passphrase: GOOD, passphrase_again: GOOD }]);

    const cont = byTestId("recovery-continue");
    expect(cont).toBeDisabled();
    await user.click(cont);
    expect(backend.callsOf("vault_confirm_recovery_saved")).toHaveLength(0);

    await user.click(byTestId("recovery-stored"));
    expect(cont).toBeEnabled();
    await user.click(cont);

    await screen.findByTestId("screen-home");
    expect(backend.callsOf("vault_confirm_recovery_saved")).toHaveLength(1);
    expect(screen.queryByTestId("recovery-secret")).toBeNull();
    expect(document.body.textContent).not.toContain(secret.textContent);
  });

  it("says the secret can no longer be shown when none is held (after a reload)", async () => {
    const { backend, user } = await renderApp({ state: "unlocked", recoveryConfirmationPending: true });
    expect(byTestId("screen-recovery")).toBeInTheDocument();
    expect(screen.queryByTestId("recovery-secret")).toBeNull();
    expect(screen.getByText(/can no longer be shown/)).toBeInTheDocument();
    expect(byTestId("recovery-continue")).toBeDisabled();
    await user.click(byTestId("recovery-stored"));
    await user.click(byTestId("recovery-continue"));
    await screen.findByTestId("screen-home");
    expect((await backend.status()).recovery_confirmation_pending).toBe(false);
  });

  it("shows a failed confirmation's message and keeps the secret on screen", async () => {
    const { backend, user } = await renderApp(NO_VAULT);
    await user.type(byTestId("create-passphrase"), GOOD);
    await user.type(byTestId("create-passphrase-again"), GOOD);
    await user.click(byTestId("create-submit"));
    await screen.findByTestId("recovery-secret");
    // A full disk cannot be made on demand: the one stubbed call, in Rust's words (vault::Error::DiskFull).
    backend.failNext("vault_confirm_recovery_saved", {
      code: "disk_full",
      message:
        "The disk is full, so this change was not saved. Free some space, then save again; nothing saved earlier has been lost.",
    });
    await user.click(byTestId("recovery-stored"));
    await user.click(byTestId("recovery-continue"));
    await waitFor(() =>
      expect(byTestId("form-error")).toHaveTextContent("The disk is full, so this change was not saved."),
    );
    expect(byTestId("recovery-secret")).toBeInTheDocument();
  });
});
