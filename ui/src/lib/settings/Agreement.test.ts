import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import type { Agreement } from "../bindings";
import { byTestId, renderApp, type TestBackend } from "../test-support";

/** Every version of the agreement Rust holds. */
function versions(backend: TestBackend): Promise<Agreement[]> {
  return backend.direct("agreement_versions", {});
}

/** `HH:MM` of an RFC 3339 UTC time: the time in Europe/London in November (GMT). */
const clock = (at: string) => at.slice(11, 16);

async function openSettings() {
  const rendered = await renderApp({ state: "unlocked" });
  await rendered.user.click(byTestId("nav-settings"));
  await screen.findByTestId("agreement-panel");
  await screen.findByTestId("agreement-text");
  // Version 1: the text Rust writes when the vault is made, on test day.
  const first = await rendered.backend.direct("agreement_get", {});
  return { ...rendered, first };
}

describe("the confidentiality agreement in Settings", () => {
  it("shows the current version's text, number and date, with no earlier versions", async () => {
    const { first } = await openSettings();
    expect(first).toMatchObject({ version: 1, created_at: expect.stringMatching(/^2026-11-25T14:/) });
    expect(first.text).toMatch(/^Confidentiality agreement\n/);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(byTestId("agreement-version").textContent).toBe(
      `Version 1, made 25 Nov 2026, ${clock(first.created_at)} · SHA-256 ${first.sha256.slice(0, 12)}`,
    );
    expect(byTestId("agreement-text").textContent).toBe(first.text);
    expect(byTestId("agreement-versions-empty")).toHaveTextContent("None: this is the first version.");
    expect(screen.queryByTestId("agreement-edit-text")).toBeNull();
  });

  it("saves an edited text as version 2 and lists version 1 as earlier", async () => {
    const { backend, first, user } = await openSettings();
    await user.click(byTestId("agreement-edit"));
    const text = byTestId("agreement-edit-text");
    expect(text).toHaveFocus();
    expect(text).toHaveAccessibleName("Agreement text");
    expect(text).toHaveValue(first.text);
    await user.type(text, "\n\n6. I will not photograph the screen.");
    await user.click(byTestId("agreement-edit-save"));

    expect(await screen.findByTestId("agreement-saved")).toHaveTextContent(
      "Version 2 saved. Signatures already made keep the version they signed.",
    );
    expect(backend.callsOf("agreement_update")).toEqual([
      { text: `${first.text}\n\n6. I will not photograph the screen.` },
    ]);
    expect(byTestId("agreement-version")).toHaveTextContent(/^Version 2, made 25 Nov 2026, \d\d:\d\d/);
    expect(byTestId("agreement-text")).toHaveTextContent("6. I will not photograph the screen.");
    expect(screen.queryByTestId("agreement-edit-text")).toBeNull();
    expect(byTestId("agreement-edit")).toHaveFocus();

    const earlier = within(byTestId("agreement-versions")).getAllByTestId("agreement-version-row");
    expect(earlier.map((r) => r.dataset.version)).toEqual(["1"]);
    expect(earlier[0]).toHaveTextContent(
      `Version 1, made 25 Nov 2026, ${clock(first.created_at)} · SHA-256 ${first.sha256.slice(0, 12)}`,
    );
    expect(earlier[0]).not.toHaveTextContent(first.sha256);
    const held = await versions(backend);
    expect(held.map((a) => a.version).sort()).toEqual([1, 2]);
    expect(held.find((a) => a.version === 2)?.text).toBe(`${first.text}\n\n6. I will not photograph the screen.`);
  });

  it("shows Rust's refusal of an unchanged text and makes no version", async () => {
    const { backend, first, user } = await openSettings();
    await user.click(byTestId("agreement-edit"));
    await user.click(byTestId("agreement-edit-save"));
    expect(await screen.findByTestId("agreement-edit-error")).toHaveTextContent(
      "The agreement text is unchanged, so no new version was made.",
    );
    expect(await versions(backend)).toEqual([first]);
    expect(byTestId("agreement-edit-text")).toHaveAttribute("aria-invalid", "true");
    expect(byTestId("agreement-version")).toHaveTextContent(/^Version 1,/);
    expect(screen.queryByTestId("agreement-saved")).toBeNull();
  });

  it("cancels an edit, by button or Escape, without saving", async () => {
    const { backend, first, user } = await openSettings();
    await user.click(byTestId("agreement-edit"));
    await user.type(byTestId("agreement-edit-text"), " More.");
    await user.click(byTestId("agreement-edit-cancel"));
    expect(screen.queryByTestId("agreement-edit-text")).toBeNull();
    expect(byTestId("agreement-edit")).toHaveFocus();
    await user.click(byTestId("agreement-edit"));
    expect(byTestId("agreement-edit-text")).toHaveValue(first.text);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("agreement-edit-text")).toBeNull());
    expect(backend.callsOf("agreement_update")).toEqual([]);
    expect(await versions(backend)).toEqual([first]);
  });
});
