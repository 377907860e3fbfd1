/**
 * The input rules of the Rust domain (casebook's `text.rs` and `dates.rs`),
 * for the fake backend: the same checks, in the same order, with the same
 * messages, so that a screen test sees what the chair would see.
 */
import type { ApiError } from "./bindings";
import { daysIn } from "./dates";

export { addMonths } from "./dates";

/** A refusal, as the fake backend throws it internally. */
export class Refusal {
  constructor(readonly error: ApiError) {}
}

export function refuse(code: string, message: string): never {
  throw new Refusal({ code, message });
}

/** `{field}: {problem}` with code `invalid_input` (Rust's `Error::Invalid`). */
export function invalid(field: string, problem: string): never {
  refuse("invalid_input", `${field}: ${problem}`);
}

/** Rust's `Error::NotFound(thing)`. */
export function notFound(thing: string): never {
  refuse("not_found", `That ${thing} no longer exists. Refresh the list and try again.`);
}

export function conflict(message: string): never {
  refuse("conflict", message);
}

export function chars(s: string): number {
  return [...s].length;
}

/** How one text field is checked (casebook `TextRule`). */
export type TextRule = {
  field: string;
  maxChars: number;
  multiline: boolean;
  required: boolean;
};

/** A one-line name or title: required. */
export function nameRule(field: string, maxChars: number): TextRule {
  return { field, maxChars, multiline: false, required: true };
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Trims, applies NFC, and refuses what the rule forbids. */
export function cleanText(rule: TextRule, input: string): string {
  const text = input.trim().normalize("NFC");
  if (text === "") {
    if (rule.required) invalid(rule.field, "must not be empty. Please fill it in.");
    return text;
  }
  const n = chars(text);
  if (n > rule.maxChars) {
    invalid(rule.field, `is too long (${n} characters; at most ${rule.maxChars}). Please shorten it.`);
  }
  for (const c of text) {
    if (BIDI.test(c)) {
      invalid(
        rule.field,
        "contains an invisible text-direction character (often pasted from another document). Please retype it rather than pasting.",
      );
    }
    const allowedSpace = rule.multiline && (c === "\n" || c === "\t");
    if (CONTROL.test(c) && !allowedSpace) {
      invalid(
        rule.field,
        c === "\n" || c === "\r"
          ? "must be on one line. Please remove the line break."
          : "contains an invisible control character (often pasted from another document). Please retype it rather than pasting.",
      );
    }
  }
  return text;
}

// ---- dates and times ------------------------------------------------------

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** Checks a calendar date `YYYY-MM-DD` that must exist; returns it as stored. */
export function checkDate(field: string, input: string): string {
  const text = input.trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const exists =
    m !== null &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[3]) >= 1 &&
    Number(m[3]) <= daysIn(Number(m[1]), Number(m[2]));
  if (!m || !exists) {
    const parts = text.split("-");
    const looksLikeDate = parts.length === 3 && parts.every((p) => /^\d+$/.test(p));
    invalid(
      field,
      looksLikeDate
        ? "is not a date that exists (check the day of the month). Please correct it."
        : "must be a date such as 2026-11-25. Please correct it.",
    );
  }
  const year = Number(m[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    invalid(field, `must be between ${FIRST_YEAR} and ${LAST_YEAR}. Please check the year.`);
  }
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}

/** An optional date: empty means none. */
export function checkOptionalDate(field: string, input: string | null): string | null {
  if (input === null || input.trim() === "") return null;
  return checkDate(field, input);
}

/** Checks a 24-hour clock time `HH:MM`. */
export function checkTime(field: string, input: string): string {
  const text = input.trim();
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) invalid(field, "must be a 24-hour time such as 09:30 or 14:00. Please correct it.");
  return text;
}

export function checkOptionalTime(field: string, input: string | null): string | null {
  if (input === null || input.trim() === "") return null;
  return checkTime(field, input);
}

const LONDON_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The date in Europe/London of an instant, `YYYY-MM-DD`. */
export function londonDay(ms: number): string {
  return LONDON_DAY.format(ms);
}
