/**
 * The disclosure form's state, and what it sends. The form keeps every
 * category's details while the minute-taker switches between categories;
 * only the chosen category's go to Rust (which drops the others anyway).
 * No rule lives here: what is missing, too old or not allowed is Rust's to
 * say, beside the field (`Finding.field`).
 */
import type {
  CautionKind,
  Category,
  Descriptor,
  Disclosure,
  DisclosureInput,
  GenderException,
  LegalPower,
  Marking,
  Minuting,
  Nature,
  RuleId,
  SentenceType,
  StatutoryPurpose,
} from "../bindings";

export type DisclosureFormState = {
  personId: number | null;
  caseRef: string;
  category: Category | null;
  nature: Nature;
  text: string;
  caution: { kind: CautionKind; givenOn: string };
  harassment: { recordedOn: string; basis: string };
  asb: { corroboration: string };
  conviction: {
    offence: string;
    convictedOn: string;
    sentence: SentenceType | null;
    /** As typed: a whole number of months, or empty. */
    months: string;
    endsOn: string;
    under18: boolean;
    neverSpent: boolean;
  };
  legalPower: LegalPower | null;
  purpose: StatutoryPurpose | null;
  /** Null: the item's marking. */
  marking: Marking | null;
  descriptor: Descriptor | null;
  minuting: Minuting;
  summary: string;
  gender: boolean;
  genderException: GenderException | null;
  accepted: RuleId[];
};

/** A new form: the item's case reference, a fact, minuted in full; what the last one relied on, if given. */
export function blankForm(
  caseRef: string | null,
  carried: Partial<Pick<DisclosureFormState, "personId" | "legalPower" | "purpose">> = {},
): DisclosureFormState {
  return {
    personId: carried.personId ?? null,
    caseRef: caseRef ?? "",
    category: null,
    nature: "fact",
    text: "",
    caution: { kind: "simple", givenOn: "" },
    harassment: { recordedOn: "", basis: "" },
    asb: { corroboration: "" },
    conviction: {
      offence: "",
      convictedOn: "",
      sentence: null,
      months: "",
      endsOn: "",
      under18: false,
      neverSpent: false,
    },
    legalPower: carried.legalPower ?? null,
    purpose: carried.purpose ?? null,
    marking: null,
    descriptor: null,
    minuting: "full",
    summary: "",
    gender: false,
    genderException: null,
    accepted: [],
  };
}

/** The form filled from a stored disclosure, to change it. */
export function formOf(d: Disclosure): DisclosureFormState {
  const f = blankForm(d.case_ref, { personId: d.person_id });
  const x = d.draft;
  f.category = x.category;
  f.nature = x.nature;
  f.text = x.text;
  if (x.caution) f.caution = { kind: x.caution.kind, givenOn: x.caution.given_on };
  if (x.harassment_warning) {
    f.harassment = { recordedOn: x.harassment_warning.recorded_on, basis: x.harassment_warning.basis };
  }
  if (x.asb_admission) f.asb = { corroboration: x.asb_admission.corroboration };
  if (x.conviction) {
    const c = x.conviction;
    f.conviction = {
      offence: c.offence,
      convictedOn: c.convicted_on,
      sentence: c.sentence,
      months: c.sentence_months === null ? "" : String(c.sentence_months),
      endsOn: c.sentence_ends_on ?? "",
      under18: c.under_18,
      neverSpent: c.never_spent,
    };
  }
  f.legalPower = x.legal_power;
  f.purpose = x.statutory_purpose;
  f.marking = d.marking;
  f.descriptor = d.descriptor;
  f.minuting = d.minuting;
  f.summary = d.minute_summary ?? "";
  f.gender = x.touches_gender_history;
  f.genderException = x.gender_exception;
  f.accepted = d.acceptances.map((a) => a.rule);
  return f;
}

/** Why the form cannot be sent at all (the UI's own checks), or null. */
export type NotReady = { field: "person_id" | "category" | "conviction.sentence_months"; message: string };

const WHOLE = /^\s*\d+\s*$/;

/**
 * What the form sends, or why nothing can be sent yet: a picker left on
 * "Choose…" (there is no id to send) or a number of months that is not one.
 */
export function inputOf(f: DisclosureFormState, itemId: number): DisclosureInput | NotReady {
  if (f.personId === null) return { field: "person_id", message: "Who is disclosing: choose them from those present." };
  if (f.category === null) return { field: "category", message: "Category: choose what kind of information it is." };
  const c = f.conviction;
  if (f.category === "conviction" && c.months.trim() !== "" && !WHOLE.test(c.months)) {
    return { field: "conviction.sentence_months", message: "Length in months: type a whole number of months, such as 6." };
  }
  return {
    item_id: itemId,
    case_ref: f.caseRef.trim() === "" ? null : f.caseRef,
    person_id: f.personId,
    draft: {
      category: f.category,
      nature: f.nature,
      text: f.text,
      caution: f.category === "police_caution" ? { kind: f.caution.kind, given_on: f.caution.givenOn } : null,
      harassment_warning:
        f.category === "harassment_warning"
          ? { recorded_on: f.harassment.recordedOn, basis: f.harassment.basis }
          : null,
      asb_admission: f.category === "asb_admission" ? { corroboration: f.asb.corroboration } : null,
      conviction:
        f.category === "conviction" && c.sentence !== null
          ? {
              offence: c.offence,
              convicted_on: c.convictedOn,
              sentence: c.sentence,
              sentence_months: c.months.trim() === "" ? null : Number(c.months.trim()),
              sentence_ends_on: c.endsOn === "" ? null : c.endsOn,
              under_18: c.under18,
              never_spent: c.neverSpent,
            }
          : null,
      legal_power: f.legalPower,
      statutory_purpose: f.purpose,
      touches_gender_history: f.gender,
      gender_exception: f.gender ? f.genderException : null,
    },
    marking: f.marking,
    descriptor: f.descriptor,
    minuting: f.minuting,
    minute_summary: f.minuting === "summary" ? f.summary : null,
    accepted: f.accepted,
  };
}

export function isNotReady(x: DisclosureInput | NotReady): x is NotReady {
  return "message" in x;
}
