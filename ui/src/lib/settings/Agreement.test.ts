import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/svelte";
import { DEFAULT_AGREEMENT } from "../fake-signing";
import { byTestId, renderApp } from "../test-support";

async function openSettings() {
  const rendered = await renderApp({ state: "unlocked" });
  await rendered.user.click(byTestId("nav-settings"));
  await screen.findByTestId("agreement-panel");
  await screen.findByTestId("agreement-text");
  return rendered;
}

describe("the confidentiality agreement in Settings", () => {
  it("shows the current version's text, number and date, with no earlier versions", async () => {
    await openSettings();
    expect(byTestId("agreement-version")).toHaveTextContent(/^Version 1, made 1 Nov 2026, 09:00 · SHA-256 [0-9a-f]{12}$/);
    expect(byTestId("agreement-text").textContent).toBe(DEFAULT_AGREEMENT);
    expect(byTestId("agreement-versions-empty")).toHaveTextContent("None: this is the first version.");
    expect(screen.queryByTestId("agreement-edit-text")).toBeNull();
  });

  it("saves an edited text as version 2 and lists version 1 as earlier", async () => {
    const { fake, user } = await openSettings();
    await user.click(byTestId("agreement-edit"));
    const text = byTestId("agreement-edit-text");
    expect(text).toHaveFocus();
    expect(text).toHaveAccessibleName("Agreement text");
    expect(text).toHaveValue(DEFAULT_AGREEMENT);
    await user.type(text, "\n\n6. I will not photograph the screen.");
    await user.click(byTestId("agreement-edit-save"));

    expect(await screen.findByTestId("agreement-saved")).toHaveTextContent(
      "Version 2 saved. Signatures already made keep the version they signed.",
    );
    expect(fake.callsOf("agreement_update")).toEqual([
      { text: `${DEFAULT_AGREEMENT}\n\n6. I will not photograph the screen.` },
    ]);
    expect(byTestId("agreement-version")).toHaveTextContent(/^Version 2, made 25 Nov 2026, \d\d:\d\d/);
    expect(byTestId("agreement-text")).toHaveTextContent("6. I will not photograph the screen.");
    expect(screen.queryByTestId("agreement-edit-text")).toBeNull();
    expect(byTestId("agreement-edit")).toHaveFocus();

    const earlier = within(byTestId("agreement-versions")).getAllByTestId("agreement-version-row");
    expect(earlier.map((r) => r.dataset.version)).toEqual(["1"]);
    const v1 = fake.signing.agreements[0];
    expect(earlier[0]).toHaveTextContent(`Version 1, made 1 Nov 2026, 09:00 · SHA-256 ${v1?.sha256.slice(0, 12)}`);
    expect(earlier[0]).not.toHaveTextContent(v1?.sha256 ?? "");
  });

  it("shows Rust's refusal of an unchanged text and makes no version", async () => {
    const { fake, user } = await openSettings();
    await user.click(byTestId("agreement-edit"));
    await user.click(byTestId("agreement-edit-save"));
    expect(await screen.findByTestId("agreement-edit-error")).toHaveTextContent(
      "The agreement text is unchanged, so no new version was made.",
    );
    expect(fake.signing.agreements).toHaveLength(1);
    expect(byTestId("agreement-edit-text")).toHaveAttribute("aria-invalid", "true");
    expect(byTestId("agreement-version")).toHaveTextContent(/^Version 1,/);
    expect(screen.queryByTestId("agreement-saved")).toBeNull();
  });

  it("cancels an edit, by button or Escape, without saving", async () => {
    const { fake, user } = await openSettings();
    await user.click(byTestId("agreement-edit"));
    await user.type(byTestId("agreement-edit-text"), " More.");
    await user.click(byTestId("agreement-edit-cancel"));
    expect(screen.queryByTestId("agreement-edit-text")).toBeNull();
    expect(byTestId("agreement-edit")).toHaveFocus();
    await user.click(byTestId("agreement-edit"));
    expect(byTestId("agreement-edit-text")).toHaveValue(DEFAULT_AGREEMENT);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByTestId("agreement-edit-text")).toBeNull());
    expect(fake.callsOf("agreement_update")).toEqual([]);
  });
});
