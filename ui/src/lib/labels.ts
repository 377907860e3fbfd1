/**
 * What the chair reads for each value of the closed lists Rust sends
 * (casebook's `kinds.rs` gives the same labels).
 */
import type {
  ActionStatus,
  AgendaItemKind,
  Attendance,
  Descriptor,
  HitKind,
  Marking,
  MeetingKind,
  MeetingStatus,
} from "./bindings";

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  bronze_tasking: "Bronze Level Tasking meeting",
  case_conference: "Case conference",
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  held: "Held",
  cancelled: "Cancelled",
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  invited: "Invited",
  present: "Present",
  apologies: "Apologies",
  absent: "Absent",
};

export const AGENDA_KIND_LABELS: Record<AgendaItemKind, string> = {
  introductions: "Introductions and confidentiality agreement",
  apologies: "Apologies",
  previous_minutes: "Previous minutes and actions",
  new_referral: "New referral",
  case_review: "Case review",
  hotspot_location: "Hotspot location",
  any_other_business: "Any other business",
  next_meeting: "Date of next meeting",
  other: "Other",
};

export const MARKINGS: Marking[] = ["OFFICIAL", "OFFICIAL-SENSITIVE"];
export const DESCRIPTORS: Descriptor[] = ["PERSONAL DATA", "LEGAL", "COMMERCIAL"];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  done: "Done",
  dropped: "Dropped",
};

export const HIT_KIND_LABELS: Record<HitKind, string> = {
  meeting: "Meeting",
  agenda_item: "Agenda item",
  action: "Action",
  person: "Person",
  group: "Group",
};

/** The keys of a label table, in its order, typed. */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}

/** "OFFICIAL-SENSITIVE PERSONAL DATA": a marking with its descriptor. */
export function markingText(marking: Marking, descriptor: Descriptor | null): string {
  return descriptor ? `${marking} ${descriptor}` : marking;
}

/** A label table as the options of a select, in the table's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return keysOf(labels).map((value) => ({ value, label: labels[value] }));
}
