import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen } from "@testing-library/svelte";
import { byTestId, renderApp } from "./lib/test-support";

describe("the app", () => {
  it("picks the screen from the vault's state", async () => {
    await renderApp({ state: "kiosk" });
    expect(screen.getByTestId("screen-kiosk")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-home")).toBeNull();
  });

  it("offers to try again when the status cannot be read", async () => {
    const { FakeBackend } = await import("./lib/fake-backend");
    const fake = new FakeBackend({ state: "locked" });
    fake.failNext("vault_status", { code: "io", message: "The vault file could not be read (busy)." });
    const { user } = await renderApp(fake);
    expect(byTestId("form-error")).toHaveTextContent("The vault file could not be read (busy).");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByTestId("screen-unlock");
  });

  it("reports activity while unlocked, at most once every 20 seconds", async () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    const { fake } = await renderApp({ state: "unlocked" });
    await screen.findByTestId("screen-home");
    fireEvent.keyDown(window, { key: "a" });
    fireEvent.pointerDown(document.body);
    fireEvent.wheel(document.body);
    expect(fake.callsOf("activity")).toHaveLength(1);
    now.mockReturnValue(1_019_999);
    fireEvent.keyDown(window, { key: "a" });
    expect(fake.callsOf("activity")).toHaveLength(1);
    now.mockReturnValue(1_020_000);
    fireEvent.pointerDown(document.body);
    expect(fake.callsOf("activity")).toHaveLength(2);
  });

  it("reports no activity while locked", async () => {
    const { fake } = await renderApp({ state: "locked" });
    fireEvent.keyDown(window, { key: "a" });
    expect(fake.callsOf("activity")).toHaveLength(0);
  });
});
