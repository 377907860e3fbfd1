/** Helpers for the Vitest tests: the whole app over the real backend (test-backend.ts). */
import { expect } from "vitest";
import { tick } from "svelte";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "../App.svelte";
import type { Attendance, CaseInput, DisclosureInput } from "./bindings";
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

/** An unlocked new vault with the seeded records and a meeting planned on `date`. */
export async function withMeeting(date = "2026-12-02") {
  const { backend, seed } = await renderWithRecords();
  const page = await planMeeting(backend, seed, date);
  return { backend, seed, page, meetingId: page.meeting.id };
}

/** Records one invitee's attendance (no times, no written update). */
export async function setAttendance(
  backend: TestBackend,
  meetingId: number,
  personId: number,
  attendance: Attendance,
) {
  await backend.direct("attendance_set", {
    meeting_id: meetingId,
    person_id: personId,
    attendance,
    written_update: false,
    arrived_at: null,
    left_at: null,
  });
}

/** Runs `signing` inside the backend's kiosk, then leaves it with the passphrase. */
export async function inKiosk(backend: TestBackend, meetingId: number, signing: () => Promise<unknown>) {
  await backend.direct("kiosk_start", { meeting_id: meetingId });
  await signing();
  await backend.direct("kiosk_leave", { passphrase: backend.passphrase });
}

/** A case as `case_add` takes it: no personal details unless given. */
export function caseInput(fields: Pick<CaseInput, "case_ref" | "kind" | "label"> & Partial<CaseInput>): CaseInput {
  return {
    subject_name: null,
    aliases: [],
    date_of_birth: null,
    address: null,
    grc_flag: false,
    grc_flag_date: null,
    grc_flag_source: null,
    ...fields,
  };
}

/**
 * Renders the app over `backend` and opens a meeting's page from the
 * Meetings screen, once everything on it has loaded.
 */
export async function openMeeting(backend: TestBackend, meetingId: number) {
  const pending = () => backend.inFlight();
  const rendered = await renderApp(backend);
  await rendered.user.click(byTestId("nav-meetings"));
  await screen.findByTestId("meetings-table");
  await rendered.user.click(within(byData("meeting-row", "meeting-id", meetingId)).getByTestId("meeting-open"));
  await screen.findByTestId("agenda-panel");
  await waitFor(() => expect(byTestId("meeting-heading")).toHaveFocus());
  await waitFor(() => expect(pending()).toBe(0));
  await tick();
  return { ...rendered, pending };
}

/** As `openMeeting`, then its minute-taking view, once loaded. */
export async function openMinutes(backend: TestBackend, meetingId: number) {
  const rendered = await openMeeting(backend, meetingId);
  await rendered.user.click(byTestId("meeting-take-minutes"));
  await screen.findByTestId("minutes-rail");
  await waitFor(() => expect(byTestId("minutes-item-title")).toHaveFocus());
  await waitFor(() => expect(rendered.pending()).toBe(0));
  await tick();
  return rendered;
}

export const CASE_REF = "NB-2026-014";

/**
 * A meeting today (or on `date`), in progress: the sergeant (police) and the officer
 * (council) present and signed; "Case reviews" about case NB-2026-014, an
 * adult whose recorded name is Jordan Pike. With `unsignedPrevention`, the
 * prevention officer is present too, without signing.
 */
export async function meetingInProgress(
  options: { unsignedPrevention?: boolean; date?: string; exportDir?: boolean } = {},
) {
  const { backend, seed } = await renderWithRecords({ exportDir: options.exportDir ?? false });
  const page = await planMeeting(backend, seed, options.date ?? TEST_TODAY);
  const id = page.meeting.id;
  await setAttendance(backend, id, seed.sergeant.id, "present");
  await setAttendance(backend, id, seed.officer.id, "present");
  if (options.unsignedPrevention) await setAttendance(backend, id, seed.prevention.id, "present");
  await inKiosk(backend, id, async () => {
    for (const p of [seed.sergeant, seed.officer]) {
      await backend.direct("kiosk_sign", {
        signer: { person_id: p.id, newcomer: null },
        method: "typed",
        strokes: [],
        typed_name: p.name,
      });
    }
  });
  await backend.direct("meeting_set_status", { id, status: "in_progress" });
  await backend.direct(
    "case_add",
    caseInput({ case_ref: CASE_REF, kind: "individual", label: "Adult male, Tanner's Row", subject_name: "Jordan Pike" }),
  );
  const reviews = page.agenda.find((i) => i.title === "Case reviews")!;
  await backend.direct("agenda_item_update", {
    id: reviews.id,
    item: {
      kind: reviews.kind,
      title: reviews.title,
      case_ref: CASE_REF,
      presenting_agency_id: null,
      marking: "OFFICIAL-SENSITIVE",
      descriptor: null,
    },
  });
  return { backend, seed, meetingId: id, reviewsId: reviews.id, agenda: page.agenda };
}

/** A disclosure as `disclosure_add` takes it: the sergeant, a fact about an incident. */
export function ordinary(seed: Seed, itemId: number, change: Partial<DisclosureInput["draft"]> = {}): DisclosureInput {
  return {
    item_id: itemId,
    case_ref: null,
    person_id: seed.sergeant.id,
    draft: {
      category: "incident",
      nature: "fact",
      text: "Two reports of criminal damage at the shop on Tanner's Row in October.",
      caution: null,
      harassment_warning: null,
      asb_admission: null,
      conviction: null,
      legal_power: "cda_1998_s115",
      statutory_purpose: "crime_and_disorder",
      touches_gender_history: false,
      gender_exception: null,
      ...change,
    },
    marking: null,
    descriptor: null,
    minuting: "full",
    minute_summary: null,
    accepted: [],
  };
}
