import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen } from "@testing-library/svelte";
import { byTestId, planMeeting, renderApp, seedRecords, TestBackend } from "./lib/test-support";

/** A backend whose vault is in the kiosk: a meeting planned, signing started. */
async function kioskBackend(): Promise<TestBackend> {
  const backend = await TestBackend.start({ state: "unlocked" });
  const seed = await seedRecords(backend);
  const page = await planMeeting(backend, seed, "2026-12-02");
  await backend.direct("kiosk_start", { meeting_id: page.meeting.id });
  return backend;
}

describe("the app", () => {
  it("picks the screen from the vault's state", async () => {
    const backend = await kioskBackend();
    expect((await backend.status()).state).toBe("kiosk");
    await renderApp(backend);
    expect(screen.getByTestId("screen-kiosk")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-home")).toBeNull();
  });

  it("offers to try again when the status cannot be read", async () => {
    const backend = await TestBackend.start({ state: "locked" });
    // A disk error cannot be caused on demand: the one stubbed call, in Rust's words (vault::Error::Io).
    const message = "The vault file could not be read or written (busy). Nothing saved earlier has been lost.";
    backend.failNext("vault_status", { code: "io", message });
    const { user } = await renderApp(backend);
    expect(byTestId("form-error")).toHaveTextContent(message);
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByTestId("screen-unlock");
  });

  it("reports activity while unlocked, at most once every 20 seconds", async () => {
    const backend = await TestBackend.start({ state: "unlocked" });
    const now = vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    try {
      await renderApp(backend);
      await screen.findByTestId("screen-home");
      fireEvent.keyDown(window, { key: "a" });
      fireEvent.pointerDown(document.body);
      fireEvent.wheel(document.body);
      expect(backend.callsOf("activity")).toHaveLength(1);
      now.mockReturnValue(1_019_999);
      fireEvent.keyDown(window, { key: "a" });
      expect(backend.callsOf("activity")).toHaveLength(1);
      now.mockReturnValue(1_020_000);
      fireEvent.pointerDown(document.body);
      expect(backend.callsOf("activity")).toHaveLength(2);
    } finally {
      now.mockRestore();
    }
  });

  it("reports no activity while locked", async () => {
    const { backend } = await renderApp({ state: "locked" });
    await screen.findByTestId("screen-unlock");
    fireEvent.keyDown(window, { key: "a" });
    fireEvent.pointerDown(document.body);
    expect(backend.callsOf("activity")).toHaveLength(0);
  });
});
