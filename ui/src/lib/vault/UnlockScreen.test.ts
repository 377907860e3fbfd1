import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/svelte";
import { byTestId, renderApp, rowNames, TEST_PASSPHRASE, TestBackend } from "../test-support";

const PASSPHRASE = TEST_PASSPHRASE;

/** Rust's answer to a wrong passphrase (vault::error). */
const WRONG_PASSPHRASE =
  "Wrong passphrase, or the vault file is damaged: the two cannot be told apart. " +
  "Check the passphrase (Caps Lock?) and try again; if it still fails, use the recovery secret.";

/** The demo vault's passphrase (casebook::demo::DEMO_PASSPHRASE). */
const DEMO_PASSPHRASE = "demo vault of invented data";

/** An unlocked new vault, on the agencies screen with its Appendix A partners listed. */
async function onAgencies(backend: TestBackend) {
  const partners = (await backend.direct("agencies_list", { include_inactive: false })).map((a) => a.name);
  expect(partners.length).toBeGreaterThan(0);
  const rendered = await renderApp(backend);
  await rendered.user.click(await screen.findByTestId("nav-agencies"));
  await waitFor(() => expect(rowNames()).toEqual([...partners].sort()));
  return { ...rendered, partners };
}

function showsNoneOf(names: string[]): void {
  for (const name of names) expect(document.body.textContent).not.toContain(name);
}

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
    expect(error).toHaveTextContent(WRONG_PASSPHRASE);
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
    const { backend, user } = await renderApp({ vault: "demo", state: "locked" });
    expect(backend.passphrase).toBe(DEMO_PASSPHRASE);
    expect(byTestId("demo-banner")).toHaveTextContent(
      `Demo vault of invented data — passphrase: ${DEMO_PASSPHRASE}`,
    );
    // The passphrase shown is the one that opens it.
    await user.type(byTestId("unlock-passphrase"), `${DEMO_PASSPHRASE}{Enter}`);
    await screen.findByTestId("screen-home");
  });

  it("never shows the passphrase of a real vault", async () => {
    await renderApp({ state: "locked", passphrase: PASSPHRASE });
    expect(screen.queryByTestId("demo-banner")).toBeNull();
    expect(document.body.textContent).not.toContain(PASSPHRASE);
  });
});

describe("locking", () => {
  it("the Lock button returns to the unlock screen and drops the agency list", async () => {
    const backend = await TestBackend.start({ state: "unlocked" });
    const { user, partners } = await onAgencies(backend);
    await user.click(byTestId("lock-button"));
    await screen.findByTestId("screen-unlock");
    expect((await backend.status()).state).toBe("locked");
    showsNoneOf(partners);
    expect(screen.queryByTestId("lock-notice")).toBeNull();
  });

  it("an idle lock event switches to the unlock screen and says why", async () => {
    const backend = await TestBackend.start({ state: "unlocked" });
    await backend.direct("settings_update", { auto_lock_minutes: 7 });
    const { user, partners } = await onAgencies(backend);
    await backend.idleLock();
    await screen.findByTestId("screen-unlock");
    expect((await backend.status()).state).toBe("locked");
    expect(await screen.findByTestId("lock-notice")).toHaveTextContent("Locked after 7 minutes without activity.");
    showsNoneOf(partners);

    // The notice goes once the chair is back in.
    await user.type(byTestId("unlock-passphrase"), `${PASSPHRASE}{Enter}`);
    await screen.findByTestId("screen-home");
    await user.click(byTestId("lock-button"));
    await screen.findByTestId("screen-unlock");
    expect(screen.queryByTestId("lock-notice")).toBeNull();
  });
});
