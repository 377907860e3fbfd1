/** Helpers for the Vitest tests: the whole app over a FakeBackend. */
import { expect } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import { APPENDIX_A, FakeBackend, type FakeOptions } from "./fake-backend";

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

/**
 * Invented records for the screen tests, made through the fake's own rules:
 * the Appendix A partners, one group and three people.
 */
export async function seedRecords(fake: FakeBackend) {
  if (fake.agencies.length === 0) {
    for (const a of APPENDIX_A) await fake.call("agency_add", a);
  }
  const agencies = await fake.call("agencies_list", { include_inactive: false });
  const agencyId = (prefix: string) => {
    const found = agencies.find((a) => a.name.startsWith(prefix));
    if (!found) throw new Error(`no agency ${prefix}`);
    return found.id;
  };
  const police = agencyId("West Mercia Police");
  const council = agencyId("Shropshire Council");
  const fire = agencyId("Shropshire Fire");
  const group = await fake.call("group_add", {
    name: "Northbrook Bronze Tasking Group",
    default_kind: "bronze_tasking",
  });
  const person = (name: string, agency_id: number, role: string) =>
    fake.call("person_add", { name, agency_id, role, email: null });
  const sergeant = await person("Priya Okonkwo-Hale", police, "Neighbourhood Sergeant");
  const officer = await person("Tomasz Brennan", council, "Anti-Social Behaviour Officer");
  const prevention = await person("Ada Quill", fire, "Prevention Officer");
  return { police, council, fire, group, sergeant, officer, prevention };
}

export type Seed = Awaited<ReturnType<typeof seedRecords>>;

/** Plans a meeting of the seeded group, everyone invited. */
export async function planMeeting(fake: FakeBackend, seed: Seed, date: string) {
  return fake.call("meeting_plan", {
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

/** An unlocked app with the seeded records, on the screen `nav` opens. */
export async function renderWithRecords(options: FakeOptions = {}) {
  const fake = new FakeBackend({ state: "unlocked", today: "2026-11-25", ...options });
  const seed = await seedRecords(fake);
  return { seed, fake };
}

/** The element with `testid` whose `data-{key}` is `value`. */
export function byData(testid: string, key: string, value: string | number): HTMLElement {
  const found = screen
    .queryAllByTestId(testid)
    .find((el) => el.getAttribute(`data-${key}`) === String(value));
  if (!found) throw new Error(`no [data-testid=${testid}][data-${key}=${value}]`);
  return found;
}
