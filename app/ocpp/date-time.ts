/**
 * The schemas' `date-time` format (RFC 3339, a time zone required), decided exactly as ajv-formats'
 * full mode decides it, without its split and regular-expression matches: every MeterValues carries
 * timestamps, and those allocations were a tenth of what the central system allocated per frame.
 * date-time.test.ts holds it to ajv-formats' answer on generated strings.
 */

const DATE_TIME = /^\d{4}-\d\d-\d\d[tT\s]\d\d:\d\d:\d\d(?:\.\d+)?(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two ASCII digits at i as a number (the pattern has already said they are digits). */
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export function isDateTime(s: string): boolean {
  if (!DATE_TIME.test(s)) return false;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && isLeapYear(year) ? 29 : DAYS[month]!)) return false;
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17); // the fraction never changes the comparisons below: they are against whole seconds
  let sign = 1;
  let zoneHours = 0;
  let zoneMinutes = 0;
  const last = s.charCodeAt(s.length - 1);
  if (last !== 90 && last !== 122) {
    // An offset: ±HH, ±HHMM or ±HH:MM after the seconds (and their fraction).
    let i = 19;
    while (s[i] !== '+' && s[i] !== '-') i++;
    sign = s[i] === '-' ? -1 : 1;
    zoneHours = two(s, i + 1);
    if (s.length > i + 3) zoneMinutes = two(s, s.length - 2);
  }
  if (zoneHours > 23 || zoneMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second: 23:59:60 in UTC only.
  const utcMinute = minute - zoneMinutes * sign;
  const utcHour = hour - zoneHours * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}
