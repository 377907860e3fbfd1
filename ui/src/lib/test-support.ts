/** Helpers for the Vitest tests: the whole app over a FakeBackend. */
import { expect } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import { FakeBackend, type FakeOptions } from "./fake-backend";

export async function renderApp(options: FakeOptions | FakeBackend = {}) {
  const fake = options instanceof FakeBackend ? options : new FakeBackend(options);
  const user = userEvent.setup();
  const result = render(App, { props: { backend: fake } });
  // Wait for the first status to arrive.
  await waitFor(() => expect(screen.queryByTestId("screen-starting")).toBeNull());
  return { fake, user, ...result };
}

export function byTestId(id: string): HTMLElement {
  return screen.getByTestId(id);
}

export function rowNames(): string[] {
  return screen.queryAllByTestId("agency-row").map((r) => r.dataset.agencyName ?? "");
}
