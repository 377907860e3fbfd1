/**
 * The Appendix K request form's state on screen, and what it sends. No rule
 * lives here: what is missing or wrong is Rust's to say (`request_check`,
 * `request_response_check`), each problem beside the field it names.
 */
import { REQUEST_FORM_WORDS, SIGNATURE_PAD } from "../bindings";
import type { FormProblem, FormSignature, PadLimits, RequestForm, ResponseForm } from "../bindings";

/** The pad the form's signatures are drawn on: the kiosk's, as Rust sends it (`SIGNATURE_PAD`). */
export const FORM_PAD: PadLimits = SIGNATURE_PAD;

/** The form's own words (Appendix K), as Rust prints them on the PDF (`REQUEST_FORM_WORDS`). */
export const FORM_WORDS = REQUEST_FORM_WORDS;

/** A signature being made: the pad's strokes and the three fields beside it. */
export type SignatureState = { name: string; rank: string; date: string; strokes: FormSignature["strokes"] };

export function blankSignature(): SignatureState {
  return { name: "", rank: "", date: "", strokes: [] };
}

/** What a signature block sends: nothing at all while it is untouched. */
export function signatureOf(s: SignatureState): FormSignature | null {
  const untouched = s.name.trim() === "" && s.rank.trim() === "" && s.date.trim() === "" && s.strokes.length === 0;
  return untouched ? null : { name: s.name, rank: s.rank, date: s.date, strokes: s.strokes };
}

export function blankRequestForm(today: string): RequestForm {
  return {
    requester: { name: "", address: "", tel: "", date: today, reference: "", to: "" },
    subject: {
      surname: "",
      previous_surnames: "",
      also_known_as: "",
      forenames: "",
      place_of_birth: "",
      date_of_birth: null,
      address: "",
      postcode: "",
      previous_address: "",
      previous_postcode: "",
    },
    information_sought: "",
    basis: {
      legal_power: null,
      statutory_purpose: null,
      reasons: "",
      confidentiality_overridden: false,
      privacy_outweighed: false,
    },
    signed: null,
  };
}

export function blankResponse(today: string): ResponseForm {
  return {
    contact: { name: "", address: "", tel: "", email: "", date: today, reference: "", to: "" },
    response: "",
    signed: null,
  };
}

/** The problems Rust names for `field` (a signature's own field included under it when `nested`). */
export function problemsAt(problems: FormProblem[], field: string): FormProblem[] {
  return problems.filter((p) => p.field === field);
}

/** The problems about no field the form shows: above it. */
export function unplaced(problems: FormProblem[], shown: readonly string[]): FormProblem[] {
  const known = new Set(shown);
  return problems.filter((p) => !known.has(p.field));
}

/** The request form's fields, as Rust names them, in the form's order. */
export const REQUEST_FIELDS = [
  "requester.name",
  "requester.address",
  "requester.tel",
  "requester.date",
  "requester.reference",
  "requester.to",
  "subject.surname",
  "subject.previous_surnames",
  "subject.also_known_as",
  "subject.forenames",
  "subject.place_of_birth",
  "subject.date_of_birth",
  "subject.address",
  "subject.postcode",
  "subject.previous_address",
  "subject.previous_postcode",
  "information_sought",
  "basis.legal_power",
  "basis.statutory_purpose",
  "basis.reasons",
  "basis.confidentiality_overridden",
  "basis.privacy_outweighed",
  "signed",
  "signed.name",
  "signed.rank",
  "signed.date",
  "signed.strokes",
] as const;

export const RESPONSE_FIELDS = [
  "contact.name",
  "contact.address",
  "contact.tel",
  "contact.email",
  "contact.date",
  "contact.reference",
  "contact.to",
  "response",
  "signed",
  "signed.name",
  "signed.rank",
  "signed.date",
  "signed.strokes",
] as const;

/** The field's id in the page, from Rust's name (`subject.surname` → `subject-surname`). */
export function fieldId(prefix: string, field: string): string {
  return `${prefix}-${field.replaceAll(".", "-").replaceAll("_", "-")}`;
}
