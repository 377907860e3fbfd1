/**
 * The chair's everyday records for the fake backend: groups, people,
 * meetings (invitations, attendance, agenda), actions with carry-forward,
 * home and search. Each operation follows casebook's Rust (`groups.rs`,
 * `people.rs`, `meetings.rs`, `actions.rs`, `home.rs`, `search.rs`): the
 * same checks in the same order, the same messages, the same orderings.
 */
import type {
  Action,
  ActionEdit,
  ActionFilter,
  ActionInput,
  ActionStatus,
  ActionStatusChange,
  ActionUpdate,
  Agency,
  AgendaItem,
  AgendaItemInput,
  AgendaItemKind,
  Attendance,
  AttendanceInput,
  CarriedAction,
  Descriptor,
  Group,
  GroupInput,
  HitKind,
  Home,
  Invitation,
  Marking,
  Meeting,
  MeetingFilter,
  MeetingInput,
  MeetingKind,
  MeetingPage,
  MeetingStatus,
  Person,
  PersonInput,
  SearchHit,
  Signature,
} from "./bindings";
import {
  addMonths,
  chars,
  checkDate,
  checkOptionalDate,
  checkOptionalTime,
  checkTime,
  cleanText,
  conflict,
  invalid,
  nameRule,
  notFound,
  type TextRule,
} from "./fake-rules";
import { AGENDA_KIND_LABELS } from "./labels";

/** What the records need from the rest of the fake. */
export interface CasebookHost {
  agency(id: number): Agency | undefined;
  /** An RFC 3339 instant for `updated_at` and update stamps. */
  now(): string;
  /** Today in Europe/London, `YYYY-MM-DD`. */
  today(): string;
  reviewMonths(): number;
  /** A meeting's confidentiality agreement register. */
  register?(meetingId: number): Signature[];
}

type GroupRow = { id: number; name: string; default_kind: MeetingKind; active: boolean };
type PersonRow = {
  id: number;
  name: string;
  agency_id: number;
  role: string;
  email: string | null;
  active: boolean;
};
type MeetingRow = {
  id: number;
  group_id: number;
  kind: MeetingKind;
  date: string;
  start_time: string;
  venue: string;
  chair_id: number | null;
  minute_taker_id: number | null;
  status: MeetingStatus;
  review_date: string;
};
type InvitationRow = {
  meeting_id: number;
  person_id: number;
  attendance: Attendance;
  written_update: boolean;
  arrived_at: string | null;
  left_at: string | null;
};
type ItemRow = {
  id: number;
  meeting_id: number;
  position: number;
  kind: AgendaItemKind;
  title: string;
  case_ref: string | null;
  presenting_agency_id: number | null;
  marking: Marking;
  descriptor: Descriptor | null;
};
type ActionRow = {
  id: number;
  text: string;
  owner_agency_id: number;
  owner_person_id: number | null;
  due_date: string;
  status: ActionStatus;
  drop_reason: string | null;
  closed_on: string | null;
  closed_meeting_id: number | null;
  raised_meeting_id: number;
  raised_item_id: number | null;
};
type UpdateRow = ActionUpdate & { action_id: number };

const GROUP_NAME = nameRule("Group name", 120);
const PERSON_NAME = nameRule("Name", 120);
const ROLE = nameRule("Role or title", 120);
const VENUE = nameRule("Venue", 200);
const TITLE = nameRule("Item title", 200);
const ACTION_TEXT: TextRule = { field: "Action", maxChars: 2000, multiline: true, required: true };
const NOTE: TextRule = { field: "Update", maxChars: 2000, multiline: true, required: false };

export const MAX_AGENDA_ITEMS = 200;
export const MAX_INVITEES = 200;
export const MAX_QUERY_CHARS = 200;
export const MAX_HITS = 50;

