/**
 * Time as the recordings write it (ISO 8601, ms) without a Date per record: at thousands of frames a
 * second most records share their millisecond, so the text is made once per millisecond and read
 * back once per distinct text.
 */

let isoMs = NaN;
let isoText = '';

/** Now as ISO text: the same string for every call within one millisecond. */
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

let parsedText = '';
let parsedMs = NaN;

/** Date.parse, remembering the last text: the records of one turn mostly carry the same one. */
export function isoMillis(text: string): number {
  if (text === parsedText) return parsedMs;
  parsedText = text;
  return (parsedMs = parseIsoTime(text));
}

/**
 * Date.parse, with the form chargers and recordings nearly always use read by character:
 * `2026-12-06T16:30:38.154Z` or without the milliseconds. Date.parse takes 0.17 µs on it, and every
 * MeterValues carries one. Anything else (an offset, a lower-case t, fewer digits, a year before
 * 1970, a field out of its range) goes to Date.parse itself, so the answer is always Date.parse's (held so
 * by a property test).
 */
export function parseIsoTime(text: string): number {
  const length = text.length;
  if ((length !== 24 && length !== 20) || text.charCodeAt(length - 1) !== 90 /* Z */) return Date.parse(text);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)
    return Date.parse(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let ms = 0;
  if (length === 24) {
    if (text.charCodeAt(19) !== 46 /* . */) return Date.parse(text);
    ms = digits(text, 20, 3);
  }
  // Out of range (or not digits: -1): Date.parse's own rules decide (it takes 24:00 as the next midnight).
  // A 31st of February needs no rule: Date.parse counts it on into March, as the sum below does.
  if (
    year < 1970 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  )
    return Date.parse(text);
  return daysSinceEpoch(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil; year ≥ 1970 here). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The decimal number in text[from, from + count), or -1 when a character there is not a digit. */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
