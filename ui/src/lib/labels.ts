/**
 * What the chair reads for each value of the closed lists Rust sends. The
 * tables are casebook's own labels (`kinds.rs`, `search.rs`), generated into
 * the bindings; this module only adds the helpers the screens use.
 */
import type { Descriptor, Marking } from "./bindings";

export {
  ACTION_STATUS_LABELS,
  AGENCY_KIND_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGENDA_KIND_LABELS,
  CASE_KIND_LABELS,
  ATTENDANCE_LABELS,
  CATEGORY_LABELS,
  CAUTION_KIND_LABELS,
  DECISION_LABELS,
  DELIVERY_LABELS,
  DIRECTION_LABELS,
  DESCRIPTORS,
  GENDER_EXCEPTION_LABELS,
  HIT_KIND_LABELS,
  KEY_SOURCE_LABELS,
  LEGAL_POWER_LABELS,
  LEVEL_LABELS,
  MARKINGS,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  MINUTING_LABELS,
  NATURE_LABELS,
  RULE_LABELS,
  SENTENCE_TYPE_LABELS,
  STAGE_LABELS,
  STATUTORY_PURPOSE_LABELS,
  YEAR_SOURCE_LABELS,
} from "./bindings";

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