/** The usual agenda of a new meeting (`meetings::usual_agenda`). */
export function usualAgenda(): AgendaItemInput[] {
  const rows: Array<[AgendaItemKind, Marking, Descriptor | null, string | null]> = [
    ["introductions", "OFFICIAL", null, null],
    ["apologies", "OFFICIAL", null, null],
    ["previous_minutes", "OFFICIAL", null, null],
    ["new_referral", "OFFICIAL-SENSITIVE", "PERSONAL DATA", "New referrals"],
    ["case_review", "OFFICIAL-SENSITIVE", "PERSONAL DATA", "Case reviews"],
    ["hotspot_location", "OFFICIAL-SENSITIVE", "PERSONAL DATA", "Hotspot locations"],
    ["any_other_business", "OFFICIAL", null, null],
    ["next_meeting", "OFFICIAL", null, null],
  ];
  return rows.map(([kind, marking, descriptor, title]) => ({
    kind,
    title: title ?? AGENDA_KIND_LABELS[kind],
    case_ref: null,
    presenting_agency_id: null,
    marking,
    descriptor,
  }));
}

/** SQLite's `COLLATE NOCASE`: ASCII letters folded. */
function nocase(a: string, b: string): number {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const x = fold(a);
  const y = fold(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checks a case reference (`meetings::case_ref`). */
export function checkCaseRef(input: string | null): string | null {
  const trimmed = input?.trim() ?? "";
  if (trimmed === "") return null;
  const text = cleanText(nameRule("Case reference", 20), trimmed);
  const allowed = /^[A-Za-z0-9\-/.]+$/.test(text);
  if (!allowed || !/[0-9]/.test(text)) {
    invalid(
      "Case reference",
      "must be a short code such as NS-2026-014 (letters, digits, - / or ., with at least one digit), never a person's name. Please change it.",
    );
  }
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** Checks an optional work email (`people::email`). */
function checkEmail(input: string | null): string | null {
  const trimmed = input?.trim() ?? "";
  if (trimmed === "") return null;
  const text = cleanText(nameRule("Work email", 254), trimmed);
  const at = text.indexOf("@");
  const local = at < 0 ? "" : text.slice(0, at);
  const domain = at < 0 ? "" : text.slice(at + 1);
  const ok =
    at >= 0 &&
    local !== "" &&
    !domain.includes("@") &&
    domain.includes(".") &&
    !domain.startsWith(".") &&
    !domain.endsWith(".") &&
    !/\s/u.test(text);
  if (!ok) {
    invalid(
      "Work email",
      "does not look like an email address (name@agency.gov.uk). Correct it or leave it empty.",
    );
  }
  return text;
}

type CleanMeeting = Omit<MeetingRow, "id" | "status" | "review_date"> & {
  review_date: string | null;
};

function cleanMeeting(input: MeetingInput): CleanMeeting {
  const date = checkDate("Meeting date", input.date);
  const review = checkOptionalDate("Review date", input.review_date);
  if (review !== null && review < date) {
    invalid("Review date", "must be on or after the meeting date. Please choose a later date.");
  }
  return {
    group_id: input.group_id,
    kind: input.kind,
    date,
    start_time: checkTime("Start time", input.start_time),
    venue: cleanText(VENUE, input.venue),
    chair_id: input.chair_id,
    minute_taker_id: input.minute_taker_id,
    review_date: review,
  };
}

function cleanItem(input: AgendaItemInput): AgendaItemInput {
  return {
    kind: input.kind,
    title: cleanText(TITLE, input.title),
    case_ref: checkCaseRef(input.case_ref),
    presenting_agency_id: input.presenting_agency_id,
    marking: input.marking,
    descriptor: input.descriptor,
  };
}

function cleanEdit(e: ActionEdit): ActionEdit {
  return {
    text: cleanText(ACTION_TEXT, e.text),
    owner_agency_id: e.owner_agency_id,
    owner_person_id: e.owner_person_id,
    due_date: checkDate("Due date", e.due_date),
  };
}

/** Lower case without diacritics, as FTS5's `remove_diacritics 2`. */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function words(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
}

export class FakeCasebook {
  groups: GroupRow[] = [];
  people: PersonRow[] = [];
  meetings: MeetingRow[] = [];
  invitations: InvitationRow[] = [];
  items: ItemRow[] = [];
  actions: ActionRow[] = [];
  updates: UpdateRow[] = [];
  private ids = { group: 1, person: 1, meeting: 1, item: 1, action: 1, update: 1 };

  constructor(private readonly host: CasebookHost) {}

  // ---- lookups --------------------------------------------------------

  private requirePerson(id: number, field: string): PersonRow {
    const p = this.people.find((x) => x.id === id);
    if (!p) {
      invalid(field, "is not in the list of people. Choose someone from the list, or add them first.");
    }
    return p;
  }

  private requireAgency(id: number, field: string): Agency {
    const a = this.host.agency(id);
    if (!a) invalid(field, "is not in the agency directory. Choose an agency from the list.");
    return a;
  }

  private meetingRow(id: number): MeetingRow {
    return this.meetings.find((m) => m.id === id) ?? notFound("meeting");
  }

  private itemRow(id: number): ItemRow {
    return this.items.find((i) => i.id === id) ?? notFound("agenda item");
  }

  private actionRow(id: number): ActionRow {
    return this.actions.find((a) => a.id === id) ?? notFound("action");
  }

  private personName(id: number | null): string | null {
    return id === null ? null : (this.people.find((p) => p.id === id)?.name ?? null);
  }

  private agencyName(id: number): string {
    return this.host.agency(id)?.name ?? "";
  }

  // ---- groups ---------------------------------------------------------

  private groupView(g: GroupRow): Group {
    return { ...g, meetings: this.meetings.filter((m) => m.group_id === g.id).length };
  }

  private groupRow(id: number): GroupRow {
    return this.groups.find((g) => g.id === id) ?? notFound("group");
  }

  listGroups(includeInactive: boolean): Group[] {
    return this.groups
      .filter((g) => g.active || includeInactive)
      .sort((a, b) => nocase(a.name, b.name))
      .map((g) => this.groupView(g));
  }

  private refuseDuplicateGroup(name: string, except: number | null): void {
    if (this.groups.some((g) => g.id !== except && nocase(g.name, name) === 0)) {
      conflict("A group with this name already exists. Use that one, or choose another name.");
    }
  }

  addGroup(input: GroupInput): Group {
    const name = cleanText(GROUP_NAME, input.name);
    this.refuseDuplicateGroup(name, null);
    const g: GroupRow = { id: this.ids.group++, name, default_kind: input.default_kind, active: true };
    this.groups.push(g);
    return this.groupView(g);
  }

  updateGroup(id: number, input: GroupInput): Group {
    const name = cleanText(GROUP_NAME, input.name);
    this.refuseDuplicateGroup(name, id);
    const g = this.groupRow(id);
    g.name = name;
    g.default_kind = input.default_kind;
    return this.groupView(g);
  }

  setGroupActive(id: number, active: boolean): Group {
    const g = this.groupRow(id);
    g.active = active;
    return this.groupView(g);
  }

  // ---- people ---------------------------------------------------------

  private personView(p: PersonRow): Person {
    return { ...p, agency_name: this.agencyName(p.agency_id) };
  }

  private cleanPerson(input: PersonInput): PersonInput {
    return {
      name: cleanText(PERSON_NAME, input.name),
      agency_id: input.agency_id,
      role: cleanText(ROLE, input.role),
      email: checkEmail(input.email),
    };
  }

  listPeople(includeInactive: boolean): Person[] {
    return this.people
      .filter((p) => p.active || includeInactive)
      .sort((a, b) => nocase(a.name, b.name) || a.id - b.id)
      .map((p) => this.personView(p));
  }

  addPerson(input: PersonInput): Person {
    const clean = this.cleanPerson(input);
    this.requireAgency(clean.agency_id, "Agency");
    const p: PersonRow = { id: this.ids.person++, ...clean, active: true };
    this.people.push(p);
    return this.personView(p);
  }

  updatePerson(id: number, input: PersonInput): Person {
    const clean = this.cleanPerson(input);
    this.requireAgency(clean.agency_id, "Agency");
    const p = this.people.find((x) => x.id === id) ?? notFound("person");
    Object.assign(p, clean);
    return this.personView(p);
  }

  setPersonActive(id: number, active: boolean): Person {
    const p = this.people.find((x) => x.id === id) ?? notFound("person");
    p.active = active;
    return this.personView(p);
  }

  // ---- meetings -------------------------------------------------------

  private meetingView(m: MeetingRow): Meeting {
    return {
      ...m,
      group_name: this.groups.find((g) => g.id === m.group_id)?.name ?? "",
      chair_name: this.personName(m.chair_id),
      minute_taker_name: this.personName(m.minute_taker_id),
    };
  }

  /** Orders by (date, start time, id), as Rust's row comparisons. */
  private static when(a: MeetingRow, b: MeetingRow): number {
    return cmp(a.date, b.date) || cmp(a.start_time, b.start_time) || a.id - b.id;
  }

  listMeetings(filter: MeetingFilter): Meeting[] {
    const from = checkOptionalDate("From", filter.from);
    const to = checkOptionalDate("To", filter.to);
    const limit = Math.min(Math.max(filter.limit ?? 200, 1), 1000);
    return this.meetings
      .filter(
        (m) =>
          (filter.group_id === null || m.group_id === filter.group_id) &&
          (from === null || m.date >= from) &&
          (to === null || m.date <= to) &&
          (filter.status === null || m.status === filter.status),
      )
      .sort((a, b) => FakeCasebook.when(b, a))
      .slice(0, limit)
      .map((m) => this.meetingView(m));
  }

  page(id: number): MeetingPage {
    const m = this.meetingRow(id);
    const same = this.meetings.filter((x) => x.group_id === m.group_id).sort(FakeCasebook.when);
    const before = same.filter((x) => FakeCasebook.when(x, m) < 0);
    const after = same.filter((x) => FakeCasebook.when(x, m) > 0);
    const previous = before[before.length - 1];
    const next = after[0];
    return {
      meeting: this.meetingView(m),
      previous: previous ? this.meetingView(previous) : null,
      next: next ? this.meetingView(next) : null,
      invitations: this.invitationsOf(id),
      agenda: this.agendaOf(id),
      actions_raised: this.actions
        .filter((a) => a.raised_meeting_id === id)
        .sort((a, b) => a.id - b.id)
        .map((a) => this.actionView(a)),
      carried_forward: this.carriedForward(m),
      register: this.host.register?.(id) ?? [],
    };
  }

  /** One person, as `people_list` shows them. */
  getPerson(id: number): Person {
    return this.personView(this.requirePerson(id, "Person"));
  }

  private checkPeople(m: CleanMeeting): void {
    if (!this.groups.some((g) => g.id === m.group_id)) {
      invalid("Group", "is not in the list of groups. Choose a group, or add it first.");
    }
    if (m.chair_id !== null) this.requirePerson(m.chair_id, "Chair");
    if (m.minute_taker_id !== null) this.requirePerson(m.minute_taker_id, "Minute-taker");
  }

  planMeeting(input: MeetingInput, listed: number[]): MeetingPage {
    const m = cleanMeeting(input);
    // Someone listed twice is invited once.
    const invitees = [...new Set(listed)];
    if (invitees.length > MAX_INVITEES) {
      invalid("Invitees", `are too many (at most ${MAX_INVITEES}). Invite fewer people.`);
    }
    // All or nothing, as Rust's transaction: check before writing.
    this.checkPeople(m);
    for (const p of invitees) this.requirePerson(p, "Person");
    const row: MeetingRow = {
      id: this.ids.meeting++,
      ...m,
      status: "planned",
      review_date: m.review_date ?? addMonths(m.date, this.host.reviewMonths()),
    };
    this.meetings.push(row);
    for (const item of usualAgenda()) this.insertItem(row.id, item);
    for (const p of invitees) this.invitations.push(this.newInvitation(row.id, p));
    return this.page(row.id);
  }

  updateMeeting(id: number, input: MeetingInput): MeetingPage {
    const m = cleanMeeting(input);
    this.checkPeople(m);
    const row = this.meetingRow(id);
    const review = m.review_date ?? row.review_date;
    if (review < m.date) {
      invalid(
        "Review date",
        "must be on or after the meeting date. Please choose a later review date.",
      );
    }
    Object.assign(row, m, { review_date: review });
    return this.page(id);
  }

  setMeetingStatus(id: number, status: MeetingStatus): MeetingPage {
    this.meetingRow(id).status = status;
    return this.page(id);
  }

  // ---- invitations and attendance -------------------------------------

  private newInvitation(meetingId: number, personId: number): InvitationRow {
    return {
      meeting_id: meetingId,
      person_id: personId,
      attendance: "invited",
      written_update: false,
      arrived_at: null,
      left_at: null,
    };
  }

  private invitationsOf(meetingId: number): Invitation[] {
    return this.invitations
      .filter((i) => i.meeting_id === meetingId)
      .map((i) => {
        const p = this.people.find((x) => x.id === i.person_id);
        return {
          person_id: i.person_id,
          name: p?.name ?? "",
          agency_name: p ? this.agencyName(p.agency_id) : "",
          role: p?.role ?? "",
          attendance: i.attendance,
          written_update: i.written_update,
          arrived_at: i.arrived_at,
          left_at: i.left_at,
        };
      })
      .sort((a, b) => nocase(a.agency_name, b.agency_name) || nocase(a.name, b.name));
  }

  invite(meetingId: number, personId: number): MeetingPage {
    this.meetingRow(meetingId);
    this.requirePerson(personId, "Person");
    if (this.invitations.some((i) => i.meeting_id === meetingId && i.person_id === personId)) {
      conflict("That person is already invited to this meeting.");
    }
    this.invitations.push(this.newInvitation(meetingId, personId));
    return this.page(meetingId);
  }

  uninvite(meetingId: number, personId: number): MeetingPage {
    const at = this.invitations.findIndex(
      (i) => i.meeting_id === meetingId && i.person_id === personId,
    );
    const invitation = this.invitations[at];
    if (!invitation) notFound("invitation");
    if (invitation.attendance !== "invited") {
      conflict(
        'Their attendance is already recorded, so the invitation stays. Set their attendance back to "Invited" first if they were invited by mistake.',
      );
    }
    this.invitations.splice(at, 1);
    return this.page(meetingId);
  }

  setAttendance(input: AttendanceInput): MeetingPage {
    const arrived = checkOptionalTime("Arrived at", input.arrived_at);
    const left = checkOptionalTime("Left at", input.left_at);
    const present = input.attendance === "present";
    if (!present && (arrived !== null || left !== null)) {
      invalid(
        "Arrived at",
        "only applies to people who were present. Clear the times, or mark them present.",
      );
    }
    if (input.written_update && input.attendance !== "apologies") {
      invalid(
        "Written update sent",
        "only applies to people who sent apologies. Untick it, or record apologies.",
      );
    }
    if (arrived !== null && left !== null && left <= arrived) {
      invalid("Left at", "must be after the time they arrived. Please correct one of the times.");
    }
    const row = this.invitations.find(
      (i) => i.meeting_id === input.meeting_id && i.person_id === input.person_id,
    );
    if (!row) {
      invalid(
        "Person",
        "is not invited to this meeting. Invite them first, then record their attendance.",
      );
    }
    Object.assign(row, {
      attendance: input.attendance,
      written_update: input.written_update,
      arrived_at: arrived,
      left_at: left,
    });
    return this.page(input.meeting_id);
  }

  // ---- agenda ---------------------------------------------------------

  private agendaOf(meetingId: number): AgendaItem[] {
    return this.items
      .filter((i) => i.meeting_id === meetingId)
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((i) => ({
        ...i,
        presenting_agency_name:
          i.presenting_agency_id === null ? null : this.agencyName(i.presenting_agency_id),
      }));
  }

  private insertItem(meetingId: number, input: AgendaItemInput): number {
    if (input.presenting_agency_id !== null) {
      this.requireAgency(input.presenting_agency_id, "Presenting agency");
    }
    const count = this.items.filter((i) => i.meeting_id === meetingId).length;
    if (count >= MAX_AGENDA_ITEMS) {
      conflict(
        `This agenda already has ${MAX_AGENDA_ITEMS} items, the most one meeting can hold. Move some to another meeting.`,
      );
    }
    const id = this.ids.item++;
    this.items.push({ id, meeting_id: meetingId, position: count + 1, ...input });
    return id;
  }

  addItem(meetingId: number, input: AgendaItemInput): MeetingPage {
    const clean = cleanItem(input);
    this.meetingRow(meetingId);
    this.insertItem(meetingId, clean);
    return this.page(meetingId);
  }

  updateItem(id: number, input: AgendaItemInput): MeetingPage {
    const clean = cleanItem(input);
    if (clean.presenting_agency_id !== null) {
      this.requireAgency(clean.presenting_agency_id, "Presenting agency");
    }
    const item = this.itemRow(id);
    Object.assign(item, clean);
    return this.page(item.meeting_id);
  }

  removeItem(id: number): MeetingPage {
    const item = this.itemRow(id);
    if (this.actions.some((a) => a.raised_item_id === id)) {
      conflict(
        "Actions were raised under this item, so it stays on the agenda. Retitle it instead.",
      );
    }
    this.items = this.items.filter((i) => i.id !== id);
    this.renumber(item.meeting_id, null);
    return this.page(item.meeting_id);
  }

  moveItem(id: number, to: number): MeetingPage {
    const item = this.itemRow(id);
    this.renumber(item.meeting_id, { id, to });
    return this.page(item.meeting_id);
  }

  /** Positions 1..n, optionally placing one item at `to` (clamped). */
  private renumber(meetingId: number, place: { id: number; to: number } | null): void {
    const ordered = this.items
      .filter((i) => i.meeting_id === meetingId)
      .sort((a, b) => a.position - b.position || a.id - b.id);
    if (place) {
      const from = ordered.findIndex((i) => i.id === place.id);
      if (from >= 0) {
        const [entry] = ordered.splice(from, 1);
        const to = Math.min(Math.max(place.to - 1, 0), ordered.length);
        ordered.splice(to, 0, entry!);
      }
    }
    ordered.forEach((item, n) => {
      item.position = n + 1;
    });
  }

  // ---- actions --------------------------------------------------------

  private actionView(a: ActionRow): Action {
    const meeting = this.meetingRow(a.raised_meeting_id);
    const today = this.host.today();
    return {
      ...a,
      owner_agency_name: this.agencyName(a.owner_agency_id),
      owner_person_name: this.personName(a.owner_person_id),
      raised_meeting_date: meeting.date,
      group_name: this.groups.find((g) => g.id === meeting.group_id)?.name ?? "",
      raised_item_title:
        a.raised_item_id === null
          ? null
          : (this.items.find((i) => i.id === a.raised_item_id)?.title ?? null),
      overdue: a.status === "open" && a.due_date < today,
    };
  }

  getAction(id: number): Action {
    return this.actionView(this.actionRow(id));
  }

  listActions(filter: ActionFilter): Action[] {
    const today = this.host.today();
    const limit = Math.min(Math.max(filter.limit ?? 500, 1), 2000);
    return this.actions
      .filter((a) => {
        const m = this.meetingRow(a.raised_meeting_id);
        return (
          (filter.agency_id === null || a.owner_agency_id === filter.agency_id) &&
          (filter.group_id === null || m.group_id === filter.group_id) &&
          (filter.status === null || a.status === filter.status) &&
          (!filter.overdue_only || (a.status === "open" && a.due_date < today))
        );
      })
      .sort(
        (a, b) =>
          Number(b.status === "open") - Number(a.status === "open") ||
          cmp(a.due_date, b.due_date) ||
          a.id - b.id,
      )
      .slice(0, limit)
      .map((a) => this.actionView(a));
  }

  private carriedForward(m: MeetingRow): CarriedAction[] {
    return this.actions
      .filter((a) => {
        const raised = this.meetingRow(a.raised_meeting_id);
        return (
          raised.group_id === m.group_id &&
          FakeCasebook.when(raised, m) < 0 &&
          (a.status === "open" ||
            (a.closed_on !== null && a.closed_on >= m.date) ||
            a.closed_meeting_id === m.id)
        );
      })
      .sort(
        (a, b) =>
          cmp(this.meetingRow(a.raised_meeting_id).date, this.meetingRow(b.raised_meeting_id).date) ||
          a.id - b.id,
      )
      .map((a) => ({
        action: this.actionView(a),
        updates_here: this.updates
          .filter((u) => u.action_id === a.id && u.meeting_id === m.id)
          .sort((x, y) => x.id - y.id)
          .map(({ action_id: _, ...u }) => u),
      }));
  }

  /** The owner must exist, and a named person must be from that agency. */
  private checkOwner(agency: number, person: number | null): void {
    this.requireAgency(agency, "Owner agency");
    if (person === null) return;
    const p = this.people.find((x) => x.id === person);
    if (!p) this.requirePerson(person, "Owner");
    else if (p.agency_id !== agency) {
      invalid(
        "Owner",
        "is not from the owner agency. Choose someone from that agency, or change the agency.",
      );
    }
  }

  addAction(input: ActionInput): Action {
    const e = cleanEdit(input);
    this.meetingRow(input.raised_meeting_id);
    if (input.raised_item_id !== null) {
      const item = this.itemRow(input.raised_item_id);
      if (item.meeting_id !== input.raised_meeting_id) {
        invalid("Agenda item", "belongs to another meeting. Choose an item of this meeting.");
      }
    }
    this.checkOwner(e.owner_agency_id, e.owner_person_id);
    const row: ActionRow = {
      id: this.ids.action++,
      ...e,
      status: "open",
      drop_reason: null,
      closed_on: null,
      closed_meeting_id: null,
      raised_meeting_id: input.raised_meeting_id,
      raised_item_id: input.raised_item_id,
    };
    this.actions.push(row);
    return this.actionView(row);
  }

  updateAction(id: number, edit: ActionEdit): Action {
    const e = cleanEdit(edit);
    this.checkOwner(e.owner_agency_id, e.owner_person_id);
    const row = this.actionRow(id);
    Object.assign(row, e);
    return this.actionView(row);
  }

  setActionStatus(change: ActionStatusChange): Action {
    const note = cleanText(NOTE, change.note);
    if (change.status === "dropped" && note === "") {
      invalid(
        "Reason for dropping",
        "must be given: say briefly why the action is no longer needed.",
      );
    }
    const row = this.actionRow(change.action_id);
    if (row.status === change.status && note === "") {
      invalid(
        "Update",
        "is empty and the status is unchanged. Write a note of progress, or choose a new status.",
      );
    }
    const closedOn =
      change.status === "open"
        ? null
        : change.meeting_id !== null
          ? this.meetingRow(change.meeting_id).date
          : this.host.today();
    if (change.meeting_id !== null) this.checkUpdateMeeting(row, change.meeting_id);
    if (row.status !== change.status) {
      row.status = change.status;
      row.drop_reason = change.status === "dropped" ? note : null;
      row.closed_on = closedOn;
      row.closed_meeting_id = change.status === "open" ? null : change.meeting_id;
    }
    this.updates.push({
      id: this.ids.update++,
      action_id: row.id,
      status: change.status,
      note,
      meeting_id: change.meeting_id,
      at: this.host.now(),
    });
    return this.actionView(row);
  }

  /**
   * An update at a meeting belongs to the meeting the action was raised at
   * or a later one of its group (`actions::check_update_meeting`).
   */
  private checkUpdateMeeting(action: ActionRow, meetingId: number): void {
    const at = this.meetingRow(meetingId);
    const raised = this.meetingRow(action.raised_meeting_id);
    if (at.group_id !== raised.group_id || FakeCasebook.when(at, raised) < 0) {
      invalid(
        "Meeting",
        "is not the meeting this action was raised at, nor a later meeting of its group. Record the update at one of those meetings, or from the actions tracker.",
      );
    }
  }

  actionUpdates(actionId: number): ActionUpdate[] {
    return this.updates
      .filter((u) => u.action_id === actionId)
      .sort((a, b) => a.id - b.id)
      .map(({ action_id: _, ...u }) => u);
  }

  // ---- across records -------------------------------------------------

  home(): Home {
    const today = this.host.today();
    const next = this.listMeetings({ group_id: null, from: today, to: null, status: null, limit: 1000 })
      .filter((m) => m.status === "planned" || m.status === "in_progress")
      .reverse()
      .slice(0, 5);
    const overdue = this.listActions({
      agency_id: null,
      group_id: null,
      status: null,
      overdue_only: true,
      limit: 50,
    });
    const reviewDue = this.meetings
      .filter((m) => m.review_date <= today)
      .sort((a, b) => cmp(a.review_date, b.review_date) || a.id - b.id)
      .slice(0, 50)
      .map((m) => this.meetingView(m));
    return { today, next_meetings: next, overdue_actions: overdue, review_due: reviewDue };
  }

  search(input: string): SearchHit[] {
    if (chars(input) > MAX_QUERY_CHARS) {
      invalid("Search", `is too long (at most ${MAX_QUERY_CHARS} characters). Use fewer words.`);
    }
    const terms = words(input).slice(0, 12).map(fold);
    if (terms.length === 0) return [];
    const groupName = (id: number) => this.groups.find((g) => g.id === id)?.name ?? "";
    type Doc = { hit: SearchHit; text: string };
    const docs: Doc[] = [];
    for (const m of this.meetings) {
      docs.push({
        hit: {
          kind: "meeting",
          id: m.id,
          title: m.venue,
          context: `${groupName(m.group_id)} · ${m.date} ${m.start_time}`,
          meeting_id: m.id,
        },
        text: `${m.venue} ${groupName(m.group_id)} ${m.date}`,
      });
    }
    for (const i of this.items) {
      const m = this.meetingRow(i.meeting_id);
      docs.push({
        hit: {
          kind: "agenda_item",
          id: i.id,
          title: i.title,
          context: `${groupName(m.group_id)} · ${m.date}${i.case_ref ? ` · ${i.case_ref}` : ""}`,
          meeting_id: m.id,
        },
        text: `${i.title} ${i.case_ref ?? ""}`,
      });
    }
    for (const a of this.actions) {
      docs.push({
        hit: {
          kind: "action",
          id: a.id,
          title: a.text,
          context: `${this.agencyName(a.owner_agency_id)} · due ${a.due_date} · ${a.status}`,
          meeting_id: a.raised_meeting_id,
        },
        text: `${a.text} ${a.drop_reason ?? ""}`,
      });
    }
    for (const p of this.people) {
      docs.push({
        hit: {
          kind: "person",
          id: p.id,
          title: p.name,
          context: `${p.role} · ${this.agencyName(p.agency_id)}`,
          meeting_id: null,
        },
        text: `${p.name} ${p.role}`,
      });
    }
    for (const g of this.groups) {
      const n = this.meetings.filter((m) => m.group_id === g.id).length;
      docs.push({
        hit: { kind: "group", id: g.id, title: g.name, context: `${n} meetings`, meeting_id: null },
        text: g.name,
      });
    }
    const order: HitKind[] = ["meeting", "agenda_item", "action", "person", "group"];
    return docs
      .filter((d) => {
        const tokens = words(d.text).map(fold);
        return terms.every((t) => tokens.some((w) => w.startsWith(t)));
      })
      .sort((a, b) => order.indexOf(a.hit.kind) - order.indexOf(b.hit.kind) || a.hit.id - b.hit.id)
      .slice(0, MAX_HITS)
      .map((d) => d.hit);
  }
}
