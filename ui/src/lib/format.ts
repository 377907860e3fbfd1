/**
 * How dates and times read on screen: British style, 24-hour clock, always
 * in Europe/London whatever the laptop's own time zone, e.g.
 * "25 Nov 2026, 14:05". Rust sends RFC 3339 strings.
 *
 * Month names are our own: some ICU versions write "Sept" for en-GB.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type Parts = { year: number; month: number; day: number; hour: number; minute: number };

// RFC 3339: full date, "T" or space, time, and a zone (Z or ±hh:mm).
const RFC3339 =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;

function londonParts(rfc3339: string): Parts | null {
  if (!RFC3339.test(rfc3339.trim())) return null;
  const ms = Date.parse(rfc3339.trim().replace(" ", "T"));
  if (Number.isNaN(ms)) return null;
  const parts: Partial<Parts> = {};
  for (const p of LONDON.formatToParts(ms)) {
    if (p.type === "year" || p.type === "month" || p.type === "day" || p.type === "hour" || p.type === "minute") {
      parts[p.type] = Number(p.value);
    }
  }
  const { year, month, day, hour, minute } = parts;
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) {
    return null;
  }
  return { year, month, day, hour: hour % 24, minute };
}

const two = (n: number): string => String(n).padStart(2, "0");

/** "25 Nov 2026, 14:05"; the input unchanged if it is not RFC 3339. */
export function formatDateTime(rfc3339: string): string {
  const p = londonParts(rfc3339);
  if (!p) return rfc3339;
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${two(p.hour)}:${two(p.minute)}`;
}

/** "25 Nov 2026"; the input unchanged if it is not RFC 3339. */
export function formatDate(rfc3339: string): string {
  const p = londonParts(rfc3339);
  if (!p) return rfc3339;
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

/** "25/11/2026"; the input unchanged if it is not RFC 3339. */
export function formatNumericDate(rfc3339: string): string {
  const p = londonParts(rfc3339);
  if (!p) return rfc3339;
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "1 minute", "5 minutes". */
export function minutes(n: number): string {
  return n === 1 ? "1 minute" : `${n} minutes`;
}

/** The last part of a path, for either separator. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date as Rust stores it (`YYYY-MM-DD`) written the British way:
 * "25 Nov 2026"; with `weekday`, "Wed 25 Nov 2026". Anything else unchanged.
 */
export function formatDay(isoDay: string, options: { weekday?: boolean } = {}): string {
  const m = ISO_DAY.exec(isoDay);
  if (!m) return isoDay;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const name = MONTHS[month - 1];
  if (!name) return isoDay;
  const text = `${day} ${name} ${year}`;
  if (!options.weekday) return text;
  return `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]} ${text}`;
}

/** Every `YYYY-MM-DD` inside a line of text written the British way. */
export function formatDaysIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDay(d));
}

/** "1 month", "12 months". */
export function months(n: number): string {
  return n === 1 ? "1 month" : `${n} months`;
}

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export function todayInLondon(now: Date = new Date()): string {
  const p = londonParts(now.toISOString());
  if (!p) return now.toISOString().slice(0, 10);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}
