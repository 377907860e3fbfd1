/** Helpers for the Vitest tests: the whole app over the real backend (test-backend.ts). */
import { expect } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import { TEST_TODAY, TestBackend, type TestVault } from "./test-backend";

export { TEST_PASSPHRASE, TEST_TODAY, TestBackend, type TestVault } from "./test-backend";

/** Renders the app over `backend` (or a new one set up as `setup` says). */
export async function renderApp(setup: TestVault | TestBackend = {}) {
  const backend = setup instanceof TestBackend ? setup : await TestBackend.start(setup);
  const user = userEvent.setup();
  const result = render(App, { props: { backend } });
  // Wait for the first status to arrive.
  await waitFor(() => expect(screen.queryByTestId("screen-starting")).toBeNull());
  return { backend, user, ...result };
}

export function byTestId(id: string): HTMLElement {
  return screen.getByTestId(id);
}

export function rowNames(): string[] {
  return screen.queryAllByTestId("agency-row").map((r) => r.dataset.agencyName ?? "");
}

/** The id of the agency whose name starts with `prefix`. */
export async function agencyId(backend: TestBackend, prefix: string): Promise<number> {
  const agencies = await backend.direct("agencies_list", { include_inactive: true });
  const found = agencies.find((a) => a.name.startsWith(prefix));
  if (!found) throw new Error(`no agency ${prefix}`);
  return found.id;
}

/**
 * Invented records for the screen tests, made through the API: one group
 * and three people, at three of the Appendix A partners a new vault holds.
 */
export async function seedRecords(backend: TestBackend) {
  const police = await agencyId(backend, "West Mercia Police");
  const council = await agencyId(backend, "Shropshire Council");
  const fire = await agencyId(backend, "Shropshire Fire");
  const group = await backend.direct("group_add", {
    name: "Wrekin Vale Tasking Group",
    default_kind: "bronze_tasking",
  });
  const person = (name: string, agency_id: number, role: string) =>
    backend.direct("person_add", { name, agency_id, role, email: null });
  const sergeant = await person("Priya Okonkwo-Hale", police, "Neighbourhood Sergeant");
  const officer = await person("Tomasz Brennan", council, "Anti-Social Behaviour Officer");
  const prevention = await person("Ada Quill", fire, "Prevention Officer");
  return { police, council, fire, group, sergeant, officer, prevention };
}

export type Seed = Awaited<ReturnType<typeof seedRecords>>;

/** Plans a meeting of the seeded group, everyone invited. */
export async function planMeeting(backend: TestBackend, seed: Seed, date: string) {
  return backend.direct("meeting_plan", {
    meeting: {
      group_id: seed.group.id,
      kind: "bronze_tasking",
      date,
      start_time: "10:00",
      venue: "Civic Centre, Room 2",
      chair_id: seed.officer.id,
      minute_taker_id: seed.sergeant.id,
      review_date: null,
    },
    invitees: [seed.sergeant.id, seed.officer.id, seed.prevention.id],
  });
}

/** An unlocked new vault (today is `TEST_TODAY` unless set) with the seeded records. */
export async function renderWithRecords(setup: TestVault = {}) {
  const backend = await TestBackend.start({ state: "unlocked", today: TEST_TODAY, ...setup });
  const seed = await seedRecords(backend);
  return { seed, backend };
}

/** The element with `testid` whose `data-{key}` is `value`. */
export function byData(testid: string, key: string, value: string | number): HTMLElement {
  const found = screen
    .queryAllByTestId(testid)
    .find((el) => el.getAttribute(`data-${key}`) === String(value));
  if (!found) throw new Error(`no [data-testid=${testid}][data-${key}=${value}]`);
  return found;
}
