/**
 * Calendar dates as Rust sends and takes them: `YYYY-MM-DD` strings (which
 * sort in time order), and the arithmetic the screens need on them.
 */

/** Days in a month (1–12) of a year. */
export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `text` is a `YYYY-MM-DD` date that exists. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/**
 * `date` plus `months` calendar months; the 31st becomes the month's last
 * day (as Rust's `dates::add_months`).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysIn(year, month));
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative if `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

const iso = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** A month's number (1–12) from its name or a 3+ letter start of it ("Sept" too). */
function monthFromName(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = MONTH_NAMES.findIndex((name) => name.startsWith(w) || (w === "sept" && name === "september"));
  return i < 0 ? null : i + 1;
}

/**
 * A date as a British person types it, read day first whatever the
 * laptop's locale: "2/12/2026", "02-12-2026", "2.12.26", "02122026",
 * "2 Dec 2026", "2 December 2026"; a pasted "2026-12-02" too. Two-digit
 * years are this century. Returns `YYYY-MM-DD`, or null if the text is not
 * a date that exists.
 */
export function parseBritishDate(text: string): string | null {
  const t = text.trim();
  let year: number, month: number, day: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})$/.exec(t))) {
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[3]!.length === 2) year += 2000;
  } else if ((m = /^(\d{2})(\d{2})(\d{4})$/.exec(t))) {
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(t))) {
    const named = monthFromName(m[2]!);
    if (named === null) return null;
    [day, month, year] = [Number(m[1]), named, Number(m[3])];
  } else {
    return null;
  }
  if (year < 1900 || year > 2999) return null;
  const result = iso(year, month, day);
  return isIsoDate(result) ? result : null;
}

/** `YYYY-MM-DD` as "02/12/2026"; anything else unchanged. */
export function toBritishDate(isoDate: string): string {
  if (!isIsoDate(isoDate)) return isoDate;
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}

/** `date` plus `days` days (negative for earlier). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * A 24-hour time as people type it: "10:00", "10.00", "1000", "9:30",
 * "930", "10" (on the hour). Returns `HH:MM`, or null if it is not a time
 * of day.
 */
export function parseTime(text: string): string | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  let hour: number, minute: number;
  if ((m = /^(\d{1,2})\s*[:.h]\s*(\d{2})$/.exec(t))) {
    [hour, minute] = [Number(m[1]), Number(m[2])];
  } else if ((m = /^(\d{1,2})(\d{2})$/.exec(t))) {
    [hour, minute] = [Number(m[1]), Number(m[2])];
  } else if ((m = /^(\d{1,2})$/.exec(t))) {
    [hour, minute] = [Number(m[1]), 0];
  } else {
    return null;
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/**
 * What a date or time field holds for a given text: the normal form when
 * the text reads as one, "" when blank, and otherwise the text itself (so
 * that the form can refuse it by name).
 */
export function normalised(text: string, parse: (t: string) => string | null): string {
  if (text.trim() === "") return "";
  return parse(text) ?? text;
}

/**
 * The refusal for a date field whose text is not a date (see `normalised`),
 * naming the field; null when it is blank or a date.
 */
export function dateProblem(field: string, value: string): string | null {
  if (value === "" || isIsoDate(value)) return null;
  return `${field}: write it as day/month/year, for example 02/12/2026, with a day that exists in that month.`;
}

/** As `dateProblem`, for a time field. */
export function timeProblem(field: string, value: string): string | null {
  if (value === "" || parseTime(value) === value) return null;
  return `${field}: write it on the 24-hour clock, for example 09:30 or 14:00.`;
}
